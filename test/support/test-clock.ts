/**
 * A clock for tests that drive time: real timers (the simulators and Redis run in real time), but
 * `now()` can jump ahead, so a hold time or an approval window passes at once when the test says
 * so — and never early because the machine is slow.
 */
import { systemClock, type Clock } from '../../src/clock.js';

export class TestClock implements Clock {
  private offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  /** Moves "now" forward; timers already set still fire on the real clock. */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  after(ms: number, fn: () => void) {
    return systemClock.after(ms, fn);
  }

  every(ms: number, fn: () => void) {
    return systemClock.every(ms, fn);
  }
}
