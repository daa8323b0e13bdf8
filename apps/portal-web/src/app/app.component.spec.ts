import { DOCUMENT } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ApiRoutes } from '@passerelle/contracts';
import { instanceInfo, MemoryStorage, provideTestI18n, query, textOf } from '../testing/test-helpers';
import { AppComponent } from './app.component';
import { LOCALE_STORAGE_KEY } from './core/i18n';

describe('AppComponent (shell)', () => {
  let fixture: ComponentFixture<AppComponent>;
  let root: HTMLElement;
  let storage: MemoryStorage;

  beforeEach(() => {
    storage = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTestI18n({ storage })],
    });
    fixture = TestBed.createComponent(AppComponent);
    root = fixture.nativeElement;
    fixture.detectChanges();
  });

  it('reserves space for the organisation name, then shows it in the header', async () => {
    expect(root.querySelector('.site-header .skeleton')).not.toBeNull();
    TestBed.inject(HttpTestingController).expectOne(ApiRoutes.instance).flush(instanceInfo({ organisationName: 'Acme Coop' }));
    await fixture.whenStable();
    expect(textOf(root.querySelector('.brand__name'))).toBe('Acme Coop');
    expect(textOf(root.querySelector('.site-footer'))).toContain('Version 0.1.0');
  });

  it('has a skip link that moves focus to the main landmark', () => {
    const skip = query<HTMLAnchorElement>(root, '.skip-link');
    expect(root.querySelector('main#main')).not.toBeNull();
    skip.click();
    expect(document.activeElement).toBe(root.querySelector('main'));
  });

  it('switches language from the header without reload and updates <html lang>', async () => {
    const french = query<HTMLButtonElement>(root, 'button[lang="fr"]');
    expect(french.getAttribute('aria-pressed')).toBe('false');
    french.click();
    TestBed.inject(HttpTestingController).expectOne(ApiRoutes.instance).flush(instanceInfo());
    await fixture.whenStable();

    expect(french.getAttribute('aria-pressed')).toBe('true');
    expect(textOf(root.querySelector('.skip-link'))).toBe('Aller au contenu principal');
    expect(TestBed.inject(DOCUMENT).documentElement.lang).toBe('fr');
    expect(storage.getItem(LOCALE_STORAGE_KEY)).toBe('fr');
  });
});
