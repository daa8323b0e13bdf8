import { Location } from '@angular/common';
import type { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type GuestOptions, GuestRoutes, type GuestView } from '@passerelle/contracts';
import { browserStub, expectCall, flushError, pageOf, provideBrowserStub, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../admin/search-debounce';
import { I18nService } from '../core/i18n';
import { GuestDetailPageComponent } from './guest-detail-page.component';
import { GuestTime } from './guest-time';
import { GuestsNoticeService } from './guests-notice.service';
import { at, guestOptions, guestView, provideSpecNow } from './testing/guest-fixtures';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="list-stub">list</p>' })
class ListStubComponent {}

const INVITED = guestView({
  id: 'g5',
  name: 'Omar Haddad',
  email: 'omar@consult.test',
  status: 'invited',
  acceptedAt: null,
  invitationExpiresAt: at(2027, 3, 3, 10),
  apps: [],
});

describe('GuestDetailPageComponent (/admin/guests/:guestId, /guests/:guestId)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow(), provideBrowserStub(browserStub()), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([
      { path: 'guests', children: [{ path: '', component: ListStubComponent }, { path: ':guestId', component: GuestDetailPageComponent }] },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const errorOf = (field: string) => textOf(page().querySelector(`#guest-edit-${field}-error`));

  async function open(guest: GuestView = guestView(), options: GuestOptions = guestOptions()): Promise<void> {
    await harness.navigateByUrl(`/guests/${guest.id}`);
    expectCall(http, 'GET', GuestRoutes.guest(guest.id)).flush(guest);
    expectCall(http, 'GET', GuestRoutes.options).flush(options);
    await stable();
  }

  function click(testId: string): void {
    query<HTMLElement>(page(), `[data-testid="${testId}"]`).click();
    harness.fixture.detectChanges();
  }

  it('shows the guest’s access: status, sponsor, dates, time left and apps', async () => {
    await open();
    expect(textOf(query(page(), '[data-testid="guest-title"]'))).toBe('Nina Weber');
    expect(textOf(query(page(), '[data-testid="guest-status"]'))).toBe('Active');
    expect(textOf(query(page(), '[data-testid="guest-sponsor"]'))).toBe('Marie Dupont marie@acme.test');
    expect(textOf(query(page(), '[data-testid="guest-ends"]'))).toContain('12 days left');
    expect(textOf(query(page(), '[data-testid="guest-app-names"]'))).toBe('Wiki');
    expect(page().querySelector('[data-testid="guest-resend"]')).toBeNull();
    expect(query<HTMLInputElement>(page(), '#guest-edit-endDate').value).toBe('2027-03-13');
    expect(textOf(page())).toContain('Ends on');
    // British English: day first, 24-hour clock.
    expect(textOf(page())).toContain('1 February 2027 at 09:00');
  });

  it('sends only what changed: a new end (end of that day) and the apps', async () => {
    await open();
    click('guest-edit-submit');
    await stable();
    expect(textOf(query(page(), '[data-testid="guest-message"]'))).toBe('Nothing has changed.');

    typeInto(query<HTMLInputElement>(page(), '#guest-edit-endDate'), '2027-02-20');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('Choose today or a later date.');
    // At most 90 days from today for an access already started.
    typeInto(query<HTMLInputElement>(page(), '#guest-edit-endDate'), '2027-05-30');
    harness.fixture.detectChanges();
    expect(errorOf('endDate')).toBe('A guest’s access lasts at most 90 days. Choose an earlier date.');
    typeInto(query<HTMLInputElement>(page(), '#guest-edit-endDate'), '2027-04-30');
    query<HTMLInputElement>(page(), '[data-testid="guest-app-wiki"]').click();
    query<HTMLInputElement>(page(), '[data-testid="guest-app-files"]').click();
    click('guest-edit-submit');
    await tick();
    const patch = expectCall(http, 'PATCH', GuestRoutes.guest('g1'));
    expect(patch.request.body).toEqual({ endsAt: new Date(2027, 3, 30, 23, 59, 59, 999).toISOString(), apps: ['files'] });
    patch.flush(guestView({ endsAt: new Date(2027, 3, 30, 23, 59, 59, 999).toISOString(), apps: [{ id: 'files', name: 'Files' }] }));
    await stable();
    expect(textOf(query(page(), '[data-testid="guest-message"]'))).toBe('Changes to Nina Weber are saved. Access until 30 April 2027.');
    expect(textOf(query(page(), '[data-testid="guest-app-names"]'))).toBe('Files');
  });

  it('shows the server’s field errors on the edit form', async () => {
    await open();
    typeInto(query<HTMLInputElement>(page(), '#guest-edit-sponsor'), 'nobody@acme.test');
    await tick();
    expectCall(http, 'GET', AdminRoutes.users).flush(pageOf([]));
    click('guest-edit-submit');
    await tick();
    const patch = expectCall(http, 'PATCH', GuestRoutes.guest('g1'));
    expect(patch.request.body).toEqual({ sponsor: 'nobody@acme.test' });
    flushError(patch, 400, 'validation_failed', { sponsor: ['No employee has the email nobody@acme.test.'] });
    await stable();
    expect(errorOf('sponsor')).toBe('No employee has the email nobody@acme.test.');
  });

  it('revokes now after a confirmation, and offers to reactivate', async () => {
    await open();
    click('guest-revoke');
    const dialog = query(page(), '[data-testid="guest-confirm"]');
    expect(textOf(dialog)).toContain('End the access of Nina Weber now?');
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    const revoke = expectCall(http, 'POST', GuestRoutes.revoke('g1'));
    revoke.flush(guestView({ status: 'ended', revokedAt: at(2027, 3, 1, 10), endsAt: at(2027, 3, 1, 10), eraseAfter: at(2027, 3, 31, 10) }));
    await stable();
    expect((dialog as HTMLDialogElement).open).toBeFalse();
    expect(textOf(query(page(), '[data-testid="guest-message"]'))).toBe('The access of Nina Weber has ended.');
    expect(document.activeElement).toBe(query(page(), '[data-testid="guest-message"]'));
    expect(textOf(query(page(), '[data-testid="guest-status"]'))).toBe('Ended');
    expect(textOf(query(page(), '[data-testid="guest-ended"]'))).toBe('Access ended on 1 March 2027 · personal data erased after 31 March 2027');
    expect(page().querySelector('[data-testid="guest-revoke"]')).toBeNull();
    expect(textOf(page())).toContain('Reactivate until');
    // The past end isn't offered as the new one: the field waits for a date, the hint says how far.
    expect(query<HTMLInputElement>(page(), '#guest-edit-endDate').value).toBe('');
    expect(textOf(query(page(), '#guest-edit-endDate-hint'))).toBe(
      'Choose a new end date to let this guest sign in again. The access lasts until the end of that day, at most 90 days.',
    );
  });

  it('keeps its confirmations in the language chosen afterwards, dates included', async () => {
    await open();
    typeInto(query<HTMLInputElement>(page(), '#guest-edit-endDate'), '2027-04-30');
    click('guest-edit-submit');
    await tick();
    expectCall(http, 'PATCH', GuestRoutes.guest('g1')).flush(guestView({ endsAt: new Date(2027, 3, 30, 23, 59, 59, 999).toISOString() }));
    await stable();
    const message = () => textOf(query(page(), '[data-testid="guest-message"]'));
    expect(message()).toBe('Changes to Nina Weber are saved. Access until 30 April 2027.');

    TestBed.inject(I18nService).setLocale('fr');
    await stable();
    expect(message()).toBe('Les modifications de Nina Weber sont enregistrées. Accès jusqu’au 30 avril 2027.');

    click('guest-revoke');
    query<HTMLButtonElement>(page(), '[data-testid="confirm-dialog-confirm"]').click();
    expectCall(http, 'POST', GuestRoutes.revoke('g1')).flush(guestView({ status: 'ended', revokedAt: at(2027, 3, 1, 10), endsAt: at(2027, 3, 1, 10) }));
    await stable();
    expect(message()).toBe('L’accès de Nina Weber a pris fin.');
    TestBed.inject(I18nService).setLocale('en');
    await stable();
    expect(message()).toBe('The access of Nina Weber has ended.');
  });

  it('reactivates an ended guest with a new end date', async () => {
    const ended = guestView({ status: 'ended', endsAt: at(2027, 2, 20, 23), eraseAfter: at(2027, 3, 22, 23) });
    await open(ended);
    expect(textOf(query(page(), '[data-testid="guest-ended"]'))).toContain('Access ended on 20 February 2027');
    expect(query<HTMLInputElement>(page(), '#guest-edit-endDate').value).toBe('');
    expect(query<HTMLInputElement>(page(), '#guest-edit-endDate').max).toBe('2027-05-29');
    // Saving other fields with the end left empty changes only them: no reactivation, no error.
    typeInto(query<HTMLInputElement>(page(), '#guest-edit-company'), 'Weber & Co');
    click('guest-edit-submit');
    await tick();
    const first = expectCall(http, 'PATCH', GuestRoutes.guest('g1'));
    expect(first.request.body).toEqual({ company: 'Weber & Co' });
    first.flush({ ...ended, company: 'Weber & Co' });
    await stable();

    typeInto(query<HTMLInputElement>(page(), '#guest-edit-endDate'), '2027-03-31');
    click('guest-edit-submit');
    await tick();
    const patch = expectCall(http, 'PATCH', GuestRoutes.guest('g1'));
    expect(patch.request.body).toEqual({ endsAt: new Date(2027, 2, 31, 23, 59, 59, 999).toISOString() });
    patch.flush(guestView({ company: 'Weber & Co', endsAt: new Date(2027, 2, 31, 23, 59, 59, 999).toISOString() }));
    await stable();
    expect(textOf(query(page(), '[data-testid="guest-message"]'))).toBe('Nina Weber has access again until 31 March 2027.');
    expect(query<HTMLInputElement>(page(), '#guest-edit-endDate').value).toBe('2027-03-31');
    expect(textOf(page())).toContain('Ends on');
  });

  it('re-sends a pending invitation and shows the new link', async () => {
    await open(INVITED);
    expect(textOf(query(page(), '[data-testid="guest-status"]'))).toBe('Invited');
    click('guest-resend');
    const resend = expectCall(http, 'POST', GuestRoutes.invitation('g5'));
    resend.flush({ guest: { ...INVITED, invitationExpiresAt: at(2027, 3, 4, 10) }, invitationLink: 'https://portal.acme.test/activate#token=new', invitationExpiresAt: at(2027, 3, 4, 10) });
    await stable();
    const panel = query(page(), '[data-testid="invitation-panel"]');
    expect(textOf(query(panel, 'h2'))).toBe('A new invitation link for Omar Haddad');
    expect(query<HTMLInputElement>(panel, '[data-testid="invitation-link"]').value).toBe('https://portal.acme.test/activate#token=new');
    expect(textOf(query(page(), '[data-testid="guest-invitation-expires"]'))).toContain('4 March 2027 at 10:00');
  });

  it('says why a re-send failed', async () => {
    await open(INVITED);
    click('guest-resend');
    flushError(expectCall(http, 'POST', GuestRoutes.invitation('g5')), 409, 'conflict');
    await stable();
    expect(textOf(query(page(), '[data-testid="guest-action-error"]'))).toContain('This conflicts with existing data.');
  });

  it('cancels a pending invitation after a confirmation, then goes back to the list with a notice', async () => {
    await open(INVITED);
    click('guest-cancel-invitation');
    const dialog = query(page(), '[data-testid="guest-confirm"]');
    expect(textOf(dialog)).toContain('Cancel the invitation of Omar Haddad?');
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    const cancel = expectCall(http, 'DELETE', GuestRoutes.invitation('g5'));
    cancel.flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(TestBed.inject(Location).path()).toBe('/guests');
    expect(page().querySelector('[data-testid="list-stub"]')).not.toBeNull();
    const notice = TestBed.inject(GuestsNoticeService).take();
    expect(notice ? TestBed.inject(GuestTime).say(notice) : null).toBe('The invitation of Omar Haddad is cancelled.');
  });
});
