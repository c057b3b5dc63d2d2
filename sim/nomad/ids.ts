/** Deterministic UUIDs (mulberry32), so the same scenario and requests give the same IDs. */
export class IdGenerator {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  private next32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A UUID in Nomad's format (8-4-4-4-12 lowercase hex, no version bits: Nomad uses random bytes). */
  uuid(): string {
    const hex = [this.next32(), this.next32(), this.next32(), this.next32()].map((n) => n.toString(16).padStart(8, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  }
}

/** Now as Nomad's nanosecond epoch integer (CreateTime, ModifyTime, ScalingEvent.Time). */
export const nowNanos = (): number => Date.now() * 1_000_000;

/** Now as RFC 3339 (Go's time.Time in JSON). */
export const nowRfc3339 = (): string => new Date().toISOString();

export const ZERO_TIME = '0001-01-01T00:00:00Z';
