import type { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type GuestOptions, GuestRoutes, type InviteGuestResponse } from '@passerelle/contracts';
import { type BrowserStub, adminUser, browserStub, expectCall, flushError, pageOf, provideBrowserStub, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../admin/search-debounce';
import { GuestInvitePageComponent } from './guest-invite-page.component';
import { guestOptions, guestView, provideSpecNow } from './testing/guest-fixtures';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="stub">stub</p>' })
class StubComponent {}

const endOfDay = (year: number, month: number, day: number) => new Date(year, month - 1, day, 23, 59, 59, 999).toISOString();

describe('GuestInvitePageComponent (/admin/guests/new, /guests/new)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let browser: BrowserStub;

  beforeEach(async () => {
    browser = browserStub();
    TestBed.configureTestingModule({ providers: [provideSpecNow(), provideBrowserStub(browser), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([
      { path: 'admin/guests', component: StubComponent },
      { path: 'admin/guests/new', component: GuestInvitePageComponent },
      { path: 'admin/guests/:guestId', component: StubComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const errorOf = (field: string) => textOf(page().querySelector(`#guest-${field}-error`));
  const input = (field: string) => query<HTMLInputElement>(page(), `#guest-${field}`);

  async function open(options: GuestOptions = guestOptions()): Promise<void> {
    await harness.navigateByUrl('/admin/guests/new');
    expectCall(http, 'GET', GuestRoutes.options).flush(options);
    await stable();
  }

  async function submit(): Promise<void> {
    query<HTMLButtonElement>(page(), '[data-testid="guest-invite-submit"]').click();
    harness.fixture.detectChanges();
    await tick();
  }

  function click(testId: string): void {
    query<HTMLElement>(page(), `[data-testid="${testId}"]`).click();
    harness.fixture.detectChanges();
  }

  function fillWho(): void {
    typeInto(input('email'), ' nina@studio.test ');
    typeInto(input('name'), ' Nina Weber ');
  }

  it('checks the fields and the dates as the server would, before sending anything', async () => {
    await open();
    expect(input('startDate').value).toBe('2027-03-01');
    expect(textOf(page())).toContain('The access lasts until the end of that day, at most 90 days.');
    await submit();
    await stable();
    expect(errorOf('email')).toBe('This field is required.');
    expect(errorOf('name')).toBe('This field is required.');
    expect(errorOf('endDate')).toBe('This field is required.');
    expect(document.activeElement?.id).toBe('guest-email');

    typeInto(input('endDate'), '2027-02-20');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('Choose today or a later date.');
    typeInto(input('startDate'), '2027-03-10');
    typeInto(input('endDate'), '2027-03-05');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('The end can’t be before the start.');
    typeInto(input('endDate'), '2027-06-08');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('A guest’s access lasts at most 90 days. Choose an earlier date.');
    typeInto(input('endDate'), '2027-06-07');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('');
    typeInto(input('startDate'), '2027-02-01');
    harness.fixture.detectChanges();
    expect(errorOf('startDate')).toBe('The start can’t be in the past.');
  });

  it('fills the end from the quick buttons, counted from the start and never beyond the longest access', async () => {
    await open();
    click('guest-quick-0');
    expect(input('endDate').value).toBe('2027-03-08');
    click('guest-quick-1');
    expect(input('endDate').value).toBe('2027-04-01');
    // 1 June is more than 90 days away: the last day allowed instead.
    click('guest-quick-2');
    expect(input('endDate').value).toBe('2027-05-29');
    typeInto(input('startDate'), '2027-03-15');
    click('guest-quick-0');
    expect(input('endDate').value).toBe('2027-03-22');
  });

  it('sends the invitation: end of the chosen day, no start for today, chosen apps, sponsor, language and note', async () => {
    await open();
    expect(input('sponsor').value).toBe('lea@acme.test');
    expect(page().querySelectorAll('[data-testid^="guest-app-"]:checked').length).toBe(0);
    fillWho();
    typeInto(input('sponsor'), 'marie');
    await tick();
    const search = expectCall(http, 'GET', AdminRoutes.users);
    expect(search.request.params.get('search')).toBe('marie');
    search.flush(
      pageOf([
        adminUser({ id: 'u5', name: 'Marie Dupont', email: 'marie@acme.test' }),
        adminUser({ id: 'g9', name: 'Marie Guest', email: 'marie@guest.test', kind: 'guest' }),
      ]),
    );
    await stable();
    expect(Array.from(page().querySelectorAll<HTMLOptionElement>('#guest-sponsor-list option')).map((o) => o.value)).toEqual(['marie@acme.test']);
    typeInto(input('sponsor'), 'marie@acme.test');
    await tick();
    expectCall(http, 'GET', AdminRoutes.users).flush(pageOf([adminUser({ id: 'u5', name: 'Marie Dupont', email: 'marie@acme.test' })]));
    click('guest-quick-1');
    query<HTMLInputElement>(page(), '[data-testid="guest-app-crm"]').click();
    typeInto(query<HTMLSelectElement>(page(), '#guest-locale'), 'fr');
    typeInto(input('note'), 'Website redesign');
    await submit();

    const invite = expectCall(http, 'POST', GuestRoutes.guests);
    expect(invite.request.body).toEqual({
      email: 'nina@studio.test',
      name: 'Nina Weber',
      endsAt: endOfDay(2027, 4, 1),
      apps: ['crm'],
      locale: 'fr',
      note: 'Website redesign',
      sponsor: 'marie@acme.test',
    });
    invite.flush({ guest: guestView({ status: 'invited' }), invitationLink: 'https://portal.acme.test/activate#token=abc', invitationExpiresAt: new Date(2027, 2, 4, 10).toISOString() });
    await stable();
  });

  it('sends a future start as the beginning of that day', async () => {
    await open();
    fillWho();
    typeInto(input('startDate'), '2027-03-15');
    typeInto(input('endDate'), '2027-03-31');
    await submit();
    const invite = expectCall(http, 'POST', GuestRoutes.guests);
    expect(invite.request.body.startsAt).toBe(new Date(2027, 2, 15).toISOString());
    expect(invite.request.body.endsAt).toBe(endOfDay(2027, 3, 31));
    flushError(invite, 400, 'validation_failed', {});
    await stable();
  });

  it('shows the server’s field errors next to their fields', async () => {
    await open();
    fillWho();
    typeInto(input('endDate'), '2027-03-31');
    await submit();
    flushError(expectCall(http, 'POST', GuestRoutes.guests), 400, 'validation_failed', {
      endsAt: ['The end is more than 90 days after the start.'],
      sponsor: ['No employee has the email lea@acme.test.'],
      'apps.0': ['No app has the id wiki.'],
    });
    await stable();
    expect(errorOf('endDate')).toBe('The end is more than 90 days after the start.');
    expect(errorOf('sponsor')).toBe('No employee has the email lea@acme.test.');
    expect(errorOf('apps')).toBe('No app has the id wiki.');
    expect(textOf(query(page(), '[data-testid="guest-invite-error"]'))).toBe('Some fields need your attention.');
    expect(document.activeElement?.id).toBe('guest-sponsor');
    // Changing the apps answers the server's complaint about them.
    query<HTMLInputElement>(page(), '[data-testid="guest-app-files"]').click();
    harness.fixture.detectChanges();
    expect(errorOf('apps')).toBe('');
    expect(errorOf('sponsor')).toBe('No employee has the email lea@acme.test.');

    await submit();
    flushError(expectCall(http, 'POST', GuestRoutes.guests), 409, 'email_taken');
    await stable();
    expect(errorOf('email')).toBe('An account already uses this email address.');
  });

  it('shows the invitation link to copy, when it expires, and invites another', async () => {
    await open();
    fillWho();
    typeInto(input('endDate'), '2027-03-31');
    await submit();
    const response: InviteGuestResponse = {
      guest: guestView({ status: 'invited' }),
      invitationLink: 'https://portal.acme.test/activate#token=abc',
      invitationExpiresAt: new Date(2027, 2, 4, 10).toISOString(),
    };
    expectCall(http, 'POST', GuestRoutes.guests).flush(response);
    await stable();

    const panel = query(page(), '[data-testid="invitation-panel"]');
    expect(textOf(query(panel, 'h2'))).toBe('Nina Weber is invited');
    expect(document.activeElement).toBe(query(panel, 'h2'));
    const link = query<HTMLInputElement>(panel, '[data-testid="invitation-link"]');
    expect(link.value).toBe('https://portal.acme.test/activate#token=abc');
    expect(link.readOnly).toBeTrue();
    expect(textOf(query(panel, '[data-testid="invitation-expiry"]'))).toContain('4 March 2027 at 10:00');
    expect(textOf(panel)).toContain('The invitation was emailed to nina@studio.test.');

    click('invitation-copy');
    await stable();
    expect(browser.copyText).toHaveBeenCalledOnceWith('https://portal.acme.test/activate#token=abc');
    expect(textOf(query(panel, '[data-testid="invitation-copy-status"]'))).toBe('Link copied.');
    expect(query(panel, '[data-testid="invitation-copy-status"]').getAttribute('role')).toBe('status');
    expect(query(panel, '[data-testid="guest-invite-open"]').getAttribute('href')).toBe('/admin/guests/g1');

    click('guest-invite-another');
    await stable();
    expect(page().querySelector('[data-testid="invitation-panel"]')).toBeNull();
    expect(input('email').value).toBe('');
    expect(input('sponsor').value).toBe('lea@acme.test');
    expect(errorOf('email')).toBe('');
    expect(document.activeElement?.id).toBe('guest-email');
  });

  it('for a sponsor: says they sponsor the guest and sends no sponsor', async () => {
    await open(guestOptions({ anySponsor: false, self: { id: 'u7', name: 'Paul Martin', email: 'paul@acme.test' }, apps: [{ id: 'wiki', name: 'Wiki' }] }));
    expect(page().querySelector('#guest-sponsor')).toBeNull();
    expect(textOf(query(page(), '[data-testid="guest-sponsor-self"]'))).toContain('You sponsor this guest (Paul Martin).');
    fillWho();
    typeInto(input('endDate'), '2027-03-31');
    await submit();
    const invite = expectCall(http, 'POST', GuestRoutes.guests);
    expect(invite.request.body.sponsor).toBeUndefined();
    expect(invite.request.body.apps).toEqual([]);
    flushError(invite, 403, 'forbidden');
    await stable();
    expect(textOf(query(page(), '[data-testid="guest-invite-error"]'))).toBe('You are not allowed to do this.');
  });
});
