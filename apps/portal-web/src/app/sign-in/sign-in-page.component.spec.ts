import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthRoutes } from '@passerelle/contracts';
import { provideTestI18n, query, routedElement, textOf } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { SignInPageComponent } from './sign-in-page.component';

describe('SignInPageComponent (/sign-in)', () => {
  let harness: RouterTestingHarness;
  let assign: jasmine.Spy<(url: string) => void>;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'sign-in', component: SignInPageComponent }]),
        provideTestI18n(),
      ],
    });
    assign = spyOn(TestBed.inject(BrowserService), 'assign');
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => TestBed.inject(HttpTestingController).verify());

  async function open(url: string): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    return routedElement(harness);
  }

  it('starts the portal sign-in at once, coming back to the page asked for', async () => {
    const page = await open('/sign-in?returnTo=%2Faccount%3Ftab%3Dsessions');
    const expected = `${AuthRoutes.signIn}?returnTo=${encodeURIComponent('/account?tab=sessions')}`;
    expect(assign).toHaveBeenCalledOnceWith(expected);
    expect(textOf(page.querySelector('h1'))).toBe('Signing you in…');
    expect(query<HTMLAnchorElement>(page, '[data-testid="sign-in-fallback"]').getAttribute('href')).toBe(expected);
  });

  it('comes back to the home page without returnTo', async () => {
    await open('/sign-in');
    expect(assign).toHaveBeenCalledOnceWith(`${AuthRoutes.signIn}?returnTo=%2F`);
  });

  for (const unsafe of ['https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', 'account']) {
    it(`refuses ${unsafe} as returnTo and comes back to '/'`, async () => {
      await open(`/sign-in?returnTo=${encodeURIComponent(unsafe)}`);
      expect(assign).toHaveBeenCalledOnceWith(`${AuthRoutes.signIn}?returnTo=%2F`);
    });
  }

  it('speaks French too', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    const page = await open('/sign-in');
    expect(textOf(page.querySelector('h1'))).toBe('Connexion en cours…');
    expect(textOf(query(page, '[data-testid="sign-in-fallback"]'))).toBe('Continuer vers la connexion');
  });
});
