import { TestBed } from '@angular/core/testing';
import { I18nService } from '../core/i18n';
import { en } from '../core/i18n/messages/en';
import { supportConsolePagesEn } from '../core/i18n/messages/support-console-pages.en';
import { supportConsolePagesFr } from '../core/i18n/messages/support-console-pages.fr';
import { provideTestI18n } from '../../testing/test-helpers';
import { SUPPORT_CONSOLE_MESSAGES } from './support-messages';

const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort().join();

describe('support console messages (loaded with its pages)', () => {
  it('have the same keys and placeholders in English and French, none empty', () => {
    expect(Object.keys(supportConsolePagesFr).sort()).toEqual(Object.keys(supportConsolePagesEn).sort());
    const keys = Object.keys(supportConsolePagesEn) as (keyof typeof supportConsolePagesEn)[];
    expect(keys.filter((key) => !supportConsolePagesEn[key].trim() || !supportConsolePagesFr[key].trim())).toEqual([]);
    expect(keys.filter((key) => placeholders(supportConsolePagesEn[key]) !== placeholders(supportConsolePagesFr[key]))).toEqual([]);
  });

  it('use keys of their own, never one of the first download', () => {
    expect(Object.keys(supportConsolePagesEn).filter((key) => key in en)).toEqual([]);
  });

  it('show as their key until registered, then in the current language', () => {
    TestBed.configureTestingModule({ providers: [provideTestI18n()] });
    const i18n = TestBed.inject(I18nService);
    expect(i18n.translate('support.queue.title')).toBe('support.queue.title');
    i18n.addMessages(SUPPORT_CONSOLE_MESSAGES);
    expect(i18n.translate('support.queue.title')).toBe('Support queue');
    i18n.setLocale('fr');
    expect(i18n.translate('support.sla.left', { time: '2 h' })).toBe('reste 2 h');
    expect(i18n.translate('admin.nav.support')).toBe('Support');
  });
});
