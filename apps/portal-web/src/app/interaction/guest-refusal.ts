import type { MessageKey, MessageParams } from '../core/i18n';
import { longDate } from '../core/i18n/date-format';
import type { FormBanner } from '../shared/forms/form-feedback';

/**
 * The words for a sign-in refusal. A guest outside their access window hears the date and whom to
 * ask (from the error's params); any other refusal, or one without its params, keeps the code's message.
 */
export function refusalMessage(banner: FormBanner, locale: string): { key: MessageKey; params?: MessageParams } {
  const params = banner.params ?? {};
  const date = longDate(params['date'], locale);
  if (banner.code === 'guest_access_ended' && date) {
    const sponsor = params['sponsor'];
    const email = params['sponsorEmail'];
    return sponsor && email ? { key: 'signIn.guest.ended', params: { date, sponsor, email } } : { key: 'signIn.guest.endedNoSponsor', params: { date } };
  }
  if (banner.code === 'guest_access_not_started' && date) {
    return { key: 'signIn.guest.notStarted', params: { date } };
  }
  return { key: banner.key };
}
