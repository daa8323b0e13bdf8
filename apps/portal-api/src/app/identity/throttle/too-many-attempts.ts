import type { Response } from 'express';
import { AppError } from '../../http/app-error';

/** 429 too_many_attempts, carrying how long to wait so the controller can send Retry-After. */
export class TooManyAttemptsError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_attempts', 429, `Too many attempts. Try again in ${describeWait(retryAfterSeconds)}.`);
  }
}

/**
 * Runs a controller's work and, when it is refused for too many attempts, sets Retry-After before
 * the error reaches the exception filter (which writes the body but knows nothing of headers).
 */
export async function withRetryAfter<T>(res: Response, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof TooManyAttemptsError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
}

function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
