import { LiveAnnouncer } from '@angular/cdk/a11y';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AlertRoutes, CatalogRoutes } from '@passerelle/contracts';
import { provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { tick } from '../../testing/identity-fixtures';
import { I18nService } from '../core/i18n';
import { SessionService } from '../core/session/session.service';
import { aUser } from '../core/session/testing';
import { ALERT_ANNOUNCE_DELAY_MS, AlertBellComponent } from './alert-bell.component';
import { BROWSER_NOTIFICATIONS } from './alert-notifications.service';
import { sessionWithUser } from '../../testing/signed-in-session';
import { FakeEventSources, alertCounts, alertList, alertView } from './testing/alert-fixtures';

describe('AlertBellComponent (header bell and panel)', () => {
  let sources: FakeEventSources;
  let http: HttpTestingController;
  let fixture: ComponentFixture<AlertBellComponent>;
  let host: HTMLElement;
  let announce: jasmine.Spy;

  beforeEach(async () => {
    sources = new FakeEventSources();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideTestI18n(),
        sources.provider(),
        { provide: SessionService, useValue: sessionWithUser(aUser()).stub },
        { provide: ALERT_ANNOUNCE_DELAY_MS, useValue: 10 },
        {
          provide: BROWSER_NOTIFICATIONS,
          useValue: { permission: () => 'default', requestPermission: () => Promise.resolve('denied'), show: () => undefined, inBackground: () => false },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
    fixture = TestBed.createComponent(AlertBellComponent);
    host = fixture.nativeElement;
    document.body.appendChild(host);
    await fixture.whenStable();
    sources.latest.open();
  });

  afterEach(() => {
    host.remove();
    http.verify();
  });

  const bell = () => query<HTMLButtonElement>(host, '[data-testid="alert-bell"]');
  const badge = () => host.querySelector('[data-testid="alert-bell-badge"]');
  const panel = () => query<HTMLElement>(host, '[data-testid="alert-panel"]');

  async function counts(unread: number, critical = 0): Promise<void> {
    sources.latest.send('counts', alertCounts({ unread, critical }));
    await fixture.whenStable();
  }

  async function openPanel(): Promise<TestRequest> {
    bell().click();
    // Not whenStable: the panel is busy until the spec answers its request.
    await tick();
    fixture.detectChanges();
    const request = http.expectOne((r) => r.url === AlertRoutes.mine);
    expect(request.request.params.get('limit')).toBe('6');
    // The person's apps, for the icons (once: then they are known).
    for (const apps of http.match(CatalogRoutes.dashboard)) {
      apps.flush({ apps: [{ id: 'crm', name: 'CRM', description: '', sectionId: null, iconUrl: '/icons/crm.png', launchUrl: '/l/crm', sso: true, health: null }], sections: [], pinned: [], recent: [], requestable: [], guest: null });
    }
    return request;
  }

  it('shows no badge at 0 and says so in its name', async () => {
    expect(badge()).toBeNull();
    await counts(0);
    expect(badge()).toBeNull();
    expect(bell().getAttribute('aria-label')).toBe('Notifications');
  });

  it('shows the unread count, capped at 99+, with an accessible name that carries it', async () => {
    await counts(3);
    expect(textOf(badge())).toBe('3');
    expect(badge()?.getAttribute('aria-hidden')).toBe('true');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 3 unread');

    await counts(150);
    expect(textOf(badge())).toBe('99+');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 150 unread');

    TestBed.inject(I18nService).setLocale('fr');
    await fixture.whenStable();
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 150 non lues');
  });

  it('stands out while unread critical alerts wait, and names them', async () => {
    await counts(4);
    expect(bell().classList).not.toContain('bell--critical');
    await counts(4, 1);
    expect(bell().classList).toContain('bell--critical');
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 4 unread, 1 critical');
  });

  it('opens a panel with the latest alerts, focused on its title; Escape closes it and returns to the bell', async () => {
    await counts(1);
    expect(panel().hidden).toBeTrue();
    (await openPanel()).flush(alertList([alertView({ title: 'Quote Q-2041 awaits your approval' })]));
    await fixture.whenStable();

    expect(bell().getAttribute('aria-expanded')).toBe('true');
    expect(panel().hidden).toBeFalse();
    expect(panel().getAttribute('role')).toBe('dialog');
    expect(document.activeElement?.id).toBe('alert-panel-title');
    expect(textOf(query(panel(), '[data-testid="alert-title"]'))).toContain('Quote Q-2041 awaits your approval');
    // The app's own icon, as on its tile.
    expect(query<HTMLImageElement>(panel(), '[data-testid="alert"] img').getAttribute('src')).toBe('/icons/crm.png');
    expect(query(panel(), '[data-testid="alert-panel-all"]').getAttribute('href')).toBe('/alerts');

    query(panel(), '[data-testid="alert-toggle-read"]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await fixture.whenStable();
    expect(panel().hidden).toBeTrue();
    expect(document.activeElement).toBe(bell());
  });

  it('says when there is nothing, and when the list could not be loaded', async () => {
    (await openPanel()).flush(alertList([]));
    await fixture.whenStable();
    expect(textOf(query(panel(), '[data-testid="alert-panel-empty"]'))).toBe('You are all caught up.');

    bell().click();
    await fixture.whenStable();
    (await openPanel()).flush({ statusCode: 500, code: 'internal_error', message: 'x' }, { status: 500, statusText: 'Error' });
    await fixture.whenStable();
    expect(textOf(query(panel(), '[data-testid="alert-panel-error"]'))).toContain('Something went wrong on the server');
  });

  it('marks an alert read from the panel: the badge follows at once, the server is told', async () => {
    await counts(2);
    (await openPanel()).flush(alertList([alertView({ id: 'a1' }), alertView({ id: 'a2', title: 'Second' })]));
    await fixture.whenStable();
    expect(textOf(badge())).toBe('2');

    query<HTMLButtonElement>(panel(), '[data-alert-id="a1"] [data-testid="alert-toggle-read"]').click();
    await tick();
    fixture.detectChanges();
    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === AlertRoutes.one('a1'));
    expect(patch.request.body).toEqual({ read: true });
    expect(textOf(badge())).toBe('1');
    expect(query(panel(), '[data-alert-id="a1"]').getAttribute('data-read')).toBe('true');
    patch.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
  });

  it('puts a live alert at the top of the open panel', async () => {
    (await openPanel()).flush(alertList([alertView({ id: 'a1', title: 'Older' })]));
    await fixture.whenStable();
    sources.latest.send('alert', alertView({ id: 'a2', title: 'Backup failed', severity: 'critical', createdAt: new Date().toISOString() }), '5');
    await fixture.whenStable();
    const titles = Array.from(panel().querySelectorAll('[data-testid="alert-title"]')).map(textOf);
    expect(titles).toEqual(['Unread: Backup failed', 'Unread: Older']);
  });

  it('announces a higher count once, politely, and never the first count of the page', async () => {
    await counts(2);
    await tick(20);
    expect(announce).not.toHaveBeenCalled();

    await counts(3);
    await counts(4);
    await tick(20);
    expect(announce).toHaveBeenCalledOnceWith('4 unread notifications', 'polite');

    await counts(1);
    await tick(20);
    expect(announce).toHaveBeenCalledTimes(1);
  });
});
