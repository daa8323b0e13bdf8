import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type CreatedAppClient } from '@passerelle/contracts';
import { type BrowserStub, appClient, browserStub, expectCall, flushError, provideBrowserStub, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { AppsPageComponent } from './apps-page.component';

const WIKI = appClient();
const OIDC_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'];
// Every client an administrator registers is first party (no consent screen).
const PORTAL = appClient({ clientId: 'portal', name: 'Passerelle', firstParty: true });
const SPA = appClient({ clientId: 'spa', name: 'Planner', public: true, initiateLoginUri: 'https://planner.acme.test/login' });

describe('AppsPageComponent (/admin/apps)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let browser: BrowserStub;

  beforeEach(async () => {
    browser = browserStub();
    TestBed.configureTestingModule({ providers: [provideBrowserStub(browser)] });
    ({ http, harness } = await routedHarness([{ path: 'admin/apps', component: AppsPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();

  async function open(apps = [PORTAL, WIKI, SPA]): Promise<void> {
    await harness.navigateByUrl('/admin/apps');
    expectCall(http, 'GET', AdminRoutes.apps).flush(apps);
    await stable();
  }

  async function click(testId: string, index = 0): Promise<void> {
    page().querySelectorAll<HTMLButtonElement>(`[data-testid="${testId}"]`)[index].click();
    harness.fixture.detectChanges();
    await tick();
  }

  it('lists the apps with their client id, kind, redirect URIs and initiate login URI', async () => {
    await open();
    const apps = page().querySelectorAll('[data-testid="app"]');
    expect(apps.length).toBe(3);
    // Clients registered by an administrator are first party (no consent screen) and can still be deleted.
    expect(textOf(apps[0])).not.toContain('Built in');
    expect(apps[0].querySelector('[data-testid="app-delete"]')).not.toBeNull();
    expect(apps[0].querySelector('[data-testid="app-rotate"]')).not.toBeNull();
    expect(textOf(apps[1])).toContain('Confidential client');
    expect(textOf(apps[1])).toContain('https://wiki.acme.test/callback');
    expect(textOf(apps[1])).toContain('None');
    expect(textOf(apps[2])).toContain('Public client');
    expect(textOf(apps[2])).toContain('https://planner.acme.test/login');
    expect(apps[2].querySelector('[data-testid="app-rotate"]')).toBeNull();
  });

  it('shows an empty state', async () => {
    await open([]);
    expect(textOf(query(page(), '[data-testid="apps-empty"]'))).toBe('No app is registered yet.');
  });

  it('registers an app and shows the client id and the secret once, with copy buttons and a warning', async () => {
    await open([WIKI]);
    await click('apps-register');
    typeInto(query<HTMLInputElement>(page(), '#new-app-name'), 'Chat');
    typeInto(query(page(), '#new-app-redirectUris') as HTMLInputElement, 'https://chat.acme.test/cb\n\n https://chat.acme.test/cb2 ');
    typeInto(query<HTMLInputElement>(page(), '#new-app-backchannelLogoutUri'), 'https://chat.acme.test/bcl');
    query<HTMLInputElement>(page(), '[data-testid="new-app-scope-alerts:write"]').click();
    typeInto(query<HTMLSelectElement>(page(), '#new-app-idTokenSigningAlg'), 'ES256');
    await click('new-app-submit');

    const create = expectCall(http, 'POST', AdminRoutes.apps);
    expect(create.request.body).toEqual({
      name: 'Chat',
      redirectUris: ['https://chat.acme.test/cb', 'https://chat.acme.test/cb2'],
      postLogoutRedirectUris: [],
      public: false,
      scopes: ['alerts:write'],
      idTokenSigningAlg: 'ES256',
      backchannelLogoutUri: 'https://chat.acme.test/bcl',
    });
    const created: CreatedAppClient = { ...appClient({ clientId: 'chat-123', name: 'Chat' }), clientSecret: 's3cr3t-value' };
    create.flush(created);
    await tick();
    expectCall(http, 'GET', AdminRoutes.apps).flush([WIKI, created]);
    await stable();

    const panel = query(page(), '[data-testid="app-secret-panel"]');
    expect(textOf(query(panel, '[data-testid="app-secret-client-id"]'))).toBe('chat-123');
    expect(textOf(query(panel, '[data-testid="app-secret-value"]'))).toBe('s3cr3t-value');
    expect(textOf(query(panel, '[data-testid="app-secret-warning"]'))).toContain('shown only this once');
    expect(document.activeElement).toBe(panel.querySelector('h2'));
    await click('copy-client-secret');
    expect(browser.copyText).toHaveBeenCalledWith('s3cr3t-value');

    await click('app-secret-done');
    await stable();
    expect(page().querySelector('[data-testid="app-secret-panel"]')).toBeNull();
    expect(textOf(page())).not.toContain('s3cr3t-value');
  });

  it('shows the API’s redirectUris errors under that field', async () => {
    await open([WIKI]);
    await click('apps-register');
    typeInto(query<HTMLInputElement>(page(), '#new-app-name'), 'Chat');
    typeInto(query(page(), '#new-app-redirectUris') as HTMLInputElement, 'http://chat');
    await click('new-app-submit');
    flushError(expectCall(http, 'POST', AdminRoutes.apps), 400, 'validation_failed', { 'redirectUris.0': ['must be an https URL'] });
    await stable();
    expect(textOf(page().querySelector('#new-app-redirectUris-error'))).toBe('must be an https URL');
    expect(document.activeElement?.id).toBe('new-app-redirectUris');
  });

  it('shows each app’s API access; grants alerts:write to an existing app and says what changed', async () => {
    await open([PORTAL, WIKI]);
    const wiki = () => page().querySelectorAll('[data-testid="app"]')[1];
    expect(textOf(query(wiki(), '[data-testid="app-api-scopes"]'))).toBe('None: sign-in only');

    await click('app-edit-scopes', 1);
    const form = query(wiki(), '[data-testid="app-scopes"]');
    expect(textOf(form.querySelector('legend'))).toBe('API access of Wiki');
    const alerts = query<HTMLInputElement>(form, '[data-testid="app-scope-alerts:write"]');
    expect(alerts.checked).toBeFalse();
    expect(document.activeElement).toBe(alerts);
    expect(page().querySelectorAll('[data-testid="app-edit-scopes"]').length).withContext('the open card hides its button').toBe(1);

    alerts.click();
    harness.fixture.detectChanges();
    await click('app-scopes-submit');
    const update = expectCall(http, 'PATCH', AdminRoutes.app('wiki'));
    expect(update.request.body).toEqual({ scopes: ['alerts:write'] });
    update.flush({ ...WIKI, scopes: [...OIDC_SCOPES, 'alerts:write'] });
    await stable();

    expect(wiki().querySelector('[data-testid="app-scopes"]')).toBeNull();
    expect(textOf(query(wiki(), '[data-testid="app-scopes-saved"]'))).toBe('API access of Wiki saved: added alerts:write.');
    expect(textOf(query(wiki(), '[data-testid="app-api-scopes"]'))).toContain('alerts:write — publish alerts on the dashboard');
    expect(document.activeElement).toBe(query(wiki(), '[data-testid="app-edit-scopes"]'));
  });

  it('warns before removing a scope, and confirms the removal', async () => {
    const granted = { ...WIKI, scopes: [...OIDC_SCOPES, 'alerts:write', 'users:read'] };
    await open([granted]);
    await click('app-edit-scopes');
    expect(page().querySelector('[data-testid="app-scopes-removal"]')).toBeNull();
    query<HTMLInputElement>(page(), '[data-testid="app-scope-alerts:write"]').click();
    harness.fixture.detectChanges();
    const warning = query(page(), '[data-testid="app-scopes-removal"]');
    expect(textOf(warning)).toContain('Saving removes alerts:write');
    expect(query(page(), '[data-testid="app-scopes"]').getAttribute('aria-describedby')).toContain(warning.id);

    await click('app-scopes-submit');
    const update = expectCall(http, 'PATCH', AdminRoutes.app('wiki'));
    expect(update.request.body).toEqual({ scopes: ['users:read'] });
    update.flush({ ...WIKI, scopes: [...OIDC_SCOPES, 'users:read'] });
    await stable();
    expect(textOf(query(page(), '[data-testid="app-scopes-saved"]'))).toBe('API access of Wiki saved: removed alerts:write (the app’s tokens with a removed scope no longer work).');
  });

  it('saving without a change sends nothing; cancel closes the form and gives focus back', async () => {
    await open([WIKI]);
    await click('app-edit-scopes');
    await click('app-scopes-submit');
    await stable();
    expect(textOf(query(page(), '[data-testid="app-scopes-saved"]'))).toBe('API access of Wiki is unchanged.');

    await click('app-edit-scopes');
    await click('app-scopes-cancel');
    await stable();
    expect(page().querySelector('[data-testid="app-scopes"]')).toBeNull();
    expect(document.activeElement).toBe(query(page(), '[data-testid="app-edit-scopes"]'));
  });

  it('shows the API’s scopes error on the field, with the checkboxes marked invalid, and keeps the form open', async () => {
    await open([WIKI]);
    await click('app-edit-scopes');
    query<HTMLInputElement>(page(), '[data-testid="app-scope-users:read"]').click();
    harness.fixture.detectChanges();
    await click('app-scopes-submit');
    flushError(expectCall(http, 'PATCH', AdminRoutes.app('wiki')), 400, 'validation_failed', { scopes: ['users:read: choose scopes among alerts:write.'] });
    await stable();
    const error = query(page(), '[data-testid="app-scopes-field-error"]');
    expect(textOf(error)).toBe('users:read: choose scopes among alerts:write.');
    const fieldset = query(page(), '[data-testid="app-scopes"]');
    expect(fieldset.getAttribute('aria-describedby')).toContain(error.id);
    expect(query(fieldset, '[data-testid="app-scope-users:read"]').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(fieldset.querySelector('input'));
    expect(page().querySelector('[data-testid="app-scopes-saved"]')).toBeNull();
  });

  it('rotates a secret after confirming and shows the new one once', async () => {
    await open();
    await click('app-rotate', 1);
    const dialog = query<HTMLDialogElement>(page(), '[data-testid="apps-rotate-confirm"]');
    expect(dialog.open).toBeTrue();
    expect(textOf(dialog.querySelector('h2'))).toBe('Create a new secret for Wiki?');
    await click('confirm-dialog-confirm');
    expectCall(http, 'POST', AdminRoutes.rotateAppSecret('wiki')).flush({ ...WIKI, clientSecret: 'fresh-secret' });
    await stable();
    expect(dialog.open).toBeFalse();
    expect(textOf(query(page(), '[data-testid="app-secret-panel"] h2'))).toBe('New secret for Wiki');
    expect(textOf(query(page(), '[data-testid="app-secret-value"]'))).toBe('fresh-secret');
  });

  it('deletes an app only once its name is typed', async () => {
    await open();
    await click('app-delete', 1);
    const dialog = query<HTMLDialogElement>(page(), '[data-testid="apps-delete-confirm"]');
    const confirm = query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]');
    expect(confirm.disabled).toBeTrue();
    const input = query<HTMLInputElement>(dialog, 'input');
    expect(textOf(dialog.querySelector('label'))).toBe('To confirm, type Wiki');
    expect(document.activeElement).toBe(input);
    typeInto(input, 'Wik');
    harness.fixture.detectChanges();
    expect(confirm.disabled).toBeTrue();
    typeInto(input, 'Wiki');
    harness.fixture.detectChanges();
    expect(confirm.disabled).toBeFalse();
    confirm.click();
    expectCall(http, 'DELETE', AdminRoutes.app('wiki')).flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(dialog.open).toBeFalse();
    expect(page().querySelectorAll('[data-testid="app"]').length).toBe(2);
    expect(textOf(query(page(), '[data-testid="apps-message"]'))).toBe('Wiki is deleted.');
  });
});
