import { HttpErrorResponse } from '@angular/common/http';
import { ApiErrorCodes, type ApiErrorBody, type ApiErrorCode } from '@passerelle/contracts';
import type { MessageKey } from '../i18n';

/** What the pages need to know about a failed API call. */
export interface ApiFailure {
  /** HTTP status; 0 when the server could not be reached. */
  status: number;
  /** The stable error code from the body, when the body is an ApiErrorBody. */
  code: ApiErrorCode | null;
  /** Per-field messages from a validation error, keyed by request field name. */
  fields: Record<string, string[]>;
  /** Values a translated message may need, e.g. `date` and `sponsor` for guest_access_ended. */
  params: Record<string, string>;
}

export function toApiFailure(error: unknown): ApiFailure {
  if (!(error instanceof HttpErrorResponse)) {
    return { status: -1, code: null, fields: {}, params: {} };
  }
  const body = isApiErrorBody(error.error) ? error.error : null;
  return { status: error.status, code: body?.code ?? null, fields: sanitizeFields(body?.fields), params: sanitizeParams(body?.params) };
}

/** The translated message for a failure: by code, else by kind (network, server, unknown). */
export function failureMessageKey(failure: ApiFailure): MessageKey {
  if (failure.code) {
    return `error.${failure.code}`;
  }
  if (failure.status === 0) {
    return 'error.network';
  }
  if (failure.status === 429) {
    return 'error.rate_limited';
  }
  if (failure.status >= 500) {
    return 'error.internal_error';
  }
  return 'error.unknown';
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (ApiErrorCodes as readonly string[]).includes(code);
}

function sanitizeFields(fields: unknown): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  if (typeof fields !== 'object' || fields === null) {
    return result;
  }
  for (const [name, messages] of Object.entries(fields)) {
    if (Array.isArray(messages)) {
      const texts = messages.filter((m): m is string => typeof m === 'string' && m.length > 0);
      if (texts.length) {
        result[name] = texts;
      }
    }
  }
  return result;
}

function sanitizeParams(params: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (typeof params !== 'object' || params === null) {
    return result;
  }
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      result[name] = value;
    }
  }
  return result;
}
