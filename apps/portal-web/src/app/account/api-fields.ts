import { HttpErrorResponse } from '@angular/common/http';

/**
 * The same error with its `fields` keys renamed for the form: `rename` maps request names to form
 * names (e.g. newPassword → password), and list indexes are dropped (`redirectUris.1` and
 * `redirectUris[1]` → `redirectUris`), so FormFeedback shows them by the right field.
 */
export function withFormFieldNames(error: unknown, rename: Readonly<Record<string, string>> = {}): unknown {
  if (!(error instanceof HttpErrorResponse) || typeof error.error !== 'object' || error.error === null) {
    return error;
  }
  const fields = (error.error as { fields?: unknown }).fields;
  if (typeof fields !== 'object' || fields === null) {
    return error;
  }
  const renamed: Record<string, unknown[]> = {};
  for (const [key, messages] of Object.entries(fields)) {
    const base = key.replace(/(\.\d+|\[\d+\])(\..*)?$/, '');
    const name = rename[base] ?? base;
    renamed[name] = [...(renamed[name] ?? []), ...(Array.isArray(messages) ? messages : [])];
  }
  return new HttpErrorResponse({
    error: { ...error.error, fields: renamed },
    headers: error.headers,
    status: error.status,
    statusText: error.statusText,
    url: error.url ?? undefined,
  });
}
