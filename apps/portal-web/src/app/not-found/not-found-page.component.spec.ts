import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideTestI18n, textOf, routedElement } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { PageTitleStrategy } from '../core/title/page-title.strategy';
import { appRoutes } from '../app.routes';

describe('unknown client routes', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(appRoutes),
        { provide: TitleStrategy, useExisting: PageTitleStrategy },
        provideTestI18n(),
        // /sign-in leaves the app (full-page navigation to the API): keep the test page where it is.
        { provide: BrowserService, useValue: jasmine.createSpyObj<BrowserService>('BrowserService', ['assign']) },
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  it('show the not-found page with a link home', async () => {
    await harness.navigateByUrl('/no/such/page');
    const page = routedElement(harness);
    expect(textOf(page.querySelector('h1'))).toBe('Page not found');
    expect(page.querySelector('a')?.getAttribute('href')).toBe('/');
  });

  it('set a document title that follows the language and organisation name', async () => {
    await harness.navigateByUrl('/no/such/page');
    const title = TestBed.inject(Title);
    expect(title.getTitle()).toBe('Page not found · Passerelle');

    TestBed.inject(HttpTestingController).verify();
    TestBed.inject(I18nService).setLocale('fr');
    await harness.fixture.whenStable();
    expect(title.getTitle()).toBe('Page introuvable · Passerelle');
  });

  it('leave known routes alone', async () => {
    await harness.navigateByUrl('/sign-in');
    await harness.fixture.whenStable();
    expect(textOf(routedElement(harness).querySelector('h1'))).toBe('Signing you in…');
    expect(TestBed.inject(Title).getTitle()).toBe('Sign in · Passerelle');
    expect(TestBed.inject(BrowserService).assign).toHaveBeenCalled();
  });
});
