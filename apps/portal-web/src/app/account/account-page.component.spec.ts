import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AccountRoutes, type AccountSecurity, type SessionInfo, type TotpEnrolment } from '@passerelle/contracts';
import {
  type BrowserStub,
  browserStub,
  currentUser,
  expectCall,
  flushError,
  provideBrowserStub,
  provideSessionStub,
  sessionInfo,
  sessionStub,
  tick,
} from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { AccountPageComponent } from './account-page.component';

const SECURITY: AccountSecurity = { totpEnrolledAt: '2026-01-15T09:00:00Z', recoveryCodesLeft: 8, passwordChangedAt: null };
const ENROLMENT: TotpEnrolment = {
  otpauthUri: 'otpauth://totp/Acme:lea@acme.test?secret=JBSWY3DPEHPK3PXP',
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>',
  secret: 'JBSW Y3DP EHPK 3PXP',
  issuer: 'Acme Coop',
  accountName: 'lea@acme.test',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};
const CODES = ['aaaa-1111', 'bbbb-2222', 'cccc-3333'];

describe('AccountPageComponent (/account)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let browser: BrowserStub;
  let session: ReturnType<typeof sessionStub>;

  beforeEach(async () => {
    browser = browserStub();
    session = sessionStub(currentUser());
    TestBed.configureTestingModule({ providers: [provideBrowserStub(browser), provideSessionStub(session)] });
    ({ http, harness } = await routedHarness([{ path: 'account', component: AccountPageComponent }]));
  });

  afterEach(() => http.verify());

  function page(): HTMLElement {
    return routedElement(harness);
  }

  function section(id: string): HTMLElement {
    return query(page(), `section#${id}`);
  }

  function button(root: Element, testId: string): HTMLButtonElement {
    return query<HTMLButtonElement>(root, `[data-testid="${testId}"]`);
  }

  async function click(root: Element, testId: string): Promise<void> {
    button(root, testId).click();
    harness.fixture.detectChanges();
    await tick();
  }

  async function stable(): Promise<void> {
    await harness.fixture.whenStable();
  }

  async function open(security: AccountSecurity = SECURITY, sessions: SessionInfo[] = [sessionInfo({ id: 'cur', current: true })]): Promise<void> {
    await harness.navigateByUrl('/account');
    expectCall(http, 'GET', AccountRoutes.security).flush(security);
    expectCall(http, 'GET', AccountRoutes.sessions).flush(sessions);
    await stable();
  }

  it('shows the four sections with headings, an in-page nav and who is signed in', async () => {
    await open();
    expect(textOf(page().querySelector('h1'))).toBe('Your account');
    expect(Array.from(page().querySelectorAll('h2')).map((h) => textOf(h)).slice(0, 4)).toEqual([
      'Profile',
      'Password',
      'Two-step verification',
      'Where you’re signed in',
    ]);
    const nav = query(page(), 'nav');
    expect(nav.getAttribute('aria-label')).toBe('Sections of this page');
    expect(Array.from(nav.querySelectorAll('a')).map((a) => a.getAttribute('href'))).toEqual(['#profile', '#password', '#two-step', '#sessions']);
    expect(textOf(page())).toContain('Signed in as Léa Roux (lea@acme.test)');
  });

  describe('profile', () => {
    it('saves the name and language, switches the language and refreshes who is signed in', async () => {
      await open();
      const profile = section('profile');
      const name = query<HTMLInputElement>(profile, '#profile-name');
      expect(name.value).toBe('Léa Roux');
      typeInto(name, '  Léa Roux-Martin ');
      typeInto(query<HTMLSelectElement>(profile, '#profile-locale'), 'fr');
      await click(profile, 'profile-submit');

      const patch = expectCall(http, 'PATCH', AccountRoutes.profile);
      expect(patch.request.body).toEqual({ name: 'Léa Roux-Martin', locale: 'fr' });
      patch.flush(currentUser({ name: 'Léa Roux-Martin', locale: 'fr' }));
      await stable();

      expect(textOf(query(profile, '[data-testid="profile-saved"]'))).toBe('Votre profil est enregistré.');
      expect(TestBed.inject(I18nService).locale()).toBe('fr');
      expect(session.load).toHaveBeenCalledWith({ refresh: true });
    });

    it('requires a name', async () => {
      await open();
      const profile = section('profile');
      typeInto(query<HTMLInputElement>(profile, '#profile-name'), '   ');
      await click(profile, 'profile-submit');
      http.expectNone(AccountRoutes.profile);
      expect(textOf(profile.querySelector('#profile-name-error'))).toBe('This field is required.');
    });
  });

  describe('password', () => {
    const NEW = 'a much longer passphrase';

    function fill(root: HTMLElement): void {
      typeInto(query<HTMLInputElement>(root, '#account-password-currentPassword'), 'old password 1');
      typeInto(query<HTMLInputElement>(root, '#account-password-password'), NEW);
      typeInto(query<HTMLInputElement>(root, '#account-password-passwordConfirm'), NEW);
    }

    it('sends the current and the new password, then says it is changed and clears the form', async () => {
      await open();
      const root = section('password');
      fill(root);
      await click(root, 'password-submit');
      const post = expectCall(http, 'POST', AccountRoutes.password);
      expect(post.request.body).toEqual({ currentPassword: 'old password 1', newPassword: NEW });
      post.flush(null, { status: 204, statusText: 'No Content' });
      await stable();
      expect(textOf(query(root, '[data-testid="password-changed"]'))).toContain('Your password has been changed');
      expect(query<HTMLInputElement>(root, '#account-password-password').value).toBe('');
    });

    it('explains a wrong current password, and shows the API’s newPassword error under the new password', async () => {
      await open();
      const root = section('password');
      fill(root);
      await click(root, 'password-submit');
      flushError(expectCall(http, 'POST', AccountRoutes.password), 401, 'invalid_credentials');
      await stable();
      expect(textOf(query(root, '[data-testid="password-error"]'))).toBe('Your current password is not correct. Check it and try again.');

      await click(root, 'password-submit');
      flushError(expectCall(http, 'POST', AccountRoutes.password), 400, 'validation_failed', { newPassword: ['password is too common'] });
      await stable();
      expect(textOf(root.querySelector('#account-password-password-error'))).toBe('password is too common');
    });
  });

  describe('two-step verification', () => {
    it('shows since when it is on and how many recovery codes are left, without a warning above 3', async () => {
      await open();
      const root = section('two-step');
      expect(textOf(query(root, '[data-testid="two-step-status"]'))).toContain('On since 15 January 2026');
      expect(textOf(query(root, '[data-testid="two-step-codes-left"]'))).toBe('8 left');
      expect(root.querySelector('[data-testid="two-step-low-codes"]')).toBeNull();
    });

    it('warns when 3 recovery codes or fewer are left', async () => {
      await open({ ...SECURITY, recoveryCodesLeft: 3 });
      expect(textOf(query(section('two-step'), '[data-testid="two-step-low-codes"]'))).toContain('Only 3 recovery codes left');
    });

    it('offers a retry when the status cannot be loaded', async () => {
      await harness.navigateByUrl('/account');
      flushError(expectCall(http, 'GET', AccountRoutes.security), 500, 'internal_error');
      expectCall(http, 'GET', AccountRoutes.sessions).flush([]);
      await stable();
      const root = section('two-step');
      expect(textOf(query(root, '[data-testid="two-step-load-error"]'))).toContain('Something went wrong on the server');
      query<HTMLButtonElement>(root, '[data-testid="two-step-load-error"] button').click();
      expectCall(http, 'GET', AccountRoutes.security).flush(SECURITY);
      await stable();
      expect(root.querySelector('[data-testid="two-step-status"]')).not.toBeNull();
    });

    it('replaces the authenticator: code → QR and key → code from the new device → recovery codes', async () => {
      await open();
      const root = section('two-step');
      await click(root, 'two-step-replace');
      expect(document.activeElement?.textContent?.trim()).toBe('Replace your authenticator');

      typeInto(query<HTMLInputElement>(root, '#two-step-proof'), '123 456');
      await click(root, 'two-step-proof-submit');
      const start = expectCall(http, 'POST', AccountRoutes.authenticatorStart);
      expect(start.request.body).toEqual({ code: '123456' });
      start.flush(ENROLMENT);
      await stable();

      const qr = query<HTMLImageElement>(root, '[data-testid="two-step-qr"]');
      expect(qr.src.startsWith('data:image/svg+xml;base64,')).toBeTrue();
      expect(atob(qr.src.split(',')[1])).toBe(ENROLMENT.qrSvg);
      expect(qr.alt).toBe('QR code to scan with your authenticator app for lea@acme.test');
      expect(textOf(query(root, '[data-testid="two-step-secret"]'))).toBe('JBSW Y3DP EHPK 3PXP');
      await click(root, 'two-step-copy-key');
      expect(browser.copyText).toHaveBeenCalledWith('JBSWY3DPEHPK3PXP');

      typeInto(query<HTMLInputElement>(root, '#two-step-new-code'), '654321');
      await click(root, 'two-step-code-submit');
      const confirm = expectCall(http, 'POST', AccountRoutes.authenticatorConfirm);
      expect(confirm.request.body).toEqual({ code: '654321' });
      confirm.flush({ codes: CODES });
      await stable();

      expect(Array.from(root.querySelectorAll('[data-testid="recovery-code"]')).map((li) => textOf(li))).toEqual(CODES);
      const done = button(root, 'recovery-codes-done');
      expect(done.disabled).toBeTrue();
      query<HTMLInputElement>(root, '[data-testid="recovery-codes-saved"]').click();
      harness.fixture.detectChanges();
      await click(root, 'recovery-codes-done');

      expectCall(http, 'GET', AccountRoutes.security).flush({ ...SECURITY, recoveryCodesLeft: 10 });
      await stable();
      expect(textOf(query(root, '[data-testid="two-step-notice"]'))).toContain('Your new authenticator is set up');
      expect(textOf(query(root, '[data-testid="two-step-codes-left"]'))).toBe('10 left');
      expect(root.querySelector('[data-testid="recovery-code"]')).toBeNull();
    });

    it('shows a wrong code from the new device next to the field', async () => {
      await open();
      const root = section('two-step');
      await click(root, 'two-step-replace');
      typeInto(query<HTMLInputElement>(root, '#two-step-proof'), '123456');
      await click(root, 'two-step-proof-submit');
      expectCall(http, 'POST', AccountRoutes.authenticatorStart).flush(ENROLMENT);
      await stable();
      typeInto(query<HTMLInputElement>(root, '#two-step-new-code'), '000000');
      await click(root, 'two-step-code-submit');
      flushError(expectCall(http, 'POST', AccountRoutes.authenticatorConfirm), 400, 'totp_invalid');
      await stable();
      expect(textOf(root.querySelector('#two-step-new-code-error'))).toContain('This code isn’t valid right now');
      expect(root.querySelector('[data-testid="two-step-qr"]')).not.toBeNull();
    });

    it('issues new recovery codes with a recovery code as proof, and explains a wrong one', async () => {
      await open();
      const root = section('two-step');
      await click(root, 'two-step-new-codes');
      expect(textOf(root.querySelector('h3'))).toBe('Create new recovery codes');

      typeInto(query<HTMLInputElement>(root, '#two-step-proof'), ' wxyz-9876 ');
      await click(root, 'two-step-proof-submit');
      const first = expectCall(http, 'POST', AccountRoutes.recoveryCodes);
      expect(first.request.body).toEqual({ recoveryCode: 'wxyz-9876' });
      flushError(first, 400, 'recovery_code_invalid');
      await stable();
      const proof = query<HTMLInputElement>(root, '#two-step-proof');
      expect(textOf(root.querySelector('#two-step-proof-error'))).toBe('This recovery code isn’t valid or has already been used.');
      expect(document.activeElement).toBe(proof);

      typeInto(proof, '111222');
      await click(root, 'two-step-proof-submit');
      const second = expectCall(http, 'POST', AccountRoutes.recoveryCodes);
      expect(second.request.body).toEqual({ code: '111222' });
      second.flush({ codes: CODES });
      await stable();
      expect(root.querySelectorAll('[data-testid="recovery-code"]').length).toBe(3);
    });
  });

  describe('sessions', () => {
    const CURRENT = sessionInfo({ id: 'cur', current: true, browser: 'Chrome', os: 'macOS', apps: ['Wiki', 'Chat'], place: 'Lyon' });
    const OTHER = sessionInfo({ id: 'other', browser: 'Firefox', os: 'Windows', ipAddress: null });

    it('lists the sessions with this device marked, relative last activity and apps', async () => {
      await open(SECURITY, [CURRENT, OTHER]);
      const root = section('sessions');
      const items = root.querySelectorAll('[data-testid="session"]');
      expect(items.length).toBe(2);
      expect(textOf(items[0])).toContain('Chrome on macOS');
      expect(textOf(items[0].querySelector('[data-testid="session-current"]'))).toBe('This device');
      expect(textOf(items[0])).toContain('203.0.113.7, near Lyon');
      expect(textOf(items[0])).toContain('Wiki, Chat');
      expect(textOf(items[0].querySelector('[data-testid="session-last-active"]'))).toBe('5 minutes ago');
      expect(items[0].querySelector('[data-testid="session-end"]')).toBeNull();
      expect(textOf(items[1])).toContain('Unknown address');
      expect(textOf(items[1])).toContain('None yet');
      expect(textOf(items[1].querySelector('[data-testid="session-end"]'))).toBe('Sign out Firefox on Windows');
    });

    it('signs out another session', async () => {
      await open(SECURITY, [CURRENT, OTHER]);
      const root = section('sessions');
      await click(root, 'session-end');
      expectCall(http, 'DELETE', AccountRoutes.session('other')).flush(null, { status: 204, statusText: 'No Content' });
      await stable();
      expect(root.querySelectorAll('[data-testid="session"]').length).toBe(1);
      expect(textOf(root)).toContain('Firefox on Windows is signed out.');
      expect(textOf(root)).toContain('You’re signed in on this device only.');
    });

    it('shows an empty state', async () => {
      await open(SECURITY, []);
      expect(textOf(query(section('sessions'), '[data-testid="sessions-empty"]'))).toBe('No active sessions.');
    });

    it('asks before signing out everywhere; Escape and Cancel keep everything', async () => {
      await open(SECURITY, [CURRENT, OTHER]);
      const root = section('sessions');
      const trigger = button(root, 'sessions-everywhere');
      trigger.focus();
      await click(root, 'sessions-everywhere');
      const dialog = query<HTMLDialogElement>(root, 'dialog');
      expect(dialog.open).toBeTrue();
      expect(dialog.getAttribute('aria-labelledby')).toBe(dialog.querySelector('h2')?.id ?? 'missing');
      expect(textOf(dialog.querySelector('h2'))).toBe('Sign out everywhere?');
      expect(textOf(document.activeElement)).toBe('Cancel');

      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      harness.fixture.detectChanges();
      await stable();
      expect(dialog.open).toBeFalse();
      expect(document.activeElement).toBe(trigger);
      http.expectNone(AccountRoutes.signOutEverywhere);
    });

    it('signs out everywhere after confirming, then reloads the app at /', async () => {
      await open(SECURITY, [CURRENT, OTHER]);
      const root = section('sessions');
      await click(root, 'sessions-everywhere');
      await click(root, 'confirm-dialog-confirm');
      expectCall(http, 'POST', AccountRoutes.signOutEverywhere).flush(null, { status: 204, statusText: 'No Content' });
      await stable();
      expect(browser.assign).toHaveBeenCalledWith('/');
    });

    it('keeps the dialog open with the error when signing out everywhere fails', async () => {
      await open(SECURITY, [CURRENT]);
      const root = section('sessions');
      await click(root, 'sessions-everywhere');
      await click(root, 'confirm-dialog-confirm');
      expectCall(http, 'POST', AccountRoutes.signOutEverywhere).error(new ProgressEvent('error'), { status: 0 });
      await stable();
      expect(query<HTMLDialogElement>(root, 'dialog').open).toBeTrue();
      expect(textOf(query(root, 'dialog [role="alert"]'))).toContain('The server cannot be reached');
      expect(browser.assign).not.toHaveBeenCalled();
    });
  });

  it('speaks French', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await open();
    expect(textOf(page().querySelector('h1'))).toBe('Votre compte');
    expect(textOf(query(section('two-step'), '[data-testid="two-step-codes-left"]'))).toBe('8 restants');
  });
});
