export { I18nService, PREFERENCE_STORAGE, BROWSER_LANGUAGES, type MessageParams } from './i18n.service';
export { TranslatePipe } from './translate.pipe';
export { LOCALE_STORAGE_KEY, detectInitialLocale, type PreferenceStorage } from './locale-detection';
export type { LazyMessages, MessageKey } from './messages';
