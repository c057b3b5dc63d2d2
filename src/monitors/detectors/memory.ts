/** What detectors remember between passes: when a condition was first seen (Nomad does not say). */
export class DetectorMemory {
  private readonly firstSeen = new Map<string, number>();
  private touched = new Set<string>();

  /** When `key` was first seen true (now, if this is the first time). */
  since(key: string, now: number): number {
    const at = this.firstSeen.get(key) ?? now;
    this.firstSeen.set(key, at);
    this.touched.add(key);
    return at;
  }

  /** Forgets conditions that were not seen in the pass that just ended. */
  sweep(): void {
    for (const k of this.firstSeen.keys()) if (!this.touched.has(k)) this.firstSeen.delete(k);
    this.touched = new Set();
  }
}
