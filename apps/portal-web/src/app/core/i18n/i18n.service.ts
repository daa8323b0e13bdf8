import { dateLocale } from './date-format';
import { DOCUMENT } from '@angular/common';
import { Injectable, InjectionToken, inject, signal } from '@angular/core';
import { type Locale } from '@passerelle/contracts';
import { detectInitialLocale, LOCALE_STORAGE_KEY, type PreferenceStorage } from './locale-detection';
import { DICTIONARIES, type LazyMessages, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/** Where the language choice is kept; null when the browser refuses storage. */
export const PREFERENCE_STORAGE = new InjectionToken<PreferenceStorage | null>('PREFERENCE_STORAGE', {
  providedIn: 'root',
  factory: () => {
    try {
      return inject(DOCUMENT).defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  },
});

/** The browser's ordered language preferences. */
export const BROWSER_LANGUAGES = new InjectionToken<readonly string[]>('BROWSER_LANGUAGES', {
  providedIn: 'root',
  factory: () => {
    const navigator = inject(DOCUMENT).defaultView?.navigator;
    return navigator?.languages?.length ? navigator.languages : navigator?.language ? [navigator.language] : [];
  },
});

/**
 * Runtime translations, switchable without reload. Templates use the `t` pipe; code uses `translate`.
 * Both read the `locale` signal, so anything showing text refreshes when the language changes.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly document = inject(DOCUMENT);
  private readonly storage = inject(PREFERENCE_STORAGE);
  private readonly localeState = signal<Locale>(detectInitialLocale(this.storage, inject(BROWSER_LANGUAGES)));
  /** Messages lazy routes brought (e.g. the support console's), merged over nothing: their keys are their own. */
  private readonly lazyState = signal<Readonly<Record<Locale, Readonly<Record<string, string>>>>>({ en: {}, fr: {} });

  readonly locale = this.localeState.asReadonly();

  constructor() {
    this.document.documentElement.lang = this.localeState();
  }

  setLocale(locale: Locale): void {
    this.localeState.set(locale);
    this.document.documentElement.lang = locale;
    try {
      this.storage?.setItem(LOCALE_STORAGE_KEY, locale);
    } catch {
      // Storage full or disabled: the choice still holds for this visit.
    }
  }

  /** Adds a lazy route's messages (once is enough; adding the same again changes nothing). */
  addMessages(messages: LazyMessages): void {
    const current = this.lazyState();
    if ((Object.keys(messages) as Locale[]).every((locale) => Object.keys(messages[locale]).every((key) => key in current[locale]))) {
      return;
    }
    this.lazyState.set({ en: { ...current.en, ...messages.en }, fr: { ...current.fr, ...messages.fr } });
  }

  translate(key: MessageKey, params?: MessageParams): string {
    const locale = this.localeState();
    const template = (DICTIONARIES[locale] as Readonly<Record<string, string>>)[key] ?? this.lazyState()[locale][key] ?? key;
    return params ? interpolate(template, params) : template;
  }

  /** Formats a date and time in the current language, e.g. for a link's expiry. */
  formatDateTime(value: string | Date): string {
    const date = typeof value === 'string' ? new Date(value) : value;
    if (Number.isNaN(date.getTime())) {
      return String(value);
    }
    return new Intl.DateTimeFormat(dateLocale(this.localeState()), { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }
}

function interpolate(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}
