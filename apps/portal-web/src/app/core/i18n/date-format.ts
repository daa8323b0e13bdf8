import type { Locale } from '@passerelle/contracts';

/*
 * How dates are written everywhere in the portal. Plain "en" would be US English
 * ("December 23, 2026", "8:07 PM"); Passerelle writes British English and French.
 */

const DATE_LOCALES: Readonly<Record<Locale, string>> = { en: 'en-GB', fr: 'fr-FR' };

/** The Intl locale for the UI language: "en" → "en-GB" ("23 December 2026", 24-hour clock). */
export function dateLocale(locale: string): string {
  return DATE_LOCALES[locale as Locale] ?? locale;
}

/** "23 December 2026" / "23 décembre 2026", or null when `value` isn't a date. */
export function longDate(value: string | null | undefined, locale: string): string | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long' }).format(date) : null;
}

/** "23 December 2026 at 20:07" / "23 décembre 2026 à 20:07", or null when `value` isn't a date. */
export function longDateTime(value: string | null | undefined, locale: string): string | null {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime())
    ? new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeStyle: 'short' }).format(date)
    : null;
}
