import { AppError } from '../../http/app-error';

/**
 * A fixed-window counter per key, in this process (like the alerts' rate limit): enough to stop a
 * loop or a flood from one person or address. Old windows are dropped as new ones start.
 */
export class RateWindow {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly what: string,
  ) {}

  /** Counts one use for `key`, or throws 429 with Retry-After when the window is full. */
  take(key: string, nowMs: number): void {
    let window = this.windows.get(key);
    if (!window || nowMs - window.startedAt >= this.windowMs || nowMs < window.startedAt) {
      if (this.windows.size > 10_000) this.prune(nowMs);
      window = { startedAt: nowMs, used: 0 };
      this.windows.set(key, window);
    }
    if (window.used >= this.limit) {
      const retryAfter = Math.max(1, Math.ceil((window.startedAt + this.windowMs - nowMs) / 1000));
      throw new AppError('rate_limited', 429, `Too many ${this.what}; try again in ${retryAfter} s.`, undefined, { retryAfter: String(retryAfter) });
    }
    window.used += 1;
  }

  private prune(nowMs: number): void {
    for (const [key, window] of this.windows) if (nowMs - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
