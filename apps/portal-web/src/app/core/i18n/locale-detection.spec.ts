import { MemoryStorage } from '../../../testing/test-helpers';
import { detectInitialLocale, LOCALE_STORAGE_KEY } from './locale-detection';

describe('initial language detection', () => {
  it('prefers the saved choice over the browser languages', () => {
    const storage = new MemoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' });
    expect(detectInitialLocale(storage, ['en-US', 'en'])).toBe('fr');
  });

  it('follows the first supported browser language, regional variants included', () => {
    expect(detectInitialLocale(new MemoryStorage(), ['fr-CA', 'en'])).toBe('fr');
    expect(detectInitialLocale(new MemoryStorage(), ['de-DE', 'en-GB', 'fr'])).toBe('en');
  });

  it('falls back to English when no browser language is supported', () => {
    expect(detectInitialLocale(new MemoryStorage(), ['de', 'it-IT'])).toBe('en');
    expect(detectInitialLocale(null, [])).toBe('en');
  });

  it('ignores an unknown saved value and storage that throws', () => {
    expect(detectInitialLocale(new MemoryStorage({ [LOCALE_STORAGE_KEY]: 'klingon' }), ['fr'])).toBe('fr');
    const broken = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => undefined,
    };
    expect(detectInitialLocale(broken, ['fr-BE'])).toBe('fr');
  });
});
