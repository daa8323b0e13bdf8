import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import type { I18nService } from '../core/i18n';

/**
 * A failed call in words for a one-field form (a name, an email): the server's field messages when
 * it sent some (they say what is wrong, e.g. that the name is taken), else the message for its code.
 */
export function problemText(error: unknown, i18n: I18nService): string {
  const failure = toApiFailure(error);
  const messages = Object.values(failure.fields).flat();
  return messages.length ? messages.join(' ') : i18n.translate(failureMessageKey(failure));
}
