import { ChangeDetectionStrategy, Component } from '@angular/core';
import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type AppClient, type CatalogApp, CatalogAdminRoutes, type CreatedAppClient, FeedRoutes } from '@passerelle/contracts';
import { adminUser, appClient, browserStub, expectCall, flushError, pageOf, provideBrowserStub, tick } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../search-debounce';
import { ICON_DATA_URL, PNG_1X1_BASE64, appGrant, catalogApp, group, smallCatalog } from '../testing/catalog-fixtures';
import { nextCall } from '../testing/next-call';
import { AppEditorPageComponent } from './app-editor-page.component';

@Component({ selector: 'psl-list-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="list-stub">list</p>' })
class ListStubComponent {}

const WIKI_CLIENT = appClient({ clientId: 'wiki-client', name: 'Wiki SSO' });
const NOTES = appClient({ clientId: 'notes', name: 'Notes', firstParty: true });

describe('AppEditorPageComponent (/admin/apps/new, /admin/apps/:appId)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideBrowserStub(browserStub()), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([
      { path: 'admin/apps', component: ListStubComponent },
      { path: 'admin/apps/new', component: AppEditorPageComponent },
      { path: 'admin/apps/:appId', component: AppEditorPageComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const errorOf = (field: string) => textOf(page().querySelector(`#app-${field}-error`));

  async function flushEditorData(clients: AppClient[] = [NOTES, WIKI_CLIENT, appClient({ clientId: 'chat', name: 'Chat' })], overview = smallCatalog()): Promise<void> {
    (await nextCall(http, 'GET', CatalogAdminRoutes.catalog)).flush(overview);
    expectCall(http, 'GET', CatalogAdminRoutes.groups).flush([group(), group({ id: 'g-direction', name: 'Direction' })]);
    expectCall(http, 'GET', AdminRoutes.apps).flush(clients);
  }

  async function open(url: string, flushOthers: () => Promise<void> = async () => undefined): Promise<void> {
    await harness.navigateByUrl(url);
    await flushEditorData();
    await flushOthers();
    await stable();
  }

  function fill(selector: string, value: string): void {
    typeInto(query<HTMLInputElement>(page(), selector), value);
  }

  function choose(testId: string): void {
    query<HTMLInputElement>(page(), `[data-testid="${testId}"]`).click();
    harness.fixture.detectChanges();
  }

  async function submit(): Promise<void> {
    query<HTMLButtonElement>(page(), '[data-testid="app-form-submit"]').click();
    harness.fixture.detectChanges();
    await tick();
  }

  describe('adding an app', () => {
    it('checks the fields before sending anything', async () => {
      await open('/admin/apps/new');
      expect(textOf(query(page(), '[data-testid="app-editor-title"]'))).toBe('Add an app');
      await submit();
      await stable();
      expect(errorOf('name')).toBe('This field is required.');
      expect(errorOf('launchUrl')).toBe('This field is required.');
      expect(document.activeElement?.id).toBe('app-name');

      fill('#app-name', 'Wiki');
      fill('#app-launchUrl', 'wiki.acme.test');
      fill('#app-feedUrl', 'status.acme.test/feed.xml');
      choose('app-sso-new');
      await submit();
      await stable();
      expect(errorOf('launchUrl')).toBe('Enter a full address starting with https://, such as https://app.example.com/.');
      expect(errorOf('feedUrl')).toBe('Enter a full address starting with https:// or http://, such as https://status.example.com/feed.xml.');
      fill('#app-feedUrl', '');
      expect(errorOf('redirectUris')).toBe('Enter at least one full address starting with https://, one per line.');

      choose('app-sso-existing');
      fill('#app-launchUrl', 'https://wiki.acme.test/');
      await submit();
      await stable();
      expect(errorOf('clientId')).toBe('Choose the sign-in client, or pick another option above.');
      // Clients linked to other tiles are not offered.
      const options = Array.from(page().querySelectorAll<HTMLOptionElement>('#app-clientId option')).map((o) => o.value);
      expect(options).toEqual(['', 'notes', 'wiki-client']);
    });

    it('creates a plain link with its section, groups and request setting', async () => {
      await open('/admin/apps/new');
      fill('#app-name', ' Wiki ');
      fill('#app-description', 'Team notes');
      fill('#app-launchUrl', 'https://wiki.acme.test/');
      typeInto(query<HTMLSelectElement>(page(), '#app-sectionId'), 's-fin');
      choose('app-visibility-groups');
      expect(textOf(query(page(), '[data-testid="app-groups-none"]'))).toContain('No group ticked');
      query<HTMLInputElement>(page(), '[data-testid="app-group-g-direction"]').click();
      query<HTMLInputElement>(page(), '[data-testid="app-requestable"]').click();
      fill('#app-healthUrl', 'https://wiki.acme.test/health');
      fill('#app-feedUrl', 'http://status.acme.test/wiki.rss');
      await submit();

      const create = expectCall(http, 'POST', CatalogAdminRoutes.apps);
      expect(create.request.body).toEqual({
        name: 'Wiki',
        description: 'Team notes',
        launchUrl: 'https://wiki.acme.test/',
        initiateLoginUri: null,
        clientId: null,
        sectionId: 's-fin',
        visibility: 'groups',
        groupIds: ['g-direction'],
        healthUrl: 'https://wiki.acme.test/health',
        feedUrl: 'http://status.acme.test/wiki.rss',
        requestable: true,
      });
      const created = catalogApp({ id: 'wiki-new', name: 'Wiki', sectionId: 's-fin' });
      create.flush(created);
      const overview = smallCatalog();
      overview.apps.push(created);
      (await nextCall(http, 'GET', CatalogAdminRoutes.catalog)).flush(overview);
      expectCall(http, 'GET', CatalogAdminRoutes.groups).flush([group()]);
      expectCall(http, 'GET', AdminRoutes.apps).flush([]);
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('wiki-new'))).flush([]);
      await stable();
      expect(harness.routeNativeElement?.textContent).toContain('Wiki is added. You can now give it an icon');
      expect(page().querySelector('[data-testid="icon-file"]')).not.toBeNull();
    });

    it('shows the API’s field errors next to their fields', async () => {
      await open('/admin/apps/new');
      fill('#app-name', 'Wiki');
      fill('#app-launchUrl', 'http://wiki.acme.test/');
      await submit();
      flushError(expectCall(http, 'POST', CatalogAdminRoutes.apps), 400, 'validation_failed', {
        launchUrl: ['Use https:// (http:// is only accepted for localhost).'],
        groupIds: ['Group g-x does not exist.'],
      });
      await stable();
      expect(errorOf('launchUrl')).toBe('Use https:// (http:// is only accepted for localhost).');
      expect(query(page(), '#app-launchUrl').getAttribute('aria-invalid')).toBe('true');
      expect(textOf(query(page(), '[data-testid="app-form-error"]'))).toBe('Some fields need your attention.');
      // Editing the field clears the server's complaint.
      fill('#app-launchUrl', 'https://wiki.acme.test/');
      harness.fixture.detectChanges();
      expect(page().querySelector('#app-launchUrl-error')).toBeNull();
    });

    it('creates a new sign-in client first, shows its secret once, and links it (a retry reuses it)', async () => {
      await open('/admin/apps/new');
      fill('#app-name', 'Chat');
      fill('#app-launchUrl', 'https://chat.acme.test/');
      choose('app-sso-new');
      fill('#app-redirectUris', 'https://chat.acme.test/cb\n');
      fill('#app-backchannelLogoutUri', 'https://chat.acme.test/bcl');
      fill('#app-initiateLoginUri', 'https://chat.acme.test/login');
      await submit();

      const client = expectCall(http, 'POST', AdminRoutes.apps);
      expect(client.request.body).toEqual({
        name: 'Chat',
        redirectUris: ['https://chat.acme.test/cb'],
        postLogoutRedirectUris: [],
        public: false,
        backchannelLogoutUri: 'https://chat.acme.test/bcl',
      });
      const created: CreatedAppClient = { ...appClient({ clientId: 'chat-9x', name: 'Chat' }), clientSecret: 'top-secret' };
      client.flush(created);
      const app = await nextCall(http, 'POST', CatalogAdminRoutes.apps);
      expect((app.request.body as CatalogApp).clientId).toBe('chat-9x');
      expect((app.request.body as CatalogApp).initiateLoginUri).toBe('https://chat.acme.test/login');
      flushError(app, 400, 'validation_failed', { name: ['An app is already called Chat.'] });
      await stable();

      expect(textOf(query(page(), '[data-testid="client-secret-value"]'))).toBe('top-secret');
      expect(errorOf('name')).toBe('An app is already called Chat.');
      expect(query<HTMLInputElement>(page(), '[data-testid="app-sso-existing"]').checked).toBeTrue();
      expect(query<HTMLSelectElement>(page(), '#app-clientId').value).toBe('chat-9x');

      fill('#app-name', 'Team chat');
      await submit();
      const retry = expectCall(http, 'POST', CatalogAdminRoutes.apps);
      expect(retry.request.body).toEqual(jasmine.objectContaining({ name: 'Team chat', clientId: 'chat-9x' }));
      retry.flush(catalogApp({ id: 'team-chat', name: 'Team chat', clientId: 'chat-9x', clientName: 'Chat' }));
      const overview = smallCatalog();
      overview.apps.push(catalogApp({ id: 'team-chat', name: 'Team chat', clientId: 'chat-9x', clientName: 'Chat' }));
      await flushEditorData([created], overview);
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('team-chat'))).flush([]);
      await stable();
      // Still shown on the app's page after the navigation, until dismissed.
      expect(textOf(query(page(), '[data-testid="client-secret-value"]'))).toBe('top-secret');
      query<HTMLButtonElement>(page(), '[data-testid="client-secret-done"]').click();
      harness.fixture.detectChanges();
      expect(page().querySelector('[data-testid="client-secret-panel"]')).toBeNull();
    });
  });

  describe('editing an app', () => {
    const openWiki = () => open('/admin/apps/wiki', async () => (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('wiki'))).flush([appGrant()]));

    it('fills the form from the app and saves the changes with PATCH', async () => {
      await openWiki();
      expect(textOf(query(page(), '[data-testid="app-editor-title"]'))).toBe('Wiki');
      expect(query<HTMLInputElement>(page(), '#app-name').value).toBe('Wiki');
      expect(query<HTMLInputElement>(page(), '[data-testid="app-visibility-groups"]').checked).toBeTrue();
      expect(query<HTMLInputElement>(page(), '[data-testid="app-group-g-finance"]').checked).toBeTrue();
      fill('#app-name', 'Team wiki');
      choose('app-visibility-everyone');
      await submit();
      const update = expectCall(http, 'PATCH', CatalogAdminRoutes.app('wiki'));
      expect(update.request.body).toEqual(jasmine.objectContaining({ name: 'Team wiki', visibility: 'everyone', groupIds: [], sectionId: 's-daily', clientId: null }));
      update.flush(catalogApp({ id: 'wiki', name: 'Team wiki', sectionId: 's-daily' }));
      await stable();
      expect(textOf(query(page(), '[data-testid="app-form-saved"]'))).toBe('Changes to Team wiki are saved.');
      expect(textOf(query(page(), '[data-testid="app-editor-title"]'))).toBe('Team wiki');
    });

    it('shows the feed’s status for an app with a feed, and sends a cleared feed as null', async () => {
      const overview = smallCatalog();
      overview.apps[1] = { ...overview.apps[1], feedUrl: 'https://status.acme.test/wiki.rss' };
      await harness.navigateByUrl('/admin/apps/wiki');
      await flushEditorData(undefined, overview);
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('wiki'))).flush([]);
      (await nextCall(http, 'GET', FeedRoutes.status('wiki'))).flush({
        appId: 'wiki',
        url: 'https://status.acme.test/wiki.rss',
        state: 'error',
        lastCheckedAt: '2026-12-07T10:00:00Z',
        lastSuccessAt: null,
        nextCheckAt: '2026-12-07T10:10:00Z',
        consecutiveFailures: 1,
        message: 'The feed answered 503.',
        problem: { code: 'http_status', params: { status: '503' } },
        itemsSeen: 0,
      });
      await stable();
      expect(query<HTMLInputElement>(page(), '#app-feedUrl').value).toBe('https://status.acme.test/wiki.rss');
      const feed = query(page(), '[data-testid="app-feed"]');
      expect(textOf(query(feed, 'h2'))).toBe('Feed');
      expect(textOf(query(feed, '[data-testid="feed-state"]'))).toBe('Failing');
      expect(textOf(query(feed, '[data-testid="feed-problem"]'))).toContain('The feed answered 503.');

      fill('#app-feedUrl', '');
      await submit();
      const update = expectCall(http, 'PATCH', CatalogAdminRoutes.app('wiki'));
      expect(update.request.body).toEqual(jasmine.objectContaining({ feedUrl: null }));
      update.flush({ ...overview.apps[1], feedUrl: null });
      await stable();
      expect(page().querySelector('[data-testid="app-feed"]')).toBeNull();
    });

    it('says so when the app no longer exists', async () => {
      await harness.navigateByUrl('/admin/apps/gone');
      await flushEditorData();
      await stable();
      expect(textOf(query(page(), '[data-testid="app-editor-missing"]'))).toContain('This app no longer exists');
    });

    it('uploads an icon: checks the file, previews it, then sends its bytes in base64', async () => {
      await openWiki();
      const input = query<HTMLInputElement>(page(), '[data-testid="icon-file"]');
      const pick = async (file: File) => {
        const transfer = new DataTransfer();
        transfer.items.add(file);
        input.files = transfer.files;
        input.dispatchEvent(new Event('change'));
        await tick(20);
        await stable();
      };
      await pick(new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' }));
      expect(textOf(query(page(), '[data-testid="icon-error"]'))).toBe('This file is not a PNG, JPEG, WebP or GIF image.');
      await pick(new File([new Uint8Array(300 * 1024)], 'big.png', { type: 'image/png' }));
      expect(textOf(query(page(), '[data-testid="icon-error"]'))).toBe('This image is too large: at most 256 kB.');

      const bytes = Uint8Array.from(atob(PNG_1X1_BASE64), (c) => c.charCodeAt(0));
      await pick(new File([bytes], 'logo.png', { type: 'image/png' }));
      expect(page().querySelector('[data-testid="icon-error"]')).toBeNull();
      expect(query(page(), '[data-testid="icon-preview"] img').getAttribute('src')).toBe(ICON_DATA_URL);
      query<HTMLButtonElement>(page(), '[data-testid="icon-save"]').click();
      const put = expectCall(http, 'PUT', CatalogAdminRoutes.appIcon('wiki'));
      expect(put.request.body).toEqual({ image: PNG_1X1_BASE64 });
      put.flush(catalogApp({ id: 'wiki', name: 'Wiki', sectionId: 's-daily', iconUrl: ICON_DATA_URL }));
      await stable();
      expect(textOf(query(page(), '[data-testid="icon-message"]'))).toBe('The icon is saved.');
      expect(page().querySelector('[data-testid="icon-remove"]')).not.toBeNull();
    });

    it('takes an icon from a URL (fetched by the server) and shows why it failed', async () => {
      await openWiki();
      typeInto(query<HTMLInputElement>(page(), '[data-testid="icon-url"]'), 'https://cdn.acme.test/wiki.svg');
      query<HTMLButtonElement>(page(), '[data-testid="icon-fetch"]').click();
      const put = expectCall(http, 'PUT', CatalogAdminRoutes.appIcon('wiki'));
      expect(put.request.body).toEqual({ url: 'https://cdn.acme.test/wiki.svg' });
      flushError(put, 400, 'validation_failed', { url: ['This is not a PNG, JPEG, WebP or GIF image.'] });
      await stable();
      expect(textOf(query(page(), '[data-testid="icon-error"]'))).toBe('This is not a PNG, JPEG, WebP or GIF image.');
    });

    it('gives people access by email and takes it back', async () => {
      await openWiki();
      expect(textOf(query(page(), '[data-testid="grant"]'))).toContain('Marc Petit');
      const grants = query(page(), 'psl-app-grants');
      typeInto(query<HTMLInputElement>(grants, '[data-testid="person-picker-input"]'), 'zoe@acme.test');
      await tick();
      const suggest = expectCall(http, 'GET', AdminRoutes.users);
      expect(suggest.request.params.get('search')).toBe('zoe@acme.test');
      suggest.flush(pageOf([adminUser({ id: 'u3', name: 'Zoé Blanc', email: 'zoe@acme.test' })]));
      await stable();
      query<HTMLButtonElement>(grants, '[data-testid="person-picker-add"]').click();
      const add = await nextCall(http, 'POST', CatalogAdminRoutes.appGrants('wiki'));
      expect(add.request.body).toEqual({ userId: 'u3' });
      add.flush(appGrant({ userId: 'u3', name: 'Zoé Blanc', email: 'zoe@acme.test' }));
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('wiki'))).flush([appGrant(), appGrant({ userId: 'u3', name: 'Zoé Blanc', email: 'zoe@acme.test' })]);
      await stable();
      expect(textOf(query(grants, '[data-testid="grants-message"]'))).toBe('Zoé Blanc now has access.');
      expect(grants.querySelectorAll('[data-testid="grant"]').length).toBe(2);

      grants.querySelectorAll<HTMLButtonElement>('[data-testid="grant-remove"]')[0].click();
      expectCall(http, 'DELETE', CatalogAdminRoutes.appGrant('wiki', 'u2')).flush(null);
      await stable();
      expect(textOf(query(grants, '[data-testid="grants-message"]'))).toBe('Marc Petit no longer has individual access.');
      expect(grants.querySelectorAll('[data-testid="grant"]').length).toBe(1);
    });

    it('says nobody has an unknown email instead of granting', async () => {
      await openWiki();
      const grants = query(page(), 'psl-app-grants');
      typeInto(query<HTMLInputElement>(grants, '[data-testid="person-picker-input"]'), 'x');
      query<HTMLButtonElement>(grants, '[data-testid="person-picker-add"]').click();
      (await nextCall(http, 'GET', AdminRoutes.users)).flush(pageOf([]));
      await stable();
      expect(textOf(query(grants, '[data-testid="person-picker-error"]'))).toBe('Nobody has an account with the email x.');
    });

    it('deletes an app created with its client, saying the client goes too', async () => {
      const overview = smallCatalog();
      await harness.navigateByUrl('/admin/apps/chat');
      await flushEditorData(undefined, overview);
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('chat'))).flush([]);
      await stable();
      query<HTMLButtonElement>(page(), '[data-testid="app-delete"]').click();
      harness.fixture.detectChanges();
      const dialog = query(page(), '[data-testid="app-delete-confirm"]');
      expect(textOf(query(dialog, '[data-testid="app-delete-client-too"]'))).toContain('Its sign-in client Chat, created with it, is deleted too');
      query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
      expectCall(http, 'DELETE', CatalogAdminRoutes.app('chat')).flush(null);
      await stable();
      expect(page().querySelector('[data-testid="list-stub"]')).not.toBeNull();
    });

    it('deletes the tile and, when asked, the separate sign-in client it used', async () => {
      const overview = smallCatalog();
      overview.apps[1] = { ...overview.apps[1], clientId: 'wiki-client', clientName: 'Wiki SSO' };
      await harness.navigateByUrl('/admin/apps/wiki');
      await flushEditorData(undefined, overview);
      (await nextCall(http, 'GET', CatalogAdminRoutes.appGrants('wiki'))).flush([]);
      await stable();
      query<HTMLButtonElement>(page(), '[data-testid="app-delete"]').click();
      harness.fixture.detectChanges();
      query<HTMLInputElement>(page(), '[data-testid="app-delete-client"]').click();
      query<HTMLButtonElement>(page(), '[data-testid="app-delete-confirm"] [data-testid="confirm-dialog-confirm"]').click();
      expectCall(http, 'DELETE', CatalogAdminRoutes.app('wiki')).flush(null);
      (await nextCall(http, 'DELETE', AdminRoutes.app('wiki-client'))).flush(null);
      await stable();
      expect(page().querySelector('[data-testid="list-stub"]')).not.toBeNull();
    });
  });
});
