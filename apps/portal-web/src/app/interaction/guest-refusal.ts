import type { MessageKey, MessageParams } from '../core/i18n';
import type { FormBanner } from '../shared/forms/form-feedback';

/** A long date in the UI language ("31 March 2027", "31 mars 2027"), or null when it isn't one. */
function longDate(value: string | undefined, locale: string): string | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(date) : null;
}

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
