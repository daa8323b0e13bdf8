/**
 * Body of every error response from /api. `code` is stable and lets clients show a message in the
 * user's language; `message` is a readable English fallback; `fields` holds per-field problems.
 */
export interface ApiErrorBody {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
  fields?: Record<string, string[]>;
  /** Values a translated message may need (e.g. `sponsor`, `date` for guest_access_ended). */
  params?: Record<string, string>;
  requestId?: string;
}

export const ApiErrorCodes = [
  'validation_failed',
  'not_found',
  'payload_too_large',
  'rate_limited',
  'setup_link_invalid',
  'setup_link_expired',
  'setup_link_used',
  'setup_already_done',
  'email_taken',
  'unauthorized',
  'forbidden',
  'conflict',
  'bad_request',
  'invalid_credentials',
  'totp_invalid',
  'totp_reused',
  'recovery_code_invalid',
  'too_many_attempts',
  'interaction_expired',
  'account_disabled',
  'reset_link_invalid',
  'reset_link_expired',
  'reset_link_used',
  'second_factor_required',
  'guest_access_ended',
  'guest_access_not_started',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof ApiErrorCodes)[number];
