import type { ApiErrorCode } from '@passerelle/contracts';

/**
 * An expected failure with a stable code, an HTTP status and a sentence a person understands.
 * Services throw it; the HTTP layer turns it into an ApiErrorBody, the CLI into one line.
 */
export class AppError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly params?: Record<string, string>,
  ) {
    super(message);
  }
}
