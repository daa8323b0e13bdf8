import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, TitleStrategy } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes } from '@passerelle/contracts';
import { instanceInfo, provideTestI18n, textOf, routedElement } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
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
    TestBed.inject(HttpTestingController).expectOne(ApiRoutes.instance).flush(instanceInfo());
    await harness.fixture.whenStable();
    expect(textOf(routedElement(harness).querySelector('h1'))).toBe('Sign in to Acme Coop');
    expect(TestBed.inject(Title).getTitle()).toBe('Sign in · Acme Coop');
  });
});
