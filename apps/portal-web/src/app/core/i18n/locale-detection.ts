import { DEFAULT_LOCALE, isLocale, SUPPORTED_LOCALES, type Locale } from '@passerelle/contracts';

/** localStorage key of the user's language choice. A preference only: never store secrets here. */
export const LOCALE_STORAGE_KEY = 'psl.locale';

/** The part of Storage this app uses; lets tests pass a fake and survives storage being disabled. */
export type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/**
 * Picks the first language: the saved choice, else the browser's ordered preferences (`fr-CA` → fr),
 * else English.
 */
export function detectInitialLocale(storage: PreferenceStorage | null, browserLanguages: readonly string[]): Locale {
  const saved = readSaved(storage);
  if (saved) {
    return saved;
  }
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    const match = SUPPORTED_LOCALES.find((locale) => locale === primary);
    if (match) {
      return match;
    }
  }
  return DEFAULT_LOCALE;
}

function readSaved(storage: PreferenceStorage | null): Locale | null {
  try {
    const value = storage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}
