import { Location } from '@angular/common';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type ApiErrorBody, AuthRoutes, type PasswordResetLinkStatus } from '@passerelle/contracts';
import { provideTestI18n, query, routedElement, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { ResetPasswordPageComponent } from './reset-password-page.component';

@Component({ selector: 'psl-sign-in-stub', template: 'sign-in page', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStubComponent {}

const TOKEN = 'reset-token-abc';
const NEW_PASSWORD = 'a long new passphrase';

describe('ResetPasswordPageComponent (/reset-password)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'reset-password', component: ResetPasswordPageComponent },
          { path: 'sign-in', component: SignInStubComponent },
        ]),
        provideTestI18n(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  function page(): HTMLElement {
    return routedElement(harness);
  }

  async function settle(): Promise<void> {
    harness.fixture.detectChanges();
    await harness.fixture.whenStable();
  }

  async function click(testId: string): Promise<void> {
    query<HTMLElement>(page(), `[data-testid="${testId}"]`).click();
    await settle();
  }

  /** Clicks what sends a request and renders at once (the app stays busy until it is answered). */
  function send(testId: string): void {
    query<HTMLElement>(page(), `[data-testid="${testId}"]`).click();
    harness.fixture.detectChanges();
  }

  function expectPost(url: string): TestRequest {
    return http.expectOne((request) => request.method === 'POST' && request.url === url);
  }

  function refusal(status: number, code: ApiErrorBody['code'], headers?: Record<string, string>) {
    return [{ statusCode: status, code, message: code } satisfies ApiErrorBody, { status, statusText: 'Error', headers }] as const;
  }

  /** Opens the page from the emailed link and answers the check. */
  async function openLink(status: PasswordResetLinkStatus): Promise<TestRequest> {
    await harness.navigateByUrl(`/reset-password#token=${TOKEN}`);
    const check = expectPost(AuthRoutes.passwordResetCheck);
    check.flush(status);
    await settle();
    return check;
  }

  function fillPasswords(): void {
    typeInto(query(page(), '#reset-password'), NEW_PASSWORD);
    typeInto(query(page(), '#reset-passwordConfirm'), NEW_PASSWORD);
  }

  describe('without a link', () => {
    it('asks for the email address and always gives the same answer', async () => {
      await harness.navigateByUrl('/reset-password');
      expect(textOf(page().querySelector('h1'))).toBe('Reset your password');
      typeInto(query(page(), '#reset-request-email'), ' alice@acme.test ');
      send('reset-request-submit');
      const request = expectPost(AuthRoutes.passwordReset);
      expect(request.request.body).toEqual({ email: 'alice@acme.test' });
      request.flush(null, { status: 202, statusText: 'Accepted' });
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('Check your email');
      expect(textOf(page())).toContain('If an account exists for this address, we’ve sent a link. It works for 30 minutes.');
      expect(document.activeElement).toBe(page().querySelector('h1'));
    });

    it('checks the address before sending', async () => {
      await harness.navigateByUrl('/reset-password');
      typeInto(query(page(), '#reset-request-email'), 'alice');
      await click('reset-request-submit');
      http.expectNone(AuthRoutes.passwordReset);
      expect(textOf(page().querySelector('#reset-request-email-error'))).toContain('Enter an email address');
    });

    it('says how long to wait when asked too often', async () => {
      await harness.navigateByUrl('/reset-password');
      typeInto(query(page(), '#reset-request-email'), 'alice@acme.test');
      send('reset-request-submit');
      expectPost(AuthRoutes.passwordReset).flush(...refusal(429, 'too_many_attempts', { 'Retry-After': '30' }));
      await settle();
      expect(textOf(query(page(), '[data-testid="retry-after"]'))).toBe('You can try again in 30 seconds.');
    });

    it('in French', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await harness.navigateByUrl('/reset-password');
      expect(textOf(page().querySelector('h1'))).toBe('Réinitialiser votre mot de passe');
    });
  });

  describe('from the emailed link', () => {
    it('checks the token, then removes it from the address bar', async () => {
      await harness.navigateByUrl(`/reset-password#token=${TOKEN}`);
      expect(TestBed.inject(Location).path(true)).toBe('/reset-password');
      expect(textOf(page())).toContain('Checking your reset link…');
      const check = expectPost(AuthRoutes.passwordResetCheck);
      expect(check.request.body).toEqual({ token: TOKEN });
      check.flush({ valid: true, needsSecondFactor: false } satisfies PasswordResetLinkStatus);
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('Choose a new password');
      expect(page().querySelector('[data-testid="reset-second-factor"]')).toBeNull();
    });

    for (const reason of ['reset_link_invalid', 'reset_link_expired', 'reset_link_used'] as const) {
      it(`explains a dead link (${reason}) and offers a new one`, async () => {
        await openLink({ valid: false, reason, needsSecondFactor: false });
        const title = textOf(page().querySelector('h1'));
        expect(title).toMatch(/This reset link (isn’t valid|has expired|has already been used)/);
        await click('reset-ask-again');
        expect(textOf(page().querySelector('h1'))).toBe('Reset your password');
        expect(document.activeElement).toBe(page().querySelector('h1'));
      });
    }

    it('sets the new password without a second factor when none is needed', async () => {
      await openLink({ valid: true, needsSecondFactor: false });
      fillPasswords();
      send('reset-complete-submit');
      const complete = expectPost(AuthRoutes.passwordResetComplete);
      expect(complete.request.body).toEqual({ token: TOKEN, password: NEW_PASSWORD });
      complete.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('Your password has been changed');
      expect(document.activeElement).toBe(page().querySelector('h1'));

      await click('reset-sign-in');
      expect(TestBed.inject(Location).path()).toBe('/sign-in');
    });

    it('asks for the authenticator code when the account has one', async () => {
      await openLink({ valid: true, needsSecondFactor: true });
      fillPasswords();
      await click('reset-complete-submit');
      http.expectNone(AuthRoutes.passwordResetComplete);
      expect(textOf(page().querySelector('#reset-code-error'))).toBe('This field is required.');

      typeInto(query(page(), '#reset-code'), '123 456');
      send('reset-complete-submit');
      const complete = expectPost(AuthRoutes.passwordResetComplete);
      expect(complete.request.body).toEqual({ token: TOKEN, password: NEW_PASSWORD, code: '123456' });
      complete.flush(...refusal(400, 'totp_invalid'));
      await settle();
      expect(textOf(page().querySelector('#reset-code-error'))).toContain('This code isn’t valid right now.');
    });

    it('accepts a recovery code instead', async () => {
      await openLink({ valid: true, needsSecondFactor: true });
      fillPasswords();
      await click('reset-use-recovery');
      typeInto(query(page(), '#reset-recoveryCode'), 'aaaa-1111');
      send('reset-complete-submit');
      const complete = expectPost(AuthRoutes.passwordResetComplete);
      expect(complete.request.body).toEqual({ token: TOKEN, password: NEW_PASSWORD, recoveryCode: 'aaaa-1111' });
      complete.flush(null, { status: 204, statusText: 'No Content' });
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('Your password has been changed');
    });

    it('explains a link that died while the form was open', async () => {
      await openLink({ valid: true, needsSecondFactor: false });
      fillPasswords();
      send('reset-complete-submit');
      expectPost(AuthRoutes.passwordResetComplete).flush(...refusal(400, 'reset_link_expired'));
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('This reset link has expired');
    });

    it('offers to try again when the link cannot be checked', async () => {
      await harness.navigateByUrl(`/reset-password#token=${TOKEN}`);
      expectPost(AuthRoutes.passwordResetCheck).error(new ProgressEvent('error'), { status: 0 });
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('The reset link could not be checked');
      query<HTMLButtonElement>(page(), '[data-testid="reset-unreachable"] button').click();
      expectPost(AuthRoutes.passwordResetCheck).flush({ valid: true, needsSecondFactor: false });
      await settle();
      expect(textOf(page().querySelector('h1'))).toBe('Choose a new password');
    });
  });
});
