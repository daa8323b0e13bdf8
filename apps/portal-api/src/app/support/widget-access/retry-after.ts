import type { Response } from 'express';
import { AppError } from '../../http/app-error';

/** Runs `work`; a 429 from it also sets the Retry-After header its message gives in seconds. */
export async function withRetryAfter<T>(res: Response, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.params?.['retryAfter']) res.setHeader('Retry-After', error.params['retryAfter']);
    throw error;
  }
}
