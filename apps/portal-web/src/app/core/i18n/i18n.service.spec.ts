import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { DOCUMENT } from '@angular/common';
import { MemoryStorage, provideTestI18n, textOf } from '../../../testing/test-helpers';
import { I18nService } from './i18n.service';
import { LOCALE_STORAGE_KEY } from './locale-detection';
import { TranslatePipe } from './translate.pipe';

@Component({
  selector: 'psl-probe',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<p>{{ 'signIn.title' | t: { org: 'Acme' } }}</p>`,
})
class ProbeComponent {
  readonly i18n = inject(I18nService);
}

describe('I18nService', () => {
  let storage: MemoryStorage;

  beforeEach(() => {
    storage = new MemoryStorage();
    TestBed.configureTestingModule({ providers: provideTestI18n({ languages: ['fr-FR'], storage }) });
  });

  it('starts in the browser language and sets <html lang>', () => {
    const i18n = TestBed.inject(I18nService);
    expect(i18n.locale()).toBe('fr');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('fr');
  });

  it('switches language, updates <html lang> and remembers only the preference', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.setLocale('en');
    expect(i18n.locale()).toBe('en');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('en');
    expect([...storage.data.entries()]).toEqual([[LOCALE_STORAGE_KEY, 'en']]);
  });

  it('fills in parameters', () => {
    const i18n = TestBed.inject(I18nService);
    i18n.setLocale('en');
    expect(i18n.translate('password.progress', { count: 3, min: 12 })).toBe('3 of 12 characters');
  });

  it('re-renders OnPush templates using the t pipe when the language changes, without reload', async () => {
    const fixture = TestBed.createComponent(ProbeComponent);
    await fixture.whenStable();
    expect(textOf(fixture.nativeElement)).toBe('Connexion à Acme');

    fixture.componentInstance.i18n.setLocale('en');
    await fixture.whenStable();
    expect(textOf(fixture.nativeElement)).toBe('Sign in to Acme');
  });
});
