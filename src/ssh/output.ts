/**
 * A command's output kept within a bound: the first bytes (what it started doing) and the last
 * ones (how it ended), with how much was left out between them. `rm -rfv` over a build area
 * prints a line per file: millions of lines must not fill the bot's memory or Redis.
 */
export class BoundedOutput {
  private head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  total = 0;

  constructor(
    private readonly headMax: number,
    private readonly tailMax: number,
  ) {}

  push(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.headBytes < this.headMax) {
      const take = chunk.subarray(0, this.headMax - this.headBytes);
      this.head.push(take);
      this.headBytes += take.length;
      chunk = chunk.subarray(take.length);
      if (chunk.length === 0) return;
    }
    this.tail.push(chunk);
    this.tailBytes += chunk.length;
    while (this.tail.length > 1 && this.tailBytes - (this.tail[0]?.length ?? 0) >= this.tailMax) this.tailBytes -= this.tail.shift()?.length ?? 0;
  }

  /** Bytes not kept. */
  get omitted(): number {
    return Math.max(0, this.total - this.headBytes - Math.min(this.tailBytes, this.tailMax));
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    let tail = Buffer.concat(this.tail);
    if (tail.length > this.tailMax) tail = tail.subarray(tail.length - this.tailMax);
    const omitted = this.omitted;
    return omitted > 0 ? `${head}\n[… ${omitted} bytes left out …]\n${tail.toString('utf8')}` : `${head}${tail.toString('utf8')}`;
  }
}
