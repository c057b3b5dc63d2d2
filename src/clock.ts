/**
 * The one clock (issue 15 point 2): every component that reads the time or sets a timer gets a
 * Clock injected, so a test can drive time instead of sleeping, and nothing reads `Date.now()`
 * behind the wiring's back. Production uses `systemClock`.
 */
export interface Timer {
  cancel(): void;
}

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Calls `fn` once after `ms`. The timer never keeps the process alive on its own. */
  after(ms: number, fn: () => void): Timer;
  /** Calls `fn` every `ms` until cancelled; never keeps the process alive on its own. */
  every(ms: number, fn: () => void): Timer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
  every(ms, fn) {
    const t = setInterval(fn, ms);
    t.unref();
    return { cancel: () => clearInterval(t) };
  },
};

/** The system's timers with another notion of "now" (a test's fixed or shifted time). */
export function clockWithNow(now: () => number): Clock {
  return { ...systemClock, now };
}
