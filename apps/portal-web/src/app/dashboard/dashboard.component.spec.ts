import { LiveAnnouncer } from '@angular/cdk/a11y';
import { Location } from '@angular/common';
import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { CatalogRoutes, type Dashboard, type DashboardApp, type RequestableApp } from '@passerelle/contracts';
import { expectCall, flushError, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { I18nService } from '../core/i18n';
import { aUser } from '../core/session/testing';
import { AnnouncementsFeedComponent } from './announcements-feed.component';
import { AppLauncherService } from './app-launcher.service';
import { DASHBOARD_REFRESH_MS, DashboardComponent } from './dashboard.component';

@Component({
  selector: 'psl-dashboard-host',
  imports: [DashboardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<psl-dashboard [user]="user" />',
})
class HostComponent {
  protected readonly user = aUser();
}

/** The announcements feed has its own spec; here it only has to be in its place. */
@Component({ selector: 'psl-announcements-feed', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="feed-stub">feed</p>' })
class FeedStubComponent {}

/** A 1×1 PNG, so icons load without a server. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkaPhfDwAFBgJ/qW3CbgAAAABJRU5ErkJggg==';

function anApp(id: string, overrides: Partial<DashboardApp> = {}): DashboardApp {
  return {
    id,
    name: id,
    description: '',
    sectionId: null,
    iconUrl: null,
    launchUrl: CatalogRoutes.launch(id),
    sso: true,
    health: null,
    ...overrides,
  };
}

const WIKI = anApp('wiki', { name: 'Wiki', description: 'Team knowledge', sectionId: 'daily', health: 'up' });
const CRM = anApp('crm', { name: 'CRM', description: 'Customers and deals', sectionId: 'daily', iconUrl: PNG });
const COMPTA = anApp('compta', { name: 'Comptabilité', description: 'Factures et paie', sectionId: 'finance', health: 'down' });
const FILES = anApp('files', { name: 'Shared files', health: 'unknown' });

function aRequestable(id: string, overrides: Partial<RequestableApp> = {}): RequestableApp {
  return { id, name: id, description: '', iconUrl: null, sectionName: null, request: null, ...overrides };
}

function aDashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  return {
    apps: [WIKI, CRM, COMPTA, FILES],
    sections: [
      { id: 'daily', name: 'Daily work', appIds: ['wiki', 'crm'] },
      { id: 'finance', name: 'Finance', appIds: ['compta'] },
    ],
    pinned: [],
    recent: [],
    requestable: [aRequestable('payroll', { name: 'Payroll', description: 'Payslips' })],
    guest: null,
    ...overrides,
  };
}

describe('DashboardComponent (the signed-in home page)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let launcher: { open: jasmine.Spy; openInNewTab: jasmine.Spy };
  let announce: jasmine.Spy;

  beforeEach(async () => {
    launcher = { open: jasmine.createSpy('open'), openInNewTab: jasmine.createSpy('openInNewTab') };
    TestBed.configureTestingModule({
      providers: [
        { provide: AppLauncherService, useValue: launcher },
        // Long enough never to fire by itself; the periodic refresh spec sets its own.
        { provide: DASHBOARD_REFRESH_MS, useValue: 3_600_000 },
      ],
    });
    TestBed.overrideComponent(DashboardComponent, { remove: { imports: [AnnouncementsFeedComponent] }, add: { imports: [FeedStubComponent] } });
    ({ http, harness } = await routedHarness([{ path: '', component: HostComponent }]));
    announce = spyOn(TestBed.inject(LiveAnnouncer), 'announce').and.resolveTo();
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const tile = (root: Element, appId: string) => query(root, `[data-testid="tile"][data-app-id="${appId}"]`);
  const row = (testId: string) => query(page(), `[data-testid="${testId}"]`);
  const sectionRows = () => Array.from(page().querySelectorAll('[data-testid="row-section"]'));
  const tileNames = (root: Element) => Array.from(root.querySelectorAll('[data-testid="tile"] .tile__name')).map(textOf);
  const pinButton = (root: Element, appId: string) => query<HTMLButtonElement>(tile(root, appId), '[data-testid="tile-pin"]');
  const searchBox = () => query<HTMLInputElement>(page(), '[data-testid="app-search"]');

  function expectDashboardCall(): TestRequest {
    return expectCall(http, 'GET', CatalogRoutes.dashboard);
  }

  async function open(dashboard: Dashboard = aDashboard(), url = '/'): Promise<void> {
    await harness.navigateByUrl(url);
    expectDashboardCall().flush(dashboard);
    await harness.fixture.whenStable();
  }

  function render(): void {
    harness.fixture.detectChanges();
  }

  function key(target: Element, keyName: string, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init });
    target.dispatchEvent(event);
    render();
    return event;
  }

  describe('tiles', () => {
    it('shows skeleton tiles until the first answer, then the greeting and the apps by section, unsectioned ones last under "Other apps"', async () => {
      await harness.navigateByUrl('/');
      expect(page().querySelector('[data-testid="dashboard-skeleton"]')).not.toBeNull();
      expect(textOf(page())).toContain('Loading your apps…');
      expectDashboardCall().flush(aDashboard());
      await harness.fixture.whenStable();

      expect(page().querySelector('[data-testid="dashboard-skeleton"]')).toBeNull();
      expect(textOf(page().querySelector('h1'))).toBe('Hello, Alice');
      expect(sectionRows().map((section) => textOf(section.querySelector('h2')))).toEqual(['Daily work', 'Finance', 'Other apps']);
      expect(sectionRows().map(tileNames)).toEqual([['Wiki', 'CRM'], ['Comptabilité'], ['Shared files']]);
      const headings = Array.from(page().querySelectorAll('h1, h2')).map((h) => `${h.tagName} ${textOf(h)}`);
      expect(headings).toEqual(['H1 Hello, Alice', 'H2 Favourites', 'H2 Daily work', 'H2 Finance', 'H2 Other apps', 'H2 Request access']);
    });

    it('makes each tile a plain link to the app’s launch URL, with its name and description', async () => {
      await open();
      const link = query<HTMLAnchorElement>(tile(page(), 'wiki'), 'a');
      expect(link.getAttribute('href')).toBe('/api/dashboard/apps/wiki/launch');
      expect(link.target).toBe('');
      expect(textOf(link)).toContain('Wiki');
      expect(textOf(link)).toContain('Team knowledge');
      // The favourite toggle is a button beside the link, never inside it.
      expect(link.querySelector('button')).toBeNull();
    });

    it('shows the icon when there is one, else the initials on a colour', async () => {
      await open();
      expect(query<HTMLImageElement>(tile(page(), 'crm'), 'img').src).toBe(PNG);
      expect(tile(page(), 'crm').querySelector('[data-testid="app-initials"]')).toBeNull();
      const initials = query(tile(page(), 'wiki'), '[data-testid="app-initials"]');
      expect(textOf(initials)).toBe('W');
      expect(initials.style.backgroundColor).not.toBe('');
      expect(textOf(query(tile(page(), 'files'), '[data-testid="app-initials"]'))).toBe('SF');
      expect(tile(page(), 'wiki').querySelector('img')).toBeNull();
    });

    it('shows a health dot with words for screen readers only when the app has a health URL', async () => {
      await open();
      expect(textOf(query(tile(page(), 'wiki'), '[data-testid="tile-health"]'))).toBe('Status: working');
      expect(textOf(query(tile(page(), 'compta'), '[data-testid="tile-health"]'))).toBe('Status: not responding');
      expect(textOf(query(tile(page(), 'files'), '[data-testid="tile-health"]'))).toBe('Status: unknown');
      expect(tile(page(), 'crm').querySelector('[data-testid="tile-health"]')).toBeNull();
    });

    it('tells the person when they have no apps yet', async () => {
      await open(aDashboard({ apps: [], sections: [], requestable: [] }));
      expect(textOf(row('dashboard-empty'))).toContain('No apps yet');
      expect(textOf(row('dashboard-empty'))).toContain('IT will add them here');
      expect(page().querySelector('[data-testid="row-favourites"]')).toBeNull();
    });

    it('shows recently used apps, most recent first, only when there are some', async () => {
      await open(aDashboard({ recent: ['compta', 'wiki'] }));
      expect(tileNames(row('row-recent'))).toEqual(['Comptabilité', 'Wiki']);
    });

    it('has no "Recently used" row before anything was opened, and a hint on how to pin', async () => {
      await open();
      expect(page().querySelector('[data-testid="row-recent"]')).toBeNull();
      expect(textOf(row('favourites-empty'))).toContain('Pin the apps you use most with the star');
    });

    it('speaks French too', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await open();
      expect(textOf(page().querySelector('h1'))).toBe('Bonjour Alice');
      expect(textOf(sectionRows()[2].querySelector('h2'))).toBe('Autres applications');
      expect(textOf(query(tile(page(), 'compta'), '[data-testid="tile-health"]'))).toBe('État : ne répond pas');
      expect(pinButton(page(), 'wiki').getAttribute('aria-label')).toBe('Épingler Wiki dans vos favoris');
    });

    it('offers to try again when the first load fails', async () => {
      await harness.navigateByUrl('/');
      flushError(expectDashboardCall(), 500, 'internal_error');
      await harness.fixture.whenStable();
      expect(textOf(row('dashboard-error'))).toContain('Your apps could not be loaded.');

      query<HTMLButtonElement>(row('dashboard-error'), 'button').click();
      expectDashboardCall().flush(aDashboard());
      await harness.fixture.whenStable();
      expect(sectionRows().length).toBe(3);
    });
  });

  describe('a guest’s access notice', () => {
    const notice = { endsAt: new Date(2027, 2, 31, 23, 59, 59, 999).toISOString(), sponsorName: 'Marie Dupont', sponsorEmail: 'marie@acme.test' };

    it('says until when and who the sponsor is, above the tiles, in the same answer as the tiles', async () => {
      await harness.navigateByUrl('/');
      expect(page().querySelector('[data-testid="guest-banner"]')).toBeNull();
      expectDashboardCall().flush(aDashboard({ guest: notice, requestable: [] }));
      await harness.fixture.whenStable();
      const banner = query(page(), '[data-testid="guest-banner"]');
      expect(banner.tagName).toBe('ASIDE');
      expect(banner.getAttribute('role')).toBe('note');
      expect(textOf(banner)).toBe('Guest access — ends 31 March 2027 · Sponsor: Marie Dupont');
      expect(query(banner, 'a').getAttribute('href')).toBe('mailto:marie@acme.test');
      // Before the first row of tiles.
      const favourites = row('row-favourites');
      expect(banner.compareDocumentPosition(favourites) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });

    it('in French, and without a sponsor', async () => {
      TestBed.inject(I18nService).setLocale('fr');
      await open(aDashboard({ guest: { ...notice, sponsorName: null, sponsorEmail: null } }));
      expect(textOf(query(page(), '[data-testid="guest-banner"]'))).toBe('Accès invité — jusqu’au 31 mars 2027');
    });

    it('is not there for employees', async () => {
      await open();
      expect(page().querySelector('[data-testid="guest-banner"]')).toBeNull();
    });
  });

  describe('refreshing', () => {
    it('asks again when the tab becomes visible, keeping the tiles (no skeleton) until the answer replaces them', async () => {
      await open();
      spyOnProperty(document, 'visibilityState').and.returnValue('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      render();
      const pending = expectDashboardCall();
      expect(page().querySelector('[data-testid="dashboard-skeleton"]')).toBeNull();
      expect(tileNames(sectionRows()[0])).toEqual(['Wiki', 'CRM']);

      pending.flush(aDashboard({ sections: [{ id: 'daily', name: 'Daily work', appIds: ['crm', 'wiki'] }] }));
      await harness.fixture.whenStable();
      expect(tileNames(sectionRows()[0])).toEqual(['CRM', 'Wiki']);
    });

    it('keeps what it shows when a later refresh fails', async () => {
      await open();
      spyOnProperty(document, 'visibilityState').and.returnValue('visible');
      document.dispatchEvent(new Event('visibilitychange'));
      flushError(expectDashboardCall(), 500, 'internal_error');
      await harness.fixture.whenStable();
      expect(page().querySelector('[data-testid="dashboard-error"]')).toBeNull();
      expect(tileNames(sectionRows()[0])).toEqual(['Wiki', 'CRM']);
    });
  });

  describe('favourites', () => {
    it('pins from a tile at once (aria-pressed), saves the new list and announces it', async () => {
      await open(aDashboard({ pinned: ['crm'] }));
      const pin = pinButton(sectionRows()[0], 'wiki');
      expect(pin.getAttribute('aria-pressed')).toBe('false');
      expect(pin.getAttribute('aria-label')).toBe('Pin Wiki to your favourites');

      pin.click();
      render();
      const save = expectCall(http, 'PUT', CatalogRoutes.pins);
      expect(save.request.body).toEqual({ appIds: ['crm', 'wiki'] });
      expect(pin.getAttribute('aria-pressed')).toBe('true');
      expect(tileNames(row('favourites'))).toEqual(['CRM', 'Wiki']);

      save.flush(null);
      await harness.fixture.whenStable();
      expect(tileNames(row('favourites'))).toEqual(['CRM', 'Wiki']);
      expect(announce).toHaveBeenCalledWith('Wiki added to your favourites.', 'polite');
    });

    it('unpins from the favourites row and moves focus to the same app in its section', async () => {
      await open(aDashboard({ pinned: ['wiki', 'crm'] }));
      pinButton(row('favourites'), 'wiki').click();
      render();
      const save = expectCall(http, 'PUT', CatalogRoutes.pins);
      expect(save.request.body).toEqual({ appIds: ['crm'] });
      expect(tileNames(row('favourites'))).toEqual(['CRM']);
      await tick();
      expect(document.activeElement).toBe(pinButton(sectionRows()[0], 'wiki'));
      expect(pinButton(sectionRows()[0], 'wiki').getAttribute('aria-pressed')).toBe('false');
      save.flush(null);
      await harness.fixture.whenStable();
    });

    it('puts the favourites back as they were and says so when saving fails', async () => {
      await open(aDashboard({ pinned: ['crm'] }));
      pinButton(sectionRows()[0], 'wiki').click();
      render();
      expect(tileNames(row('favourites'))).toEqual(['CRM', 'Wiki']);

      flushError(expectCall(http, 'PUT', CatalogRoutes.pins), 500, 'internal_error');
      await harness.fixture.whenStable();
      expect(tileNames(row('favourites'))).toEqual(['CRM']);
      expect(pinButton(sectionRows()[0], 'wiki').getAttribute('aria-pressed')).toBe('false');
      expect(textOf(row('pins-error'))).toContain('Your favourites could not be saved, so they are back as they were.');
    });

    it('moves a favourite with the arrow keys on its handle, saves the order, announces it and keeps the focus on the handle', async () => {
      await open(aDashboard({ pinned: ['wiki', 'crm', 'compta'] }));
      const handle = query<HTMLButtonElement>(tile(row('favourites'), 'wiki'), '[data-testid="tile-handle"]');
      expect(handle.getAttribute('aria-label')).toBe('Move Wiki, position 1 of 3');
      handle.focus();

      key(handle, 'ArrowRight', { altKey: true });
      const save = expectCall(http, 'PUT', CatalogRoutes.pins);
      expect(save.request.body).toEqual({ appIds: ['crm', 'wiki', 'compta'] });
      expect(tileNames(row('favourites'))).toEqual(['CRM', 'Wiki', 'Comptabilité']);
      expect(announce).toHaveBeenCalledWith('Wiki moved to position 2 of 3.', 'polite');
      await tick();
      const moved = query<HTMLButtonElement>(tile(row('favourites'), 'wiki'), '[data-testid="tile-handle"]');
      expect(document.activeElement).toBe(moved);
      expect(moved.getAttribute('aria-label')).toBe('Move Wiki, position 2 of 3');
      save.flush(null);
      await harness.fixture.whenStable();
    });

    it('moves to either end with Home and End, and says where it is when it cannot go further', async () => {
      await open(aDashboard({ pinned: ['wiki', 'crm', 'compta'] }));
      key(query(tile(row('favourites'), 'compta'), '[data-testid="tile-handle"]'), 'Home');
      const save = expectCall(http, 'PUT', CatalogRoutes.pins);
      expect(save.request.body).toEqual({ appIds: ['compta', 'wiki', 'crm'] });
      save.flush(null);
      await harness.fixture.whenStable();

      key(query(tile(row('favourites'), 'compta'), '[data-testid="tile-handle"]'), 'ArrowLeft');
      http.expectNone(CatalogRoutes.pins);
      expect(announce).toHaveBeenCalledWith('Comptabilité is at position 1 of 3.', 'polite');
      await harness.fixture.whenStable();
    });

    it('puts the order back when saving a keyboard move fails', async () => {
      await open(aDashboard({ pinned: ['wiki', 'crm'] }));
      key(query(tile(row('favourites'), 'wiki'), '[data-testid="tile-handle"]'), 'ArrowDown');
      expect(tileNames(row('favourites'))).toEqual(['CRM', 'Wiki']);
      flushError(expectCall(http, 'PUT', CatalogRoutes.pins), 503, 'internal_error');
      await harness.fixture.whenStable();
      expect(tileNames(row('favourites'))).toEqual(['Wiki', 'CRM']);
      expect(page().querySelector('[data-testid="pins-error"]')).not.toBeNull();
    });

    it('sends only the newest order when moves pile up while a save is under way', async () => {
      await open(aDashboard({ pinned: ['wiki', 'crm', 'compta'] }));
      key(query(tile(row('favourites'), 'wiki'), '[data-testid="tile-handle"]'), 'ArrowRight');
      const first = expectCall(http, 'PUT', CatalogRoutes.pins);
      key(query(tile(row('favourites'), 'wiki'), '[data-testid="tile-handle"]'), 'ArrowRight');
      key(query(tile(row('favourites'), 'crm'), '[data-testid="tile-handle"]'), 'ArrowRight');
      http.expectNone(CatalogRoutes.pins);
      first.flush(null);
      await tick();
      const newest = expectCall(http, 'PUT', CatalogRoutes.pins);
      expect(newest.request.body).toEqual({ appIds: ['compta', 'crm', 'wiki'] });
      newest.flush(null);
      await harness.fixture.whenStable();
      expect(tileNames(row('favourites'))).toEqual(['Comptabilité', 'CRM', 'Wiki']);
    });
  });

  describe('search', () => {
    async function search(text: string): Promise<void> {
      typeInto(searchBox(), text);
      render();
      await harness.fixture.whenStable();
    }
    const results = () => Array.from(page().querySelectorAll<HTMLElement>('[role="option"]'));
    const resultNames = () => results().map((option) => textOf(option.querySelector('.result__name')));

    it('finds apps despite typos and accents, shows the count and hides the usual rows', async () => {
      await open();
      await search('wkii');
      expect(resultNames()).toEqual(['Wiki']);
      expect(textOf(row('app-search-status'))).toBe('1 app found');
      expect(query(page(), '.dashboard__rows').hidden).toBeTrue();
      // The announcements step aside too, so the results stay right under the search box.
      expect(query(page(), 'psl-announcements-feed').hidden).toBeTrue();

      await search('compta');
      expect(resultNames()).toEqual(['Comptabilité']);
    });

    it('is a combobox: arrows move the highlighted result, Enter opens it here, Ctrl+Enter in a new tab', async () => {
      await open(aDashboard({ apps: [WIKI, CRM, COMPTA, anApp('wikidata', { name: 'Wikidata' })] }));
      await search('wiki');
      const box = searchBox();
      expect(box.getAttribute('role')).toBe('combobox');
      expect(box.getAttribute('aria-expanded')).toBe('true');
      expect(resultNames()).toEqual(['Wiki', 'Wikidata']);
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[0].id);

      key(box, 'ArrowDown');
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[1].id);
      expect(results()[1].getAttribute('aria-selected')).toBe('true');
      key(box, 'ArrowDown'); // wraps around
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[0].id);
      key(box, 'ArrowUp');
      expect(box.getAttribute('aria-activedescendant')).toBe(results()[1].id);

      key(box, 'Enter');
      expect(launcher.open).toHaveBeenCalledOnceWith('/api/dashboard/apps/wikidata/launch');
      key(box, 'Enter', { ctrlKey: true });
      expect(launcher.openInNewTab).toHaveBeenCalledOnceWith('/api/dashboard/apps/wikidata/launch');
      key(box, 'Enter', { metaKey: true });
      expect(launcher.openInNewTab).toHaveBeenCalledTimes(2);
      expect(launcher.open).toHaveBeenCalledTimes(1);
    });

    it('opens a result on click, in a new tab with Ctrl+click', async () => {
      await open();
      await search('crm');
      results()[0].dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }));
      expect(launcher.openInNewTab).toHaveBeenCalledOnceWith('/api/dashboard/apps/crm/launch');
      results()[0].click();
      expect(launcher.open).toHaveBeenCalledOnceWith('/api/dashboard/apps/crm/launch');
    });

    it('says clearly when nothing matches', async () => {
      await open();
      await search('zzzz');
      expect(results()).toEqual([]);
      expect(textOf(row('app-search-status'))).toBe('No app matches “zzzz”.');
      expect(searchBox().getAttribute('aria-expanded')).toBe('false');
      key(searchBox(), 'Enter');
      expect(launcher.open).not.toHaveBeenCalled();
    });

    it('clears with Escape and shows the rows again', async () => {
      await open();
      await search('wiki');
      key(searchBox(), 'Escape');
      expect(searchBox().value).toBe('');
      expect(results()).toEqual([]);
      expect(query(page(), '.dashboard__rows').hidden).toBeFalse();
    });

    it('is focused by "/" unless the person is typing in a field', async () => {
      await open();
      const elsewhere = query<HTMLButtonElement>(tile(page(), 'wiki'), '[data-testid="tile-pin"]');
      elsewhere.focus();
      const slash = key(elsewhere, '/');
      expect(slash.defaultPrevented).toBeTrue();
      expect(document.activeElement).toBe(searchBox());

      const field = document.createElement('input');
      document.body.appendChild(field);
      try {
        field.focus();
        const typed = key(field, '/');
        expect(typed.defaultPrevented).toBeFalse();
        expect(document.activeElement).toBe(field);
      } finally {
        field.remove();
      }
    });
  });

  describe('requesting access', () => {
    const dialog = () => query<HTMLDialogElement>(document.body, 'dialog[data-testid="request-access-dialog"]');
    function typeReason(text: string): void {
      const field = query<HTMLTextAreaElement>(dialog(), '[data-testid="request-access-reason"]');
      field.value = text;
      field.dispatchEvent(new Event('input'));
    }

    it('lists requestable apps as greyed tiles (not links) with a "Request access" button', async () => {
      await open();
      const requestable = query(row('row-requestable'), '[data-testid="requestable"][data-app-id="payroll"]');
      expect(requestable.querySelector('a')).toBeNull();
      expect(textOf(requestable)).toContain('Payroll');
      expect(query(requestable, 'button').getAttribute('aria-label')).toBe('Request access to Payroll');
    });

    it('files a request with an optional reason, then shows "Request sent" on the tile', async () => {
      await open();
      query<HTMLButtonElement>(row('row-requestable'), '[data-testid="requestable-button"]').click();
      render();
      expect(dialog().open).toBeTrue();
      expect(textOf(dialog().querySelector('h2'))).toBe('Request access to Payroll');
      typeReason('  Monthly reports  ');
      render();
      query<HTMLButtonElement>(dialog(), '[data-testid="request-access-submit"]').click();
      render();

      const post = expectCall(http, 'POST', CatalogRoutes.accessRequests);
      expect(post.request.body).toEqual({ appId: 'payroll', reason: 'Monthly reports' });
      post.flush({ id: 'r1', status: 'pending', createdAt: '2026-03-02T10:00:00Z', decidedAt: null, note: null });
      await harness.fixture.whenStable();

      expect(dialog().open).toBeFalse();
      expect(textOf(row('row-requestable'))).toContain('Request sent');
      expect(row('row-requestable').querySelector('[data-testid="requestable-button"]')).toBeNull();
      expect(announce).toHaveBeenCalledWith('Your request for Payroll was sent.', 'polite');
    });

    it('sends no reason when none is given, and keeps the dialog open with a message when the server refuses', async () => {
      await open();
      query<HTMLButtonElement>(row('row-requestable'), '[data-testid="requestable-button"]').click();
      render();
      query<HTMLButtonElement>(dialog(), '[data-testid="request-access-submit"]').click();
      render();
      const post = expectCall(http, 'POST', CatalogRoutes.accessRequests);
      expect(post.request.body).toEqual({ appId: 'payroll' });
      flushError(post, 400, 'bad_request');
      await harness.fixture.whenStable();
      expect(dialog().open).toBeTrue();
      expect(textOf(query(dialog(), '[data-testid="request-access-error"]'))).toContain('can no longer be requested');
    });

    it('refuses a reason over 500 characters before sending', async () => {
      await open();
      query<HTMLButtonElement>(row('row-requestable'), '[data-testid="requestable-button"]').click();
      render();
      typeReason('x'.repeat(501));
      render();
      query<HTMLButtonElement>(dialog(), '[data-testid="request-access-submit"]').click();
      render();
      http.expectNone(CatalogRoutes.accessRequests);
      expect(textOf(query(dialog(), '[data-testid="request-access-error"]'))).toBe('Use at most 500 characters.');
    });

    it('shows a pending request as sent, and a refusal with its note and a way to ask again', async () => {
      const decided = { id: 'r2', createdAt: '2026-03-01T10:00:00Z', decidedAt: '2026-03-02T10:00:00Z' };
      await open(
        aDashboard({
          requestable: [
            aRequestable('payroll', { name: 'Payroll', request: { ...decided, status: 'pending', decidedAt: null, note: null } }),
            aRequestable('erp', { name: 'ERP', request: { ...decided, status: 'refused', note: 'Finance team only' } }),
          ],
        }),
      );
      const payroll = query(row('row-requestable'), '[data-app-id="payroll"]');
      expect(textOf(query(payroll, '[data-testid="requestable-status"]'))).toBe('Request sent');
      expect(payroll.querySelector('button')).toBeNull();
      const erp = query(row('row-requestable'), '[data-app-id="erp"]');
      expect(textOf(query(erp, '[data-testid="requestable-status"]'))).toBe('Refused: Finance team only');
      expect(textOf(query(erp, 'button'))).toBe('Ask again');
    });
  });

  describe('an app the person may not open (/?unavailable=<id>)', () => {
    it('says so with the app’s name and a request button, and takes the id out of the address', async () => {
      await open(aDashboard(), '/?unavailable=payroll');
      const notice = row('unavailable-notice');
      expect(textOf(notice)).toContain('You don’t have access to Payroll');
      expect(TestBed.inject(Location).path()).toBe('');

      query<HTMLButtonElement>(notice, '[data-testid="unavailable-request"]').click();
      render();
      expect(query<HTMLDialogElement>(document.body, 'dialog[data-testid="request-access-dialog"]').open).toBeTrue();
      query<HTMLButtonElement>(document.body, '[data-testid="request-access-submit"]').click();
      render();
      expectCall(http, 'POST', CatalogRoutes.accessRequests).flush({ id: 'r1', status: 'pending' });
      await harness.fixture.whenStable();
      expect(page().querySelector('[data-testid="unavailable-notice"]')).toBeNull();
    });

    it('gives the same plain message for an app it does not know, and can be dismissed', async () => {
      await open(aDashboard(), '/?unavailable=secret-app');
      const notice = row('unavailable-notice');
      expect(textOf(notice)).toContain('You don’t have access to this app');
      expect(notice.querySelector('[data-testid="unavailable-request"]')).toBeNull();
      query<HTMLButtonElement>(notice, '[data-testid="unavailable-dismiss"]').click();
      render();
      expect(page().querySelector('[data-testid="unavailable-notice"]')).toBeNull();
    });
  });
});

describe('DashboardComponent periodic refresh', () => {
  it('asks again every interval while the tab is visible', async () => {
    TestBed.configureTestingModule({
      providers: [
        { provide: AppLauncherService, useValue: {} },
        { provide: DASHBOARD_REFRESH_MS, useValue: 20 },
      ],
    });
    TestBed.overrideComponent(DashboardComponent, { remove: { imports: [AnnouncementsFeedComponent] }, add: { imports: [FeedStubComponent] } });
    const { http, harness } = await routedHarness([{ path: '', component: HostComponent }]);
    await harness.navigateByUrl('/');
    expectCall(http, 'GET', CatalogRoutes.dashboard).flush(aDashboard());
    await tick(60);
    const again = http.match((request) => request.url === CatalogRoutes.dashboard);
    expect(again.length).toBeGreaterThanOrEqual(1);
    again.forEach((request) => request.flush(aDashboard()));
    harness.fixture.destroy();
    http.match(() => true).forEach((request) => request.flush(aDashboard()));
  });
});
