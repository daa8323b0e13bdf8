/** However many failures, a feed is tried again at least this often. */
export const BACKOFF_MAX_SECONDS = 6 * 60 * 60;

/**
 * Seconds until the next poll: the base interval after a success, doubled for each failure in a
 * row (interval × 2^failures), never more than six hours — unless the base interval itself is longer.
 */
export function nextPollDelaySeconds(baseSeconds: number, consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return baseSeconds;
  // 2^20 is far past any cap; the exponent is bounded so the arithmetic stays exact.
  const backoff = baseSeconds * 2 ** Math.min(consecutiveFailures, 20);
  return Math.max(baseSeconds, Math.min(backoff, BACKOFF_MAX_SECONDS));
}

export function addSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}
