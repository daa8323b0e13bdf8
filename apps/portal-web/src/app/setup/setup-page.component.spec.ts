import { Location } from '@angular/common';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import {
  ApiRoutes,
  type ApiErrorBody,
  type CreateFirstAdminRequest,
  type CreateFirstAdminResponse,
  type SetupLinkStatus,
} from '@passerelle/contracts';
import { clickAndRender, expectLinkCheck, query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { SetupPageComponent } from './setup-page.component';

@Component({ selector: 'psl-sign-in-stub', template: 'sign-in page', changeDetection: ChangeDetectionStrategy.OnPush })
class SignInStubComponent {}

@Component({ selector: 'psl-activate-stub', template: 'activate page', changeDetection: ChangeDetectionStrategy.OnPush })
class ActivateStubComponent {}

const TOKEN = 'tok_0123456789abcdef';

describe('SetupPageComponent (/setup#token=…)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([
      { path: 'setup', component: SetupPageComponent },
      { path: 'sign-in', component: SignInStubComponent },
      { path: 'activate', component: ActivateStubComponent },
    ]));
  });

  afterEach(() => http.verify());

  function page(): HTMLElement {
    return routedElement(harness);
  }

  async function stable(): Promise<void> {
    await harness.fixture.whenStable();
  }

  async function openWithLink(status: SetupLinkStatus): Promise<void> {
    await harness.navigateByUrl(`/setup#token=${TOKEN}`);
    const check = expectLinkCheck(http);
    expect(check.request.body).toEqual({ token: TOKEN });
    check.flush(status);
    await stable();
  }

  function field(id: string): HTMLInputElement {
    return query<HTMLInputElement>(page(), `#setup-${id}`);
  }

  function fillValidForm(): void {
    typeInto(field('organisationName'), 'Acme Coop');
    typeInto(field('name'), 'Alice Martin');
    typeInto(field('email'), 'alice@acme.test');
    typeInto(field('password'), 'correct horse battery');
    typeInto(field('passwordConfirm'), 'correct horse battery');
  }

  function submit(): void {
    clickAndRender(harness, 'setup-submit');
  }

  function expectCreate(): TestRequest {
    return http.expectOne((request) => request.url === ApiRoutes.setup && request.method === 'POST');
  }

  it('explains how to get a link, without calling the API, when the URL carries no token', async () => {
    await harness.navigateByUrl('/setup');
    await stable();
    http.expectNone(() => true);
    expect(textOf(page().querySelector('h1'))).toBe('This page needs a setup link');
    expect(textOf(page().querySelector('pre code'))).toBe(
      'npm run portal -- user create --admin --email you@example.com --name "Your Name"',
    );
    expect(page().querySelector('form')).toBeNull();
  });

  it('removes the token from the address bar right after reading it', async () => {
    await harness.navigateByUrl(`/setup#token=${TOKEN}`);
    expect(TestBed.inject(Location).path(true)).toBe('/setup');
    expectLinkCheck(http).flush({ valid: true });
    await stable();
  });

  it('shows the expired-link message when the API says so, with the way to get a fresh link', async () => {
    await openWithLink({ valid: false, reason: 'setup_link_expired' });
    expect(textOf(page().querySelector('h1'))).toBe('This setup link has expired');
    expect(textOf(page())).toContain('Restart the server');
    expect(page().querySelector('form')).toBeNull();
  });

  it('sends people to sign-in when the link was already used or setup is done', async () => {
    await openWithLink({ valid: false, reason: 'setup_already_done' });
    expect(textOf(page().querySelector('h1'))).toBe('Passerelle is already set up');
    const link = query<HTMLAnchorElement>(page(), 'a.button');
    expect(link.getAttribute('href')).toBe('/sign-in');
  });

  it('treats an error response carrying a link reason like a dead link', async () => {
    await harness.navigateByUrl(`/setup#token=${TOKEN}`);
    const body: ApiErrorBody = { statusCode: 410, code: 'setup_link_used', message: 'Used' };
    expectLinkCheck(http).flush(body, { status: 410, statusText: 'Gone' });
    await stable();
    expect(textOf(page().querySelector('h1'))).toBe('This setup link has already been used');
  });

  it('sends an account activation link on to /activate with the same token', async () => {
    await openWithLink({ valid: true, purpose: 'account_activation', account: { email: 'lea@acme.test', name: 'Léa Roux' } });
    expect(TestBed.inject(Location).path(true)).toBe(`/activate#token=${TOKEN}`);
    expect(textOf(page())).toBe('activate page');
  });

  it('shows the form for a valid link, with a live password length hint', async () => {
    await openWithLink({ valid: true, expiresAt: '2030-01-01T10:00:00Z' });
    expect(textOf(page().querySelector('h1'))).toBe('Create the administrator account');
    expect(textOf(page())).toContain('This setup link expires at');
    const meter = query(page(), '[data-testid="password-meter"]');
    expect(textOf(meter)).toBe('0 of 12 characters');

    typeInto(field('password'), 'abcdef');
    await stable();
    expect(textOf(meter)).toBe('6 of 12 characters');

    typeInto(field('password'), 'abcdefghijklmn');
    await stable();
    expect(textOf(meter)).toBe('Long enough (14 characters)');
  });

  it('checks the fields before sending and focuses the first invalid one', async () => {
    await openWithLink({ valid: true });
    typeInto(field('organisationName'), 'Acme Coop');
    typeInto(field('email'), 'not-an-email');
    typeInto(field('password'), 'short');
    typeInto(field('passwordConfirm'), 'different');
    submit();
    await stable();

    http.expectNone(ApiRoutes.setup);
    expect(field('name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('name'));
    expect(textOf(page().querySelector('#setup-email-error'))).toContain('Enter an email address');
    expect(textOf(page().querySelector('#setup-password-error'))).toBe('Use at least 12 characters.');
    expect(textOf(page().querySelector('#setup-passwordConfirm-error'))).toBe(
      'The two passwords are not the same.',
    );
    expect(field('organisationName').hasAttribute('aria-invalid')).toBeFalse();
  });

  it('sends the form and shows success', async () => {
    await openWithLink({ valid: true });
    fillValidForm();
    typeInto(query<HTMLSelectElement>(page(), '#setup-locale'), 'fr');
    submit();

    const create = expectCreate();
    const expected: CreateFirstAdminRequest = {
      token: TOKEN,
      organisationName: 'Acme Coop',
      name: 'Alice Martin',
      email: 'alice@acme.test',
      password: 'correct horse battery',
      locale: 'fr',
    };
    expect(create.request.body).toEqual(expected);

    const response: CreateFirstAdminResponse = { organisationName: 'Acme Coop', name: 'Alice Martin', email: 'alice@acme.test' };
    create.flush(response, { status: 201, statusText: 'Created' });
    await stable();

    const success = query(page(), '[data-testid="setup-success"]');
    expect(textOf(success.querySelector('h1'))).toBe('Your administrator account is ready');
    expect(textOf(success)).toContain('alice@acme.test');
    expect(query<HTMLAnchorElement>(success, 'a').getAttribute('href')).toBe('/sign-in');
    expect(TestBed.inject(InstanceService).organisationName()).toBe('Acme Coop');
    expect(TestBed.inject(InstanceService).info()?.setupRequired).toBeFalse();
  });

  it('disables the submit button and shows progress while sending', async () => {
    await openWithLink({ valid: true });
    fillValidForm();
    submit();

    const button = query<HTMLButtonElement>(page(), '[data-testid="setup-submit"]');
    expect(button.disabled).toBeTrue();
    expect(textOf(button)).toBe('Creating the account…');
    button.click(); // a second click while busy sends nothing more
    harness.fixture.detectChanges();

    expectCreate().flush({ organisationName: 'Acme Coop', name: 'Alice Martin', email: 'alice@acme.test' });
    await stable();
  });

  it('shows field errors from a 400 and keeps the typed values', async () => {
    await openWithLink({ valid: true });
    fillValidForm();
    submit();

    const body: ApiErrorBody = {
      statusCode: 400,
      code: 'validation_failed',
      message: 'Validation failed',
      fields: { email: ['email must be an email'] },
    };
    expectCreate().flush(body, { status: 400, statusText: 'Bad Request' });
    await stable();

    const email = field('email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('setup-email-error');
    expect(textOf(page().querySelector('#setup-email-error'))).toBe('email must be an email');
    expect(document.activeElement).toBe(email);
    expect(textOf(query(page(), '[data-testid="setup-error"]'))).toBe('Some fields need your attention.');

    expect(field('organisationName').value).toBe('Acme Coop');
    expect(field('name').value).toBe('Alice Martin');
    expect(email.value).toBe('alice@acme.test');
    expect(field('password').value).toBe('correct horse battery');
    expect(query<HTMLButtonElement>(page(), '[data-testid="setup-submit"]').disabled).toBeFalse();

    typeInto(email, 'alice@acme.example');
    await stable();
    expect(email.hasAttribute('aria-invalid')).toBeFalse();
  });

  it('puts email_taken next to the email field in the current language', async () => {
    TestBed.inject(I18nService).setLocale('fr');
    await openWithLink({ valid: true });
    fillValidForm();
    submit();

    expectCreate().flush({ statusCode: 409, code: 'email_taken', message: 'Email taken' } satisfies ApiErrorBody, {
      status: 409,
      statusText: 'Conflict',
    });
    await stable();
    expect(textOf(page().querySelector('#setup-email-error'))).toBe('Un compte utilise déjà cette adresse e-mail.');
  });

  it('explains an expired link after submit without clearing the form', async () => {
    await openWithLink({ valid: true });
    fillValidForm();
    submit();

    expectCreate().flush({ statusCode: 410, code: 'setup_link_expired', message: 'Expired' } satisfies ApiErrorBody, {
      status: 410,
      statusText: 'Gone',
    });
    await stable();
    const banner = query(page(), '[data-testid="setup-error"]');
    expect(textOf(banner)).toContain('This setup link has expired');
    expect(document.activeElement).toBe(banner);
    expect(field('name').value).toBe('Alice Martin');
  });

  it('says to wait when the server limits attempts', async () => {
    await openWithLink({ valid: true });
    fillValidForm();
    submit();
    expectCreate().flush({ statusCode: 429, code: 'rate_limited', message: 'Slow down' } satisfies ApiErrorBody, {
      status: 429,
      statusText: 'Too Many Requests',
    });
    await stable();
    expect(textOf(query(page(), '[data-testid="setup-error"]'))).toBe('Too many attempts. Wait a minute, then try again.');
  });

  it('offers to try again when the link cannot be checked', async () => {
    await harness.navigateByUrl(`/setup#token=${TOKEN}`);
    expectLinkCheck(http).error(new ProgressEvent('error'), { status: 0 });
    await stable();
    expect(textOf(page().querySelector('h1'))).toBe('The setup link could not be checked');

    query<HTMLButtonElement>(page(), 'button').click();
    expectLinkCheck(http).flush({ valid: true });
    await stable();
    expect(page().querySelector('form')).not.toBeNull();
  });
});
