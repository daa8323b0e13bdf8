import { HttpErrorResponse } from '@angular/common/http';

/**
 * How long to wait before trying again, from a 429's Retry-After header (seconds, or an HTTP date);
 * null when the error says nothing usable.
 */
export function retryAfterSeconds(error: unknown, now: () => number = Date.now): number | null {
  if (!(error instanceof HttpErrorResponse)) {
    return null;
  }
  const header = error.headers?.get('Retry-After')?.trim();
  if (!header) {
    return null;
  }
  if (/^\d+$/.test(header)) {
    const seconds = Number(header);
    return seconds > 0 ? seconds : null;
  }
  const at = Date.parse(header);
  if (Number.isNaN(at)) {
    return null;
  }
  const seconds = Math.ceil((at - now()) / 1000);
  return seconds > 0 ? seconds : null;
}
