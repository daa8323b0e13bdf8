import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AlertRoutes, CatalogRoutes, type Dashboard, type DashboardApp } from '@passerelle/contracts';
import { MemoryStorage, provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { flushError, tick } from '../../testing/identity-fixtures';
import { PREFERENCE_STORAGE } from '../core/i18n';
import { SessionService } from '../core/session/session.service';
import { aUser } from '../core/session/testing';
import { AlertCountsStore } from './alert-counts.store';
import { BROWSER_NOTIFICATIONS, type BrowserNotifications, notifyStorageKey } from './alert-notifications.service';
import { AlertsPageComponent } from './alerts-page.component';
import { sessionWithUser } from '../../testing/signed-in-session';
import { FakeEventSources, alertList, alertView } from './testing/alert-fixtures';

function app(id: string, name: string): DashboardApp {
  return { id, name, description: '', sectionId: null, iconUrl: null, launchUrl: `/launch/${id}`, sso: true, health: null };
}

function dashboard(apps: DashboardApp[]): Dashboard {
  return { apps, sections: [], pinned: [], recent: [], requestable: [], guest: null };
}

const QUOTE = alertView({ id: 'a1', title: 'Quote Q-2041 awaits your approval' });
const BACKUP = alertView({
  id: 'a2',
  appId: 'files',
  appName: 'Files',
  title: 'Nightly backup failed',
  severity: 'critical',
  body: 'Disk full <script>alert(1)</script>',
  bodyHtml: '<p>Disk full on <code>nas-02</code></p><script>window.__alertScriptRan = true</script>',
  link: '/account',
  createdAt: new Date(Date.now() - 60 * 60_000).toISOString(),
});
const READ = alertView({ id: 'a3', title: 'Welcome Amina', read: true, severity: 'warning', createdAt: new Date(Date.now() - 2 * 3600_000).toISOString() });

describe('AlertsPageComponent (/alerts)', () => {
  let sources: FakeEventSources;
  let http: HttpTestingController;
  let fixture: ComponentFixture<AlertsPageComponent>;
  let page: HTMLElement;
  let storage: MemoryStorage;
  let notifications: jasmine.SpyObj<BrowserNotifications>;
  let permission: NotificationPermission;

  beforeEach(() => {
    sources = new FakeEventSources();
    storage = new MemoryStorage();
    permission = 'default';
    notifications = jasmine.createSpyObj<BrowserNotifications>('notifications', ['permission', 'requestPermission', 'show', 'inBackground']);
    notifications.permission.and.callFake(() => permission);
    notifications.requestPermission.and.callFake(() => {
      permission = 'granted';
      return Promise.resolve(permission);
    });
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestI18n(),
        { provide: PREFERENCE_STORAGE, useValue: storage },
        sources.provider(),
        { provide: SessionService, useValue: sessionWithUser(aUser({ id: 'u-7' })).stub },
        { provide: BROWSER_NOTIFICATIONS, useValue: notifications },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    page?.remove();
    http.verify();
  });

  function expectList(params: Record<string, string | null> = {}): TestRequest {
    const request = http.expectOne((r) => r.method === 'GET' && r.url === AlertRoutes.mine);
    for (const [name, value] of Object.entries({ limit: '20', appId: null, severity: null, unread: null, before: null, ...params })) {
      expect(request.request.params.get(name)).withContext(name).toBe(value);
    }
    return request;
  }

  async function open(list = alertList([QUOTE, BACKUP, READ])): Promise<void> {
    fixture = TestBed.createComponent(AlertsPageComponent);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    // Not whenStable yet: the page is busy until its requests are answered.
    fixture.detectChanges();
    http.expectOne(CatalogRoutes.dashboard).flush(dashboard([app('crm', 'CRM'), app('files', 'Files'), app('wiki', 'Wiki')]));
    expect(query(page, '[data-testid="alerts-loading"]')).toBeTruthy();
    expectList().flush(list);
    await fixture.whenStable();
  }

  const rows = () => Array.from(page.querySelectorAll<HTMLElement>('[data-testid="alert"]'));
  const row = (id: string) => query(page, `[data-alert-id="${id}"]`);
  const ids = () => rows().map((r) => r.dataset['alertId']);

  /** Renders what a click did; not whenStable, which would wait for the requests the spec answers next. */
  async function click(element: HTMLElement): Promise<void> {
    element.click();
    await rendered();
  }

  async function select(testId: string, value: string): Promise<void> {
    const element = query<HTMLSelectElement>(page, `[data-testid="${testId}"]`);
    element.value = value;
    element.dispatchEvent(new Event('change'));
    await rendered();
  }

  async function rendered(): Promise<void> {
    await tick();
    fixture.detectChanges();
  }

  it('lists the alerts with their app, severity, title, body, time and link', async () => {
    await open();
    expect(ids()).toEqual(['a1', 'a2', 'a3']);

    const backup = row('a2');
    expect(textOf(backup)).toContain('Files');
    expect(textOf(query(backup, '[data-testid="alert-severity"]'))).toBe('Critical');
    expect(backup.getAttribute('data-severity')).toBe('critical');
    expect(textOf(query(backup, '[data-testid="alert-title"]'))).toBe('Unread: Nightly backup failed');
    expect(textOf(query(backup, '[data-testid="alert-body"]'))).toBe('Disk full on nas-02');
    expect(backup.querySelector('script')).toBeNull();
    expect((window as { __alertScriptRan?: boolean }).__alertScriptRan).toBeUndefined();
    expect(textOf(query(backup, 'time'))).toBe('1 hour ago');
    // The portal's own pages open here; an app's in a new tab, saying so.
    expect(query(backup, '[data-testid="alert-link"]').getAttribute('target')).toBeNull();
    const quoteLink = query(row('a1'), '[data-testid="alert-link"]');
    expect(quoteLink.getAttribute('href')).toBe('https://crm.example.test/quotes/2041');
    expect(quoteLink.getAttribute('target')).toBe('_blank');
    expect(textOf(quoteLink)).toBe('Open (opens in a new tab)');

    expect(row('a3').getAttribute('data-read')).toBe('true');
    expect(textOf(query(row('a3'), '[data-testid="alert-severity"]'))).toBe('Warning');
    expect(textOf(query(row('a3'), '[data-testid="alert-toggle-read"]'))).toBe('Mark as unread: Welcome Amina');
  });

  it('asks again with the filters: app, severity, unread only', async () => {
    await open();
    const options = Array.from(query<HTMLSelectElement>(page, '[data-testid="alerts-filter-app"]').options).map((o) => o.text.trim());
    expect(options).toEqual(['All apps', 'CRM', 'Files', 'Wiki']);

    await select('alerts-filter-app', 'files');
    expectList({ appId: 'files' }).flush(alertList([BACKUP]));
    await fixture.whenStable();
    expect(ids()).toEqual(['a2']);

    await select('alerts-filter-severity', 'critical');
    expectList({ appId: 'files', severity: 'critical' }).flush(alertList([BACKUP]));
    await fixture.whenStable();

    await click(query(page, '[data-testid="alerts-filter-unread"]'));
    expectList({ appId: 'files', severity: 'critical', unread: 'true' }).flush(alertList([]));
    await fixture.whenStable();
    expect(textOf(query(page, '[data-testid="alerts-no-match"]'))).toBe('No notification matches these filters.');
    expect(page.querySelector('[data-testid="alerts-empty"]')).toBeNull();
  });

  it('explains an empty notification centre', async () => {
    await open(alertList([]));
    expect(textOf(query(page, '[data-testid="alerts-empty"]'))).toContain('No notifications yet');
    expect(query<HTMLButtonElement>(page, '[data-testid="alerts-read-all"]').disabled).toBeTrue();
  });

  it('shows why the list failed, and tries again', async () => {
    fixture = TestBed.createComponent(AlertsPageComponent);
    page = fixture.nativeElement;
    fixture.detectChanges();
    http.expectOne(CatalogRoutes.dashboard).flush(dashboard([]));
    expectList().error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(textOf(query(page, '[data-testid="alerts-load-error"]'))).toContain('The server cannot be reached');
    await click(query(page, '[data-testid="alerts-load-error"] button'));
    expectList().flush(alertList([QUOTE]));
    await fixture.whenStable();
    expect(ids()).toEqual(['a1']);
  });

  it('marks one read and unread, and puts it back as it was when the server refuses', async () => {
    await open();
    const counts = TestBed.inject(AlertCountsStore);
    expect(counts.unread()).toBe(2);

    await click(query(row('a1'), '[data-testid="alert-toggle-read"]'));
    const read = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a1'));
    expect(read.request.body).toEqual({ read: true });
    expect(row('a1').getAttribute('data-read')).toBe('true');
    expect(counts.unread()).toBe(1);
    read.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    http.expectOne(AlertRoutes.counts).flush({ unread: 1, critical: 1, byApp: { files: 1 } });

    await click(query(row('a1'), '[data-testid="alert-toggle-read"]'));
    const unread = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a1'));
    expect(unread.request.body).toEqual({ read: false });
    flushError(unread, 404, 'not_found');
    await fixture.whenStable();
    expect(row('a1').getAttribute('data-read')).toBe('true');
    expect(counts.unread()).toBe(1);
    expect(query(page, '[data-testid="alerts-change-error"]')).toBeTruthy();
  });

  it('dismisses an alert', async () => {
    await open();
    sources.latest.open();
    await click(query(row('a2'), '[data-testid="alert-dismiss"]'));
    const request = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a2'));
    expect(request.request.body).toEqual({ dismissed: true });
    expect(ids()).toEqual(['a1', 'a3']);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  });

  it('marks everything read (or the filtered app’s) at once', async () => {
    await open();
    sources.latest.open();
    await click(query(page, '[data-testid="alerts-read-all"]'));
    const request = http.expectOne((r) => r.method === 'POST' && r.url === AlertRoutes.readAll);
    expect(request.request.body).toEqual({});
    expect(rows().every((r) => r.getAttribute('data-read') === 'true')).toBeTrue();
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    await select('alerts-filter-app', 'crm');
    expectList({ appId: 'crm' }).flush(alertList([alertView({ id: 'a5' })]));
    await fixture.whenStable();
    await click(query(page, '[data-testid="alerts-read-all"]'));
    const one = http.expectOne((r) => r.method === 'POST' && r.url === AlertRoutes.readAll);
    expect(one.request.body).toEqual({ appId: 'crm' });
    one.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  });

  it('counts following an alert’s link as reading it', async () => {
    await open();
    sources.latest.open();
    const link = query<HTMLAnchorElement>(row('a1'), '[data-testid="alert-link"]');
    link.addEventListener('click', (event) => event.preventDefault());
    await click(link);
    const request = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a1'));
    expect(request.request.body).toEqual({ read: true });
    expect(row('a1').getAttribute('data-read')).toBe('true');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  });

  it('counts a link in the body as reading it too, opening another site in a new tab', async () => {
    const withLink = alertView({ id: 'a4', bodyHtml: '<p>See the <a href="https://wiki.example.test/runbook">runbook</a>.</p>' });
    await open(alertList([withLink]));
    sources.latest.open();
    const opened = spyOn(window, 'open').and.returnValue(null);
    await click(query(row('a4'), '[data-testid="alert-body"] a'));
    expect(opened).toHaveBeenCalledOnceWith('https://wiki.example.test/runbook', '_blank', 'noopener,noreferrer');
    const request = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a4'));
    expect(request.request.body).toEqual({ read: true });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  });

  it('loads older alerts with the cursor, then says there are no more', async () => {
    await open(alertList([QUOTE], { nextCursor: 'c-1' }));
    await click(query(page, '[data-testid="alerts-load-older"]'));
    expectList({ before: 'c-1' }).flush(alertList([READ]));
    await fixture.whenStable();
    expect(ids()).toEqual(['a1', 'a3']);
    expect(page.querySelector('[data-testid="alerts-load-older"]')).toBeNull();
    expect(textOf(query(page, '[data-testid="alerts-end"]'))).toBe('No older notifications.');
  });

  it('puts a live alert at the top when it matches the filter, and applies read states from other tabs', async () => {
    await open();
    sources.latest.open();
    sources.latest.send('alert', alertView({ id: 'a9', title: 'Invoice paid', createdAt: new Date().toISOString() }), '3');
    await fixture.whenStable();
    expect(ids()).toEqual(['a9', 'a1', 'a2', 'a3']);

    sources.latest.send('alert-state', { ids: ['a1', 'a2'], read: true }, '4');
    await fixture.whenStable();
    expect(row('a1').getAttribute('data-read')).toBe('true');
    expect(row('a2').getAttribute('data-read')).toBe('true');

    await select('alerts-filter-severity', 'critical');
    expectList({ severity: 'critical' }).flush(alertList([BACKUP]));
    await fixture.whenStable();
    sources.latest.send('alert', alertView({ id: 'a10', severity: 'info', createdAt: new Date().toISOString() }), '5');
    await fixture.whenStable();
    expect(ids()).toEqual(['a2']);
  });

  it('asks the browser for permission only when the person turns notifications on, and remembers it on this device', async () => {
    await open();
    expect(notifications.requestPermission).not.toHaveBeenCalled();
    await click(query(page, '[data-testid="alerts-notify-on"]'));
    expect(notifications.requestPermission).toHaveBeenCalledTimes(1);
    expect(storage.getItem(notifyStorageKey('u-7'))).toBe('on');
    expect(textOf(query(page, '[data-testid="alerts-notify-status"]'))).toBe('On for this device.');

    // A critical alert while the tab is in the background shows one; the tab in front doesn't.
    sources.latest.open();
    notifications.inBackground.and.returnValue(true);
    sources.latest.send('alert', alertView({ id: 'a11', severity: 'critical', title: 'Server down', createdAt: new Date().toISOString() }), '8');
    sources.latest.send('alert', alertView({ id: 'a12', severity: 'info', title: 'FYI', createdAt: new Date().toISOString() }), '9');
    notifications.inBackground.and.returnValue(false);
    sources.latest.send('alert', alertView({ id: 'a13', severity: 'critical', title: 'Seen here', createdAt: new Date().toISOString() }), '10');
    await fixture.whenStable();
    expect(notifications.show).toHaveBeenCalledOnceWith('CRM — Server down', jasmine.objectContaining({ tag: 'psl-alert-a11' }));

    await click(query(page, '[data-testid="alerts-notify-off"]'));
    expect(storage.getItem(notifyStorageKey('u-7'))).toBe('off');
  });
});
