import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { type ApiErrorBody, CatalogRoutes, type InteractionState, InteractionRoutes, type TotpEnrolment } from '@passerelle/contracts';
import { provideTestI18n, query, routedElement, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { InteractionPageComponent } from './interaction-page.component';

const UID = 'uid-123';

function aState(overrides: Partial<InteractionState> = {}): InteractionState {
  return {
    step: 'password',
    client: { name: 'Team Wiki', firstParty: false },
    organisationName: 'Acme Coop',
    ...overrides,
  };
}

const ENROLMENT: TotpEnrolment = {
  otpauthUri: 'otpauth://totp/Acme%20Coop:alice%40acme.test?secret=JBSWY3DPEHPK3PXP&issuer=Acme%20Coop',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
  secret: 'JBSW Y3DP EHPK 3PXP',
  issuer: 'Acme Coop',
  accountName: 'alice@acme.test',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

const CODES = ['aaaa-1111', 'bbbb-2222', 'cccc-3333', 'dddd-4444', 'eeee-5555', 'ffff-6666', 'gggg-7777', 'hhhh-8888', 'iiii-9999', 'jjjj-0000'];

function failure(status: number, code: ApiErrorBody['code'], headers?: Record<string, string>) {
  return { body: { statusCode: status, code, message: code } satisfies ApiErrorBody, options: { status, statusText: 'Error', headers } };
}

describe('InteractionPageComponent (/interaction/:uid)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let browser: jasmine.SpyObj<BrowserService>;

  beforeEach(async () => {
    browser = jasmine.createSpyObj<BrowserService>('BrowserService', ['assign', 'copyText', 'downloadText', 'print', 'currentPath']);
    browser.copyText.and.resolveTo();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'interaction/:uid', component: InteractionPageComponent }], withComponentInputBinding()),
        provideTestI18n(),
        { provide: BrowserService, useValue: browser },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => http.verify());

  function page(): HTMLElement {
    return routedElement(harness);
  }

  async function open(state: InteractionState | null = aState()): Promise<HTMLElement> {
    await harness.navigateByUrl(`/interaction/${UID}`);
    const request = http.expectOne({ method: 'GET', url: InteractionRoutes.state(UID) });
    if (state) {
      request.flush(state);
    } else {
      request.flush(failure(404, 'not_found').body, failure(404, 'not_found').options);
    }
    await harness.fixture.whenStable();
    return page();
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

  async function answer(request: TestRequest, state: InteractionState): Promise<void> {
    request.flush(state);
    await settle();
  }

  async function refuse(request: TestRequest, status: number, code: ApiErrorBody['code'], headers?: Record<string, string>): Promise<void> {
    const { body, options } = failure(status, code, headers);
    request.flush(body, options);
    await settle();
  }

  function heading(): HTMLElement {
    return query(page(), 'h1');
  }

  describe('while loading and around every step', () => {
    it('reserves the card while the state loads', async () => {
      await harness.navigateByUrl(`/interaction/${UID}`);
      expect(page().querySelector('[data-testid="interaction-loading"]')).not.toBeNull();
      expect(textOf(page())).toContain('Loading your sign-in…');
      http.expectOne(InteractionRoutes.state(UID)).flush(aState());
      await harness.fixture.whenStable();
      expect(page().querySelector('[data-testid="interaction-loading"]')).toBeNull();
    });

    it('names the organisation and the app asking', async () => {
      await open();
      expect(textOf(query(page(), '[data-testid="interaction-org"]'))).toBe('Acme Coop');
      expect(textOf(query(page(), '[data-testid="interaction-app"]'))).toBe('to continue to Team Wiki');
    });

    it('does not say "to continue to" for the portal itself', async () => {
      await open(aState({ client: { name: 'Passerelle', firstParty: true } }));
      expect(page().querySelector('[data-testid="interaction-app"]')).toBeNull();
    });

    it('cancels: tells the provider and follows it back to the app', async () => {
      await open();
      send('interaction-cancel');
      const request = expectPost(InteractionRoutes.abort(UID));
      expect(request.request.body).toEqual({});
      await answer(request, aState({ step: 'done', redirectTo: 'https://wiki.acme.test/cb?error=access_denied' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('https://wiki.acme.test/cb?error=access_denied');
    });
  });

  describe('step password', () => {
    it('asks for email (pre-filled) and password with the right autofill hints', async () => {
      await open(aState({ email: 'alice@acme.test' }));
      expect(textOf(heading())).toBe('Sign in');
      const email = query<HTMLInputElement>(page(), '#interaction-email');
      const password = query<HTMLInputElement>(page(), '#interaction-password');
      expect(email.value).toBe('alice@acme.test');
      expect(email.getAttribute('autocomplete')).toBe('username');
      expect(password.getAttribute('autocomplete')).toBe('current-password');
      expect(password.type).toBe('password');
      expect(query<HTMLAnchorElement>(page(), 'a.forgot').getAttribute('href')).toBe('/reset-password');
    });

    it('shows and hides the password', async () => {
      await open();
      const password = query<HTMLInputElement>(page(), '#interaction-password');
      const toggle = query<HTMLButtonElement>(page(), '[data-testid="password-toggle"]');
      expect(textOf(toggle)).toBe('Show password');
      await click('password-toggle');
      expect(password.type).toBe('text');
      expect(textOf(toggle)).toBe('Hide password');
      await click('password-toggle');
      expect(password.type).toBe('password');
    });

    it('checks the fields before sending', async () => {
      await open();
      await click('password-submit');
      http.expectNone(InteractionRoutes.password(UID));
      expect(textOf(page().querySelector('#interaction-email-error'))).toBe('This field is required.');
      expect(document.activeElement).toBe(page().querySelector('#interaction-email'));
    });

    it('sends the credentials and moves to the next step, focusing its heading', async () => {
      await open();
      typeInto(query(page(), '#interaction-email'), '  alice@acme.test ');
      typeInto(query(page(), '#interaction-password'), 'correct horse battery');
      send('password-submit');
      const request = expectPost(InteractionRoutes.password(UID));
      expect(request.request.body).toEqual({ email: 'alice@acme.test', password: 'correct horse battery' });
      await answer(request, aState({ step: 'totp', email: 'alice@acme.test' }));
      expect(textOf(heading())).toBe('Enter your verification code');
      expect(document.activeElement).toBe(heading());
    });

    it('says when email and password do not match, as an alert', async () => {
      await open();
      typeInto(query(page(), '#interaction-email'), 'alice@acme.test');
      typeInto(query(page(), '#interaction-password'), 'wrong password');
      send('password-submit');
      await refuse(expectPost(InteractionRoutes.password(UID)), 401, 'invalid_credentials');
      const banner = query(page(), '[data-testid="interaction-error"]');
      expect(banner.getAttribute('role')).toBe('alert');
      expect(textOf(banner)).toContain('This email and password don’t match an account.');
      expect(document.activeElement).toBe(banner);
    });

    it('says how long to wait after too many attempts (Retry-After)', async () => {
      await open();
      typeInto(query(page(), '#interaction-email'), 'alice@acme.test');
      typeInto(query(page(), '#interaction-password'), 'wrong password');
      send('password-submit');
      await refuse(expectPost(InteractionRoutes.password(UID)), 429, 'too_many_attempts', { 'Retry-After': '120' });
      expect(textOf(query(page(), '[data-testid="interaction-error"]'))).toContain('Too many attempts.');
      expect(textOf(query(page(), '[data-testid="retry-after"]'))).toBe('You can try again in 2 minutes.');
    });

    it('explains a disabled account', async () => {
      await open();
      typeInto(query(page(), '#interaction-email'), 'alice@acme.test');
      typeInto(query(page(), '#interaction-password'), 'correct horse battery');
      send('password-submit');
      await refuse(expectPost(InteractionRoutes.password(UID)), 403, 'account_disabled');
      expect(textOf(query(page(), '[data-testid="interaction-error"]'))).toContain('This account is disabled.');
    });

    describe('a guest outside their access', () => {
      const ended = new Date(2027, 2, 31, 23, 59, 59, 999).toISOString();

      async function refuseGuest(code: 'guest_access_ended' | 'guest_access_not_started', params?: Record<string, string>): Promise<string> {
        await open();
        typeInto(query(page(), '#interaction-email'), 'nina@studio.test');
        typeInto(query(page(), '#interaction-password'), 'correct horse battery');
        send('password-submit');
        const body: ApiErrorBody = { statusCode: 403, code, message: code, ...(params ? { params } : {}) };
        expectPost(InteractionRoutes.password(UID)).flush(body, { status: 403, statusText: 'Forbidden' });
        await settle();
        return textOf(query(page(), '[data-testid="interaction-error"]'));
      }

      it('says when the access ended and whom to ask to extend it', async () => {
        const text = await refuseGuest('guest_access_ended', { date: ended, sponsor: 'Marie Dupont', sponsorEmail: 'marie@acme.test' });
        expect(text).toBe('Your guest access ended on 31 March 2027. Ask Marie Dupont (marie@acme.test) to extend it.');
      });

      it('without a sponsor, asks the person who invited them', async () => {
        expect(await refuseGuest('guest_access_ended', { date: ended })).toBe(
          'Your guest access ended on 31 March 2027. Ask the person who invited you to extend it.',
        );
      });

      it('says when a future access starts', async () => {
        expect(await refuseGuest('guest_access_not_started', { date: new Date(2027, 3, 2).toISOString() })).toBe('Your guest access starts on 2 April 2027.');
      });

      it('in French', async () => {
        TestBed.inject(I18nService).setLocale('fr');
        const text = await refuseGuest('guest_access_ended', { date: ended, sponsor: 'Marie Dupont', sponsorEmail: 'marie@acme.test' });
        expect(text).toBe('Votre accès invité a pris fin le 31 mars 2027. Demandez à Marie Dupont (marie@acme.test) de le prolonger.');
      });

      it('still says something useful when the server sends no details', async () => {
        expect(await refuseGuest('guest_access_ended')).toBe('Your guest access has ended. Ask the person who invited you to extend it.');
      });
    });
  });

  describe('step totp', () => {
    it('asks for the 6-digit code with the right input hints and sends it without spaces', async () => {
      await open(aState({ step: 'totp' }));
      const code = query<HTMLInputElement>(page(), '#interaction-totp-code');
      expect(code.getAttribute('inputmode')).toBe('numeric');
      expect(code.getAttribute('autocomplete')).toBe('one-time-code');
      expect(code.getAttribute('pattern')).toBeTruthy();
      typeInto(code, '123 456');
      await settle();
      http.expectNone(InteractionRoutes.totp(UID));
      send('totp-submit');
      const request = expectPost(InteractionRoutes.totp(UID));
      expect(request.request.body).toEqual({ code: '123456' });
      await answer(request, aState({ step: 'consent', consent: { scopes: ['openid'], claims: [] } }));
      expect(textOf(heading())).toBe('Team Wiki would like to use your account');
    });

    it('refuses anything but 6 digits before sending', async () => {
      await open(aState({ step: 'totp' }));
      typeInto(query(page(), '#interaction-totp-code'), '12345');
      await click('totp-submit');
      http.expectNone(InteractionRoutes.totp(UID));
      expect(textOf(page().querySelector('#interaction-totp-code-error'))).toBe('Enter the 6 digits shown in your app.');
    });

    it('shows a wrong code next to the field', async () => {
      await open(aState({ step: 'totp' }));
      typeInto(query(page(), '#interaction-totp-code'), '000000');
      send('totp-submit');
      await refuse(expectPost(InteractionRoutes.totp(UID)), 400, 'totp_invalid');
      expect(textOf(page().querySelector('#interaction-totp-code-error'))).toContain('This code isn’t valid right now.');
      expect(document.activeElement).toBe(page().querySelector('#interaction-totp-code'));
    });

    it('accepts a recovery code instead', async () => {
      await open(aState({ step: 'totp' }));
      await click('use-recovery');
      expect(textOf(heading())).toBe('Enter a recovery code');
      expect(document.activeElement).toBe(heading());
      typeInto(query(page(), '#interaction-recovery-code'), ' aaaa-1111 ');
      send('recovery-submit');
      const request = expectPost(InteractionRoutes.recovery(UID));
      expect(request.request.body).toEqual({ code: 'aaaa-1111' });
      await refuse(request, 400, 'recovery_code_invalid');
      expect(textOf(page().querySelector('#interaction-recovery-code-error'))).toContain('This recovery code isn’t valid');

      await click('use-totp');
      expect(textOf(heading())).toBe('Enter your verification code');
    });
  });

  describe('step enrol-totp', () => {
    it('explains the setup and shows the QR code as a data: image, the key and its settings', async () => {
      await open(aState({ step: 'enrol-totp', enrolment: ENROLMENT }));
      expect(textOf(heading())).toBe('Set up two-step verification');
      expect(textOf(page())).toContain('Install an authenticator app');

      const qr = query<HTMLImageElement>(page(), '[data-testid="enrol-qr"]');
      const src = qr.getAttribute('src') ?? '';
      expect(src.startsWith('data:image/svg+xml;base64,')).toBeTrue();
      expect(atob(src.slice('data:image/svg+xml;base64,'.length))).toBe(ENROLMENT.qrSvg);
      expect(qr.getAttribute('alt')).toContain('QR code');

      expect(Array.from(page().querySelectorAll('[data-testid="enrol-key"] span')).map(textOf)).toEqual(['JBSW', 'Y3DP', 'EHPK', '3PXP']);
      const details = textOf(query(page(), '[data-testid="enrol-details"]'));
      for (const part of ['Acme Coop', 'alice@acme.test', 'SHA1', '6', '30 seconds']) {
        expect(details).toContain(part);
      }
    });

    it('copies the key without spaces', async () => {
      await open(aState({ step: 'enrol-totp', enrolment: ENROLMENT }));
      await click('copy-key');
      await settle();
      expect(browser.copyText).toHaveBeenCalledOnceWith('JBSWY3DPEHPK3PXP');
      expect(textOf(page())).toContain('Copied.');
    });

    it('confirms with a first code, then shows the recovery codes', async () => {
      await open(aState({ step: 'enrol-totp', enrolment: ENROLMENT }));
      typeInto(query(page(), '#interaction-enrol-code'), '654321');
      send('enrol-submit');
      const request = expectPost(InteractionRoutes.enrolment(UID));
      expect(request.request.body).toEqual({ code: '654321' });
      await answer(request, aState({ step: 'recovery-codes', recoveryCodes: CODES, email: 'alice@acme.test' }));
      expect(textOf(heading())).toBe('Save your recovery codes');
      expect(document.activeElement).toBe(heading());
      expect(page().querySelectorAll('[data-testid="recovery-codes"] li').length).toBe(10);
    });
  });

  describe('step recovery-codes', () => {
    it('offers download, copy and print', async () => {
      await open(aState({ step: 'recovery-codes', recoveryCodes: CODES, email: 'alice@acme.test' }));
      await click('codes-download');
      const [filename, text] = browser.downloadText.calls.mostRecent().args;
      expect(filename).toBe('recovery-codes.txt');
      expect(text).toContain('Recovery codes for alice@acme.test (Acme Coop)');
      for (const code of CODES) {
        expect(text).toContain(code);
      }
      await click('codes-copy');
      expect(browser.copyText).toHaveBeenCalledOnceWith(text);
      await click('codes-print');
      expect(browser.print).toHaveBeenCalled();
    });

    it('needs the "saved" box ticked, then finishes and goes on to the app', async () => {
      await open(aState({ step: 'recovery-codes', recoveryCodes: CODES }));
      await click('codes-continue');
      http.expectNone(InteractionRoutes.finish(UID));
      expect(textOf(page().querySelector('#interaction-codes-saved-error'))).toBe('Confirm that you saved the codes before you continue.');
      expect(document.activeElement).toBe(page().querySelector('#interaction-codes-saved'));

      await click('codes-saved');
      send('codes-continue');
      const request = expectPost(InteractionRoutes.finish(UID));
      expect(request.request.body).toEqual({});
      await answer(request, aState({ step: 'done', redirectTo: 'https://wiki.acme.test/cb?code=x' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('https://wiki.acme.test/cb?code=x');
      expect(textOf(page())).toContain('Continuing…');
    });

    it('after a reload, says the codes were shown once and lets the person continue', async () => {
      await open(aState({ step: 'recovery-codes' }));
      expect(textOf(query(page(), '[data-testid="recovery-codes-gone"]'))).toContain('shown only once');
      expect(page().querySelector('[data-testid="codes-saved"]')).toBeNull();
      send('codes-continue');
      await answer(expectPost(InteractionRoutes.finish(UID)), aState({ step: 'done', redirectTo: '/' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('/');
    });
  });

  describe('step consent', () => {
    const consent = aState({ step: 'consent', consent: { scopes: ['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write'], claims: [] } });

    it('says in plain words what the app asks for, and lists unknown scopes as they are', async () => {
      await open(consent);
      const known = Array.from(page().querySelectorAll('[data-testid="consent-scopes"] li')).map(textOf);
      expect(known).toEqual([
        'Know who you are (an identifier for your Acme Coop account)',
        'See your name and preferred language',
        'See your email address',
        'See the groups you belong to',
        'Stay connected while you are not using it, until you sign out',
      ]);
      expect(textOf(query(page(), '[data-testid="consent-other-scopes"]'))).toBe('alerts:write');
    });

    it('sends Allow', async () => {
      await open(consent);
      send('consent-allow');
      const request = expectPost(InteractionRoutes.consent(UID));
      expect(request.request.body).toEqual({ approve: true });
      await answer(request, aState({ step: 'done', redirectTo: 'https://wiki.acme.test/cb?code=y' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('https://wiki.acme.test/cb?code=y');
    });

    it('sends Deny', async () => {
      await open(consent);
      send('consent-deny');
      const request = expectPost(InteractionRoutes.consent(UID));
      expect(request.request.body).toEqual({ approve: false });
      await answer(request, aState({ step: 'done', redirectTo: 'https://wiki.acme.test/cb?error=access_denied' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('https://wiki.acme.test/cb?error=access_denied');
    });

    it('in French', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await open(consent);
      expect(textOf(heading())).toBe('Team Wiki souhaite utiliser votre compte');
      expect(textOf(query(page(), '[data-testid="consent-allow"]'))).toBe('Autoriser');
      expect(textOf(query(page(), '[data-testid="interaction-app"]'))).toBe('pour continuer vers Team Wiki');
    });
  });

  describe('step no-access', () => {
    function noAccess(requestable: boolean, requestPending = false): InteractionState {
      return aState({ step: 'no-access', email: 'alice@acme.test', noAccess: { appId: 'payroll-x1', appName: 'Payroll', requestable, requestPending } });
    }

    it('says plainly that the person can’t open the app, with no way on to it and no Cancel', async () => {
      await open(noAccess(false));
      expect(textOf(heading())).toBe('You don’t have access to Payroll');
      expect(textOf(query(page(), '[data-testid="no-access-body"]'))).toContain('signed in as alice@acme.test');
      expect(textOf(page())).toContain('ask your IT team');
      expect(page().querySelector('[data-testid="no-access-request"]')).toBeNull();
      expect(page().querySelector('[data-testid="interaction-cancel"]')).toBeNull();
      expect(page().querySelector('[data-testid="interaction-app"]')).toBeNull();
      const dashboard = query<HTMLAnchorElement>(page(), '[data-testid="no-access-dashboard"]');
      expect(textOf(dashboard)).toBe('Go to my dashboard');
      expect(dashboard.getAttribute('href')).toBe('/');
    });

    it('requests access when the app can be requested, then says the request was sent', async () => {
      await open(noAccess(true));
      send('no-access-request');
      const request = http.expectOne((r) => r.method === 'POST' && r.url === CatalogRoutes.accessRequests);
      expect(request.request.body).toEqual({ appId: 'payroll-x1' });
      request.flush({ id: 'r1', status: 'pending' }, { status: 201, statusText: 'Created' });
      await settle();
      expect(textOf(query(page(), '[data-testid="no-access-requested"]'))).toContain('Request sent');
      expect(page().querySelector('[data-testid="no-access-request"]')).toBeNull();
      expect(browser.assign).not.toHaveBeenCalled();
    });

    it('shows a failed request as an alert and lets the person try again', async () => {
      await open(noAccess(true));
      send('no-access-request');
      const request = http.expectOne((r) => r.method === 'POST' && r.url === CatalogRoutes.accessRequests);
      request.flush({ statusCode: 400, code: 'validation_failed', message: 'no' }, { status: 400, statusText: 'Bad Request' });
      await settle();
      expect(query(page(), '[data-testid="interaction-error"]').getAttribute('role')).toBe('alert');
      expect(page().querySelector('[data-testid="no-access-request"]')).not.toBeNull();
    });

    it('says when a request is already waiting', async () => {
      await open(noAccess(true, true));
      expect(textOf(query(page(), '[data-testid="no-access-requested"]'))).toContain('already asked');
      expect(page().querySelector('[data-testid="no-access-request"]')).toBeNull();
    });

    it('in French', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await open(noAccess(true));
      expect(textOf(heading())).toBe('Vous n’avez pas accès à Payroll');
      expect(textOf(query(page(), '[data-testid="no-access-request"]'))).toBe('Demander l’accès');
      expect(textOf(query(page(), '[data-testid="no-access-dashboard"]'))).toBe('Aller à mon tableau de bord');
    });
  });

  describe('done and expired', () => {
    it('follows redirectTo at once when the state is already done', async () => {
      await open(aState({ step: 'done', redirectTo: 'https://wiki.acme.test/cb?code=z' }));
      expect(browser.assign).toHaveBeenCalledOnceWith('https://wiki.acme.test/cb?code=z');
      expect(query<HTMLAnchorElement>(page(), '[data-testid="interaction-continue"]').getAttribute('href')).toBe(
        'https://wiki.acme.test/cb?code=z',
      );
      expect(page().querySelector('[data-testid="interaction-cancel"]')).toBeNull();
    });

    it('explains an unknown or expired sign-in and starts again from the home page', async () => {
      await open(null);
      expect(textOf(heading())).toBe('This sign-in has expired');
      await click('interaction-restart');
      expect(browser.assign).toHaveBeenCalledOnceWith('/');
    });

    it('switches to the expired page when a step finds the sign-in expired', async () => {
      await open(aState({ step: 'totp' }));
      typeInto(query(page(), '#interaction-totp-code'), '123456');
      send('totp-submit');
      await refuse(expectPost(InteractionRoutes.totp(UID)), 400, 'interaction_expired');
      expect(textOf(heading())).toBe('This sign-in has expired');
      expect(document.activeElement).toBe(heading());
    });

    it('offers to try again when the server cannot be reached', async () => {
      await harness.navigateByUrl(`/interaction/${UID}`);
      http.expectOne(InteractionRoutes.state(UID)).error(new ProgressEvent('error'), { status: 0 });
      await harness.fixture.whenStable();
      expect(textOf(heading())).toBe('Your sign-in could not be loaded');
      query<HTMLButtonElement>(page(), '[data-testid="interaction-unreachable"] button').click();
      http.expectOne(InteractionRoutes.state(UID)).flush(aState());
      await settle();
      expect(textOf(heading())).toBe('Sign in');
    });
  });
});
