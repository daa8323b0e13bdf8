import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { GuestRoutes } from '@passerelle/contracts';
import { expectCall, flushError, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../admin/search-debounce';
import { I18nService } from '../core/i18n';
import { GuestsPageComponent } from './guests-page.component';
import { GuestsNoticeService } from './guests-notice.service';
import { at, guestList, guestView, provideSpecNow } from './testing/guest-fixtures';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="stub">stub</p>' })
class StubComponent {}

const NINA = guestView();
const OMAR = guestView({
  id: 'g2',
  name: 'Omar Haddad',
  email: 'omar@consult.test',
  company: '',
  status: 'active',
  endsAt: new Date(2027, 2, 1, 23, 59, 59, 999).toISOString(),
  apps: [
    { id: 'wiki', name: 'Wiki' },
    { id: 'crm', name: 'CRM' },
  ],
});
const ENDED = guestView({ id: 'g3', name: 'Eva Klein', email: 'eva@klein.test', status: 'ended', endsAt: at(2027, 2, 26, 18), apps: [], sponsor: null });

describe('GuestsPageComponent (/admin/guests, /guests)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow(), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([
      { path: 'admin/guests', component: GuestsPageComponent },
      { path: 'admin/guests/new', component: StubComponent },
      { path: 'admin/guests/:guestId', component: StubComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="guest-row"]'));
  const row = (id: string) => query(page(), `[data-guest-id="${id}"]`);

  function expectList(filter: string, search: string | null = null): TestRequest {
    const request = expectCall(http, 'GET', GuestRoutes.guests);
    expect(request.request.params.get('filter')).toBe(filter);
    expect(request.request.params.get('search')).toBe(search);
    return request;
  }

  async function open(list = guestList([NINA, OMAR, ENDED], { all: 3, active: 2, ending: 1, ended: 1 })): Promise<void> {
    await harness.navigateByUrl('/admin/guests');
    expectList('all').flush(list);
    await stable();
  }

  function click(root: Element, testId: string): void {
    query<HTMLElement>(root, `[data-testid="${testId}"]`).click();
    harness.fixture.detectChanges();
  }

  it('lists the guests with status, sponsor, apps, time left and end date, and counts on the filters', async () => {
    await open();
    const chips = Array.from(page().querySelectorAll('[data-testid^="guests-filter-"]:not([data-testid="guests-filter-count"])')).map(textOf);
    expect(chips).toEqual(['All 3', 'Invited 0', 'Starting 0', 'Active 2', 'Ending within 7 days 1', 'Ended 1']);
    expect(query(page(), '[data-testid="guests-filter-all"]').getAttribute('aria-pressed')).toBe('true');

    expect(rows().length).toBe(3);
    const nina = row('g1');
    expect(textOf(query(nina, '[data-testid="guest-link"]'))).toBe('Nina Weber');
    expect(textOf(nina)).toContain('nina@studio.test');
    expect(textOf(nina)).toContain('Studio Weber');
    expect(textOf(query(nina, '[data-testid="guest-status"]'))).toBe('Active');
    expect(textOf(nina)).toContain('Marie Dupont');
    expect(textOf(query(nina, '[data-testid="guest-left"]'))).toBe('12 days left');
    expect(textOf(nina)).toContain('13 March 2027');

    expect(textOf(query(row('g2'), '[data-testid="guest-status"]'))).toBe('Ending soon');
    expect(textOf(query(row('g2'), '[data-testid="guest-apps-cell"]'))).toBe('Wiki, CRM');
    expect(textOf(query(row('g2'), '[data-testid="guest-left"]'))).toBe('ends today');
    expect(textOf(query(row('g3'), '[data-testid="guest-status"]'))).toBe('Ended');
    expect(textOf(query(row('g3'), '[data-testid="guest-left"]'))).toBe('ended 3 days ago');
    expect(textOf(query(row('g3'), '[data-testid="guest-apps-cell"]'))).toBe('No apps');
    expect(query(row('g1'), '[data-testid="guest-link"]').getAttribute('href')).toBe('/admin/guests/g1');
  });

  it('asks the API again with ?filter= when a filter is chosen, and with ?search= after typing', async () => {
    await open();
    click(page(), 'guests-filter-ending');
    expectList('ending').flush(guestList([OMAR], { all: 3, active: 2, ending: 1, ended: 1 }));
    await stable();
    expect(query(page(), '[data-testid="guests-filter-ending"]').getAttribute('aria-pressed')).toBe('true');
    expect(query(page(), '[data-testid="guests-filter-all"]').getAttribute('aria-pressed')).toBe('false');
    expect(rows().map((r) => r.dataset['guestId'])).toEqual(['g2']);

    typeInto(query<HTMLInputElement>(page(), '[data-testid="guests-search"]'), ' omar ');
    await tick();
    expectList('ending', 'omar').flush(guestList([], { all: 3, active: 2, ending: 1, ended: 1 }));
    await stable();
    expect(textOf(query(page(), '[data-testid="guests-no-match"]'))).toContain('No guest matches');
  });

  it('invites to invite the first guest when there is none', async () => {
    await open(guestList([], { all: 0, active: 0 }));
    expect(textOf(query(page(), '[data-testid="guests-empty"]'))).toContain('No guests yet — invite a freelancer');
    expect(page().querySelector('[data-testid="guests-invite"]')).toBeNull();
    click(page(), 'guests-empty-invite');
    await stable();
    expect(page().querySelector('[data-testid="stub"]')).not.toBeNull();
  });

  it('extends the selected guests to a date (end of that day), then shows who could not be changed and why', async () => {
    await open();
    query<HTMLInputElement>(row('g1'), '[data-testid="guest-select"]').click();
    query<HTMLInputElement>(row('g3'), '[data-testid="guest-select"]').click();
    harness.fixture.detectChanges();
    expect(textOf(query(page(), '[data-testid="guests-bulk-bar"]'))).toContain('2 selected');

    click(page(), 'guests-bulk-extend');
    const dialog = query(page(), '[data-testid="guests-extend-dialog"]');
    expect(document.activeElement).toBe(query(dialog, '[data-testid="guests-extend-date"]'));
    click(dialog, 'guests-extend-confirm');
    expect(textOf(query(dialog, '[data-testid="guests-extend-error"]'))).toBe('This field is required.');
    typeInto(query<HTMLInputElement>(dialog, '[data-testid="guests-extend-date"]'), '2027-02-27');
    click(dialog, 'guests-extend-confirm');
    expect(textOf(query(dialog, '[data-testid="guests-extend-error"]'))).toBe('Choose today or a later date.');

    typeInto(query<HTMLInputElement>(dialog, '[data-testid="guests-extend-date"]'), '2027-04-30');
    click(dialog, 'guests-extend-confirm');
    const bulk = expectCall(http, 'POST', GuestRoutes.bulk);
    expect(bulk.request.body).toEqual({ action: 'extend', ids: ['g1', 'g3'], endsAt: new Date(2027, 3, 30, 23, 59, 59, 999).toISOString() });
    bulk.flush({
      results: [
        { id: 'g1', ok: true, guest: { ...NINA, endsAt: new Date(2027, 3, 30, 23, 59, 59, 999).toISOString() } },
        { id: 'g3', ok: false, message: 'Eva Klein’s personal data was erased; invite her again.' },
      ],
    });
    await tick();
    expectList('all').flush(guestList([NINA, OMAR, ENDED], { all: 3, active: 2, ending: 1, ended: 1 }));
    await stable();

    expect((dialog as HTMLDialogElement).open).toBeFalse();
    expect(textOf(query(page(), '[data-testid="guests-bulk-result"]'))).toBe('1 guest now has access until 30 April 2027.');
    const failures = Array.from(page().querySelectorAll('[data-testid="guests-bulk-failure"]')).map(textOf);
    expect(failures).toEqual(['Eva Klein — Eva Klein’s personal data was erased; invite her again.']);
    expect(query<HTMLInputElement>(row('g3'), '[data-testid="guest-select"]').checked).toBeTrue();
    expect(query<HTMLInputElement>(row('g1'), '[data-testid="guest-select"]').checked).toBeFalse();
    expect(textOf(query(page(), '[data-testid="guests-bulk-bar"]'))).toContain('1 selected');

    TestBed.inject(I18nService).setLocale('fr');
    await stable();
    expect(textOf(query(page(), '[data-testid="guests-bulk-result"]'))).toBe('1 invité a maintenant accès jusqu’au 30 avril 2027.');
  });

  it('shows the notice the guest page left (a cancelled invitation), in the language of the moment', async () => {
    TestBed.inject(GuestsNoticeService).leave({ key: 'guests.detail.cancelled', params: { name: 'Omar Haddad' } });
    await open();
    const notice = () => textOf(query(page(), '[data-testid="guests-bulk-result"]'));
    expect(notice()).toBe('The invitation of Omar Haddad is cancelled.');
    TestBed.inject(I18nService).setLocale('fr');
    await stable();
    expect(notice()).toBe('L’invitation de Omar Haddad est annulée.');
  });

  it('revokes every guest shown after a confirmation', async () => {
    await open();
    query<HTMLInputElement>(page(), '[data-testid="guests-select-all"]').click();
    harness.fixture.detectChanges();
    expect(textOf(query(page(), '[data-testid="guests-bulk-bar"]'))).toContain('3 selected');

    click(page(), 'guests-bulk-revoke');
    const dialog = query(page(), '[data-testid="guests-revoke-dialog"]');
    expect(textOf(dialog)).toContain('End the access of the selected guests (3) now?');
    click(dialog, 'confirm-dialog-confirm');
    const bulk = expectCall(http, 'POST', GuestRoutes.bulk);
    expect(bulk.request.body).toEqual({ action: 'revoke', ids: ['g1', 'g2', 'g3'] });
    bulk.flush({
      results: [NINA, OMAR, ENDED].map((guest) => ({ id: guest.id, ok: true, guest: { ...guest, status: 'ended', revokedAt: at(2027, 3, 1, 10) } })),
    });
    await tick();
    expectList('all').flush(guestList([], { all: 3, ended: 3, active: 0 }));
    await stable();
    expect(textOf(query(page(), '[data-testid="guests-bulk-result"]'))).toBe('The access of 3 guests has ended.');
    expect(page().querySelector('[data-testid="guests-bulk-bar"]')).toBeNull();
  });

  it('keeps the revoke dialog open with the reason when the whole request fails', async () => {
    await open();
    query<HTMLInputElement>(row('g1'), '[data-testid="guest-select"]').click();
    harness.fixture.detectChanges();
    click(page(), 'guests-bulk-revoke');
    const dialog = query(page(), '[data-testid="guests-revoke-dialog"]');
    click(dialog, 'confirm-dialog-confirm');
    flushError(expectCall(http, 'POST', GuestRoutes.bulk), 403, 'forbidden');
    await stable();
    expect((dialog as HTMLDialogElement).open).toBeTrue();
    expect(textOf(dialog)).toContain('You are not allowed to do this.');
  });
});
