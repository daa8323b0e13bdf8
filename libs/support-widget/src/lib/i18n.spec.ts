import { WIDGET_MESSAGES, chooseLanguage, translate } from './i18n';

describe('widget language', () => {
  it('prefers the lang attribute, then the person, then the page, then the browser', () => {
    expect(chooseLanguage({ attribute: 'fr', personLocale: 'en', pageLang: 'en', browser: ['en-US'] })).toBe('fr');
    expect(chooseLanguage({ attribute: 'de', personLocale: 'fr-CH', pageLang: 'en', browser: ['en-US'] })).toBe('fr');
    expect(chooseLanguage({ attribute: null, personLocale: null, pageLang: 'fr-FR', browser: ['en-US'] })).toBe('fr');
    expect(chooseLanguage({ attribute: '', personLocale: undefined, pageLang: '', browser: ['de-DE', 'fr-BE'] })).toBe('fr');
  });

  it('falls back to English when nothing is French or English', () => {
    expect(chooseLanguage({ attribute: 'de', pageLang: 'it', browser: ['es'] })).toBe('en');
    expect(chooseLanguage({})).toBe('en');
  });

  it('has every string in both languages, with the same parameters', () => {
    for (const key of Object.keys(WIDGET_MESSAGES.en) as Array<keyof typeof WIDGET_MESSAGES.en>) {
      const params = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join(',');
      expect(WIDGET_MESSAGES.fr[key]).withContext(key).toBeTruthy();
      expect(params(WIDGET_MESSAGES.fr[key])).withContext(key).toBe(params(WIDGET_MESSAGES.en[key]));
    }
  });

  it('fills parameters', () => {
    expect(translate('en', 'sent.title', { number: 42 })).toBe('Ticket #42 sent. We’ll tell you here and by email.');
    expect(translate('fr', 'sent.title', { number: 42 })).toContain('n° 42');
  });
});
