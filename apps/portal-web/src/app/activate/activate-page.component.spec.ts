import { Location } from '@angular/common';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { type ActivateAccountRequest, type ApiErrorBody, ApiRoutes, type SetupLinkStatus } from '@passerelle/contracts';
import {
  clickAndRender,
  expectLinkCheck,
  instanceInfo,
  query,
  routedElement,
  routedHarness,
  textOf,
  typeInto,
} from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { ActivatePageComponent } from './activate-page.component';

@Component({ selector: 'psl-sign-in-stub', template: 'sign-in page', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStubComponent {}

@Component({ selector: 'psl-setup-stub', template: 'setup page', changeDetection: ChangeDetectionStrategy.OnPush })
class SetupStubComponent {}

const TOKEN = 'tok_activate_0123456789';
const VALID: SetupLinkStatus = {
  valid: true,
  purpose: 'account_activation',
  expiresAt: '2030-01-01T10:00:00Z',
  account: { email: 'lea@acme.test', name: 'Léa Roux' },
};
const PASSWORD = 'correct horse battery';
type GuestAccess = NonNullable<NonNullable<SetupLinkStatus['account']>['guest']>;
/** A guest's invitation: access from 1 March until the end of 31 March 2027 (local time), sponsored by Marie. */
const GUEST_ACCESS: GuestAccess = { startsAt: new Date(2027, 2, 1, 9, 0).toISOString(), endsAt: new Date(2027, 2, 31, 23, 59, 59, 999).toISOString(), sponsorName: 'Marie Dupont' };
function guestInvitation(guest: GuestAccess = GUEST_ACCESS): SetupLinkStatus {
  return { ...VALID, expiresAt: new Date(2027, 2, 4, 10, 0).toISOString(), account: { email: 'nina@studio.test', name: 'Nina Weber', guest } };
}

describe('ActivatePageComponent (/activate#token=…)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([
      { path: 'activate', component: ActivatePageComponent },
      { path: 'setup', component: SetupStubComponent },
      { path: 'sign-in', component: SignInStubComponent },
    ]));
  });

  afterEach(() => http.verify());

  function page(): HTMLElement {
    return routedElement(harness);
  }

  async function stable(): Promise<void> {
    await harness.fixture.whenStable();
  }

  /** Opens the page; the organisation name is asked for alongside the link. */
  async function open(url: string): Promise<void> {
    await harness.navigateByUrl(url);
    http.expectOne(ApiRoutes.instance).flush(instanceInfo({ organisationName: 'Acme Coop' }));
  }

  async function openWithLink(status: SetupLinkStatus): Promise<void> {
    await open(`/activate#token=${TOKEN}`);
    const check = expectLinkCheck(http);
    expect(check.request.body).toEqual({ token: TOKEN });
    check.flush(status);
    await stable();
  }

  function field(id: string): HTMLInputElement {
    return query<HTMLInputElement>(page(), `#activate-${id}`);
  }

  function fillPasswords(password = PASSWORD, confirmation = password): void {
    typeInto(field('password'), password);
    typeInto(field('passwordConfirm'), confirmation);
  }

  function submit(): void {
    clickAndRender(harness, 'activate-submit');
  }

  function expectActivate(): TestRequest {
    return http.expectOne((request) => request.url === ApiRoutes.activate && request.method === 'POST');
  }

  it('greets the person by name, shows their email as text and the organisation, with the password form', async () => {
    await openWithLink(VALID);
    expect(TestBed.inject(Location).path(true)).toBe('/activate');
    expect(textOf(page().querySelector('h1'))).toBe('Set your password');
    expect(textOf(query(page(), '[data-testid="activate-organisation"]'))).toBe('Acme Coop');
    expect(textOf(query(page(), '[data-testid="activate-greeting"]'))).toBe(
      'Hello Léa Roux, choose a password to finish setting up your Acme Coop account.',
    );
    expect(textOf(query(page(), '[data-testid="activate-email"]'))).toBe('lea@acme.test');
    expect(page().querySelector('input[type="email"], input[autocomplete="email"]')).toBeNull();
    expect(textOf(page())).toContain('This link expires at');
    expect(field('password').getAttribute('autocomplete')).toBe('new-password');
    expect(field('passwordConfirm')).toBeTruthy();

    const meter = query(page(), '[data-testid="password-meter"]');
    expect(textOf(meter)).toBe('0 of 12 characters');
    typeInto(field('password'), 'abcdefghijklmn');
    await stable();
    expect(textOf(meter)).toBe('Long enough (14 characters)');
  });

  it('explains, without calling the link check, that the page needs a link when the URL has no token', async () => {
    await open('/activate');
    await stable();
    http.expectNone(ApiRoutes.setupLink);
    expect(textOf(page().querySelector('h1'))).toBe('This page needs an activation link');
    expect(page().querySelector('form')).toBeNull();
  });

  const deadLinks: { reason: NonNullable<SetupLinkStatus['reason']>; title: string; body: RegExp; signIn: boolean }[] = [
    { reason: 'setup_link_invalid', title: 'This activation link is not valid', body: /copied the whole link/, signIn: false },
    { reason: 'setup_link_expired', title: 'This activation link has expired', body: /Ask your administrator/, signIn: false },
    { reason: 'setup_link_used', title: 'This activation link has already been used', body: /sign in/, signIn: true },
    { reason: 'setup_already_done', title: 'This account is already set up', body: /Sign in/, signIn: true },
  ];
  for (const dead of deadLinks) {
    it(`says in plain words why a ${dead.reason} link does not work, without a form`, async () => {
      await openWithLink({ valid: false, reason: dead.reason });
      expect(textOf(page().querySelector('h1'))).toBe(dead.title);
      expect(textOf(page())).toMatch(dead.body);
      expect(textOf(page())).not.toContain('Restart the server');
      expect(page().querySelector('form, input')).toBeNull();
      const signIn = page().querySelector<HTMLAnchorElement>('a.button');
      expect(signIn?.getAttribute('href') ?? null).toBe(dead.signIn ? '/sign-in' : null);
    });
  }

  it('treats an error response carrying a link reason like a dead link', async () => {
    await open(`/activate#token=${TOKEN}`);
    const body: ApiErrorBody = { statusCode: 410, code: 'setup_link_expired', message: 'Expired' };
    expectLinkCheck(http).flush(body, { status: 410, statusText: 'Gone' });
    await stable();
    expect(textOf(page().querySelector('h1'))).toBe('This activation link has expired');
  });

  it('sends a first-administrator link on to /setup with the same token', async () => {
    await openWithLink({ valid: true, purpose: 'first_admin', expiresAt: '2030-01-01T10:00:00Z' });
    expect(TestBed.inject(Location).path(true)).toBe(`/setup#token=${TOKEN}`);
    expect(textOf(page())).toBe('setup page');
  });

  it('sets the password and shows success with a way to sign in', async () => {
    await openWithLink(VALID);
    fillPasswords();
    submit();

    const activate = expectActivate();
    const expected: ActivateAccountRequest = { token: TOKEN, password: PASSWORD };
    expect(activate.request.body).toEqual(expected);
    const button = query<HTMLButtonElement>(page(), '[data-testid="activate-submit"]');
    expect(button.disabled).toBeTrue();
    expect(textOf(button)).toBe('Saving your password…');

    activate.flush({ email: 'lea@acme.test', name: 'Léa Roux' });
    await stable();

    const success = query(page(), '[data-testid="activate-success"]');
    expect(textOf(success.querySelector('h1'))).toBe('Your account is ready');
    expect(textOf(success)).toContain('Léa Roux, you can now sign in to Acme Coop with lea@acme.test.');
    expect(query<HTMLAnchorElement>(success, 'a').getAttribute('href')).toBe('/sign-in');
    expect(document.activeElement).toBe(success.querySelector('h1'));
  });

  it('checks the passwords before sending and focuses the first problem', async () => {
    await openWithLink(VALID);
    fillPasswords('short', 'different');
    submit();
    await stable();

    http.expectNone(ApiRoutes.activate);
    expect(document.activeElement).toBe(field('password'));
    expect(textOf(page().querySelector('#activate-password-error'))).toBe('Use at least 12 characters.');
    expect(textOf(page().querySelector('#activate-passwordConfirm-error'))).toBe('The two passwords are not the same.');
  });

  it('shows a 400 password error next to the field and keeps what was typed', async () => {
    await openWithLink(VALID);
    fillPasswords();
    submit();

    const body: ApiErrorBody = {
      statusCode: 400,
      code: 'validation_failed',
      message: 'Validation failed',
      fields: { password: ['password is too common'] },
    };
    expectActivate().flush(body, { status: 400, statusText: 'Bad Request' });
    await stable();

    const password = field('password');
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(
      'activate-password-hint activate-password-meter activate-password-error',
    );
    expect(textOf(page().querySelector('#activate-password-error'))).toBe('password is too common');
    expect(document.activeElement).toBe(password);
    expect(textOf(query(page(), '[data-testid="activate-error"]'))).toBe('Some fields need your attention.');
    expect(password.value).toBe(PASSWORD);
    expect(field('passwordConfirm').value).toBe(PASSWORD);
    expect(query<HTMLButtonElement>(page(), '[data-testid="activate-submit"]').disabled).toBeFalse();

    typeInto(password, 'another long passphrase');
    await stable();
    expect(password.hasAttribute('aria-invalid')).toBeFalse();
  });

  it('explains a link used meanwhile (410) after submit, with a way to sign in', async () => {
    await openWithLink(VALID);
    fillPasswords();
    submit();

    expectActivate().flush({ statusCode: 410, code: 'setup_link_used', message: 'Used' } satisfies ApiErrorBody, {
      status: 410,
      statusText: 'Gone',
    });
    await stable();
    const banner = query(page(), '[data-testid="activate-error"]');
    expect(textOf(banner)).toContain('This activation link has already been used');
    expect(textOf(banner)).toContain('ask your administrator for a new link');
    expect(query<HTMLAnchorElement>(banner, 'a').getAttribute('href')).toBe('/sign-in');
    expect(document.activeElement).toBe(banner);
    expect(field('password').value).toBe(PASSWORD);
  });

  it('speaks French when the person chose French', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await openWithLink(VALID);
    expect(textOf(page().querySelector('h1'))).toBe('Choisissez votre mot de passe');
    expect(textOf(query(page(), '[data-testid="activate-greeting"]'))).toContain('Bonjour Léa Roux');
    expect(textOf(query(page(), '[data-testid="activate-submit"]'))).toBe('Enregistrer mon mot de passe');
  });

  describe('a guest’s invitation', () => {
    it('speaks to the guest: their access window, their sponsor, and the authenticator that comes next', async () => {
      await openWithLink(guestInvitation());
      expect(textOf(page().querySelector('h1'))).toBe('Accept your invitation');
      expect(textOf(query(page(), '[data-testid="activate-greeting"]'))).toBe('Hello Nina Weber, choose a password to accept your invitation.');
      expect(textOf(query(page(), '[data-testid="activate-guest-access"]'))).toBe(
        'Guest access to Acme Coop from 1 March 2027 until 31 March 2027, sponsored by Marie Dupont.',
      );
      expect(textOf(query(page(), '[data-testid="activate-guest-authenticator"]'))).toBe(
        'Next you’ll set up an authenticator app — guests must use one.',
      );
      expect(textOf(query(page(), '[data-testid="activate-email"]'))).toBe('nina@studio.test');
      expect(textOf(query(page(), '[data-testid="activate-expiry"]'))).toBe('This invitation works once and expires on 4 March 2027 at 10:00.');
      expect(textOf(query(page(), '[data-testid="activate-submit"]'))).toBe('Set my password');

      fillPasswords();
      submit();
      const activate = expectActivate();
      expect(activate.request.body).toEqual({ token: TOKEN, password: PASSWORD });
      activate.flush({ email: 'nina@studio.test', name: 'Nina Weber' });
      await stable();
      expect(textOf(query(page(), '[data-testid="activate-success"]'))).toContain('Nina Weber, you can now sign in to Acme Coop with nina@studio.test.');
    });

    it('leaves out the sponsor when there is none any more', async () => {
      await openWithLink(guestInvitation({ ...GUEST_ACCESS, sponsorName: null }));
      expect(textOf(query(page(), '[data-testid="activate-guest-access"]'))).toBe('Guest access to Acme Coop from 1 March 2027 until 31 March 2027.');
    });

    it('in French, dates included', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await openWithLink(guestInvitation());
      expect(textOf(page().querySelector('h1'))).toBe('Acceptez votre invitation');
      expect(textOf(query(page(), '[data-testid="activate-greeting"]'))).toBe('Bonjour Nina Weber, choisissez un mot de passe pour accepter votre invitation.');
      expect(textOf(query(page(), '[data-testid="activate-guest-access"]'))).toBe(
        'Accès invité à Acme Coop du 1 mars 2027 au 31 mars 2027, sous la responsabilité de Marie Dupont.',
      );
      expect(textOf(query(page(), '[data-testid="activate-guest-authenticator"]'))).toBe(
        'Vous configurerez ensuite une application d’authentification — elle est obligatoire pour les invités.',
      );
      expect(textOf(query(page(), '[data-testid="activate-expiry"]'))).toBe('Cette invitation ne fonctionne qu’une fois et expire le 4 mars 2027 à 10:00.');
    });

    it('keeps the employee wording for an account an administrator created', async () => {
      await openWithLink(VALID);
      expect(page().querySelector('[data-testid="activate-guest"]')).toBeNull();
      expect(textOf(page())).not.toContain('invitation');
    });
  });

  it('offers to try again when the link cannot be checked', async () => {
    await open(`/activate#token=${TOKEN}`);
    expectLinkCheck(http).error(new ProgressEvent('error'), { status: 0 });
    await stable();
    expect(textOf(page().querySelector('h1'))).toBe('The activation link could not be checked');

    query<HTMLButtonElement>(page(), 'button').click();
    expectLinkCheck(http).flush(VALID);
    await stable();
    expect(page().querySelector('form')).not.toBeNull();
  });
});
