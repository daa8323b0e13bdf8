import { AppError } from '../http/app-error';

/**
 * Alerts per app per minute, counted in this process (a fixed one-minute window). A runaway app is
 * slowed with 429 and Retry-After instead of filling everyone's bell.
 */
export class AlertRateLimit {
  private readonly windows = new Map<string, { startedAt: number; used: number }>();

  constructor(private readonly perMinute: number) {}

  /** Counts `n` alerts for the app, or throws 429 (nothing counted) when they don't fit. */
  take(clientId: string, n: number, nowMs: number): void {
    let window = this.windows.get(clientId);
    if (!window || nowMs - window.startedAt >= 60_000) {
      window = { startedAt: nowMs, used: 0 };
      this.windows.set(clientId, window);
    }
    if (window.used + n > this.perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window.startedAt + 60_000 - nowMs) / 1000));
      throw new AppError('rate_limited', 429, `This app may post ${this.perMinute} alerts a minute; try again in ${retryAfter} s.`, undefined, { retryAfter: String(retryAfter) });
    }
    window.used += n;
  }
}
