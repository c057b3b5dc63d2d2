/**
 * chat.postMessage's special tier: about one message per second per channel, short bursts allowed
 * (reference B3). A token bucket per channel; an empty bucket means HTTP 429.
 */
export interface PostMessageRateLimit {
  postMessagePerChannelPerSec: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class ChannelRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: PostMessageRateLimit,
    private readonly now: () => number,
  ) {}

  /** Takes a token for `channel`; returns the Retry-After seconds when none is left. */
  take(channel: string): number | undefined {
    const now = this.now();
    const rate = this.limit.postMessagePerChannelPerSec;
    const previous = this.buckets.get(channel) ?? { tokens: this.limit.burst, at: now };
    const tokens = Math.min(this.limit.burst, previous.tokens + ((now - previous.at) / 1000) * rate);
    if (tokens >= 1) {
      this.buckets.set(channel, { tokens: tokens - 1, at: now });
      return undefined;
    }
    this.buckets.set(channel, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / rate));
  }
}
