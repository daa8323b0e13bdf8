import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type AdminUser } from '@passerelle/contracts';
import {
  type BrowserStub,
  adminUser,
  browserStub,
  expectCall,
  flushError,
  pageOf,
  provideBrowserStub,
  sessionInfo,
  tick,
} from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS, UsersPageComponent } from './users-page.component';

const MARC = adminUser();
const ZOE = adminUser({ id: 'u3', name: 'Zoé Blanc', email: 'zoe@acme.test', isAdmin: true, lockedUntil: '2099-01-01T10:00:00Z', lastSignInAt: '2026-03-01T10:00:00Z' });

describe('UsersPageComponent (/admin/users)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let browser: BrowserStub;

  beforeEach(async () => {
    browser = browserStub();
    TestBed.configureTestingModule({ providers: [provideBrowserStub(browser), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([{ path: 'admin/users', component: UsersPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();

  function expectList(): TestRequest {
    return expectCall(http, 'GET', AdminRoutes.users);
  }

  async function open(users: AdminUser[] = [MARC, ZOE], total = users.length): Promise<void> {
    await harness.navigateByUrl('/admin/users');
    const list = expectList();
    expect(list.request.params.get('page')).toBe('1');
    expect(list.request.params.get('pageSize')).toBe('20');
    expect(list.request.params.has('search')).toBeFalse();
    list.flush(pageOf(users, { total }));
    await stable();
  }

  async function click(testId: string, index = 0): Promise<void> {
    page().querySelectorAll<HTMLButtonElement>(`[data-testid="${testId}"]`)[index].click();
    harness.fixture.detectChanges();
    await tick();
  }

  function dialog(): HTMLDialogElement {
    return query<HTMLDialogElement>(page(), '[data-testid="users-confirm"]');
  }

  it('shows a table of people with their state, labelled for the phone card view', async () => {
    await open();
    const rows = page().querySelectorAll('[data-testid="user-row"]');
    expect(rows.length).toBe(2);
    expect(textOf(rows[0])).toContain('Marc Petit');
    expect(textOf(rows[0])).toContain('marc@acme.test');
    expect(textOf(rows[0])).toContain('Active');
    expect(textOf(rows[0])).toContain('Never');
    expect(rows[0].querySelector('[data-testid="user-unlock"]')).toBeNull();
    expect(textOf(rows[1])).toContain('Administrator');
    expect(rows[1].querySelector('[data-testid="user-locked"]')).not.toBeNull();
    expect(rows[1].querySelector('[data-testid="user-unlock"]')).not.toBeNull();
    expect(rows[0].querySelector('td')?.getAttribute('data-label')).toBe('Name');
    expect(textOf(query(page(), '[data-testid="users-page"]'))).toBe('Page 1 of 1 · 2 people');
  });

  it('searches after typing (debounced) from page 1, and says when nobody matches', async () => {
    await open([MARC], 45);
    await click('users-next');
    const second = expectList();
    expect(second.request.params.get('page')).toBe('2');
    second.flush(pageOf([ZOE], { total: 45, page: 2 }));
    await stable();
    expect(textOf(query(page(), '[data-testid="users-page"]'))).toBe('Page 2 of 3 · 45 people');

    typeInto(query<HTMLInputElement>(page(), '[data-testid="users-search"]'), 'zz');
    await tick(5);
    const search = expectList();
    expect(search.request.params.get('search')).toBe('zz');
    expect(search.request.params.get('page')).toBe('1');
    search.flush(pageOf([]));
    await stable();
    expect(textOf(query(page(), '[data-testid="users-empty"]'))).toBe('No one matches “zz”.');
  });

  it('shows an empty state and a load error with retry', async () => {
    await harness.navigateByUrl('/admin/users');
    flushError(expectList(), 500, 'internal_error');
    await stable();
    expect(textOf(query(page(), '[data-testid="users-load-error"]'))).toContain('Something went wrong on the server');
    query<HTMLButtonElement>(page(), '[data-testid="users-load-error"] button').click();
    expectList().flush(pageOf([]));
    await stable();
    expect(textOf(query(page(), '[data-testid="users-empty"]'))).toBe('No one has an account yet.');
  });

  it('creates a user and shows the one-time activation link with a copy button', async () => {
    await open();
    await click('users-new');
    typeInto(query<HTMLInputElement>(page(), '#new-user-email'), ' nina@acme.test ');
    typeInto(query<HTMLInputElement>(page(), '#new-user-name'), 'Nina Roy');
    typeInto(query<HTMLInputElement>(page(), '#new-user-groups'), 'Accounting, Paris , ,Accounting');
    query<HTMLInputElement>(page(), '[data-testid="new-user-admin"]').click();
    await click('new-user-submit');

    const create = expectCall(http, 'POST', AdminRoutes.users);
    expect(create.request.body).toEqual({ email: 'nina@acme.test', name: 'Nina Roy', isAdmin: true, groups: ['Accounting', 'Paris'] });
    create.flush({
      user: adminUser({ id: 'u9', name: 'Nina Roy' }),
      activationLink: 'http://localhost:3000/activate#token=abc',
      activationLinkExpiresAt: '2026-03-03T10:00:00Z',
    });
    await tick();
    expectList().flush(pageOf([MARC, ZOE]));
    await stable();

    expect(textOf(query(page(), '[data-testid="new-user-created"]'))).toContain('The account of Nina Roy is created');
    expect(textOf(query(page(), '[data-testid="new-user-link"]'))).toBe('http://localhost:3000/activate#token=abc');
    await click('new-user-copy');
    expect(browser.copyText).toHaveBeenCalledWith('http://localhost:3000/activate#token=abc');
  });

  it('shows email_taken next to the email field', async () => {
    await open();
    await click('users-new');
    typeInto(query<HTMLInputElement>(page(), '#new-user-email'), 'marc@acme.test');
    typeInto(query<HTMLInputElement>(page(), '#new-user-name'), 'Marc');
    await click('new-user-submit');
    flushError(expectCall(http, 'POST', AdminRoutes.users), 409, 'email_taken');
    await stable();
    expect(textOf(page().querySelector('#new-user-email-error'))).toBe('An account already uses this email address.');
  });

  it('disables a user after confirming, and Cancel sends nothing', async () => {
    await open();
    await click('user-disable');
    expect(dialog().open).toBeTrue();
    expect(textOf(dialog().querySelector('h2'))).toBe('Disable Marc Petit’s account?');
    expect(textOf(dialog())).toContain('signed out everywhere');
    query<HTMLButtonElement>(dialog(), '.button--secondary').click();
    harness.fixture.detectChanges();
    await stable();
    expect(dialog().open).toBeFalse();
    http.expectNone(AdminRoutes.disableUser(MARC.id));

    await click('user-disable');
    await click('confirm-dialog-confirm');
    const disable = expectCall(http, 'POST', AdminRoutes.disableUser(MARC.id));
    disable.flush({ ...MARC, status: 'disabled' });
    await stable();
    expect(dialog().open).toBeFalse();
    expect(textOf(page().querySelectorAll('[data-testid="user-row"]')[0])).toContain('Disabled');
    expect(page().querySelectorAll('[data-testid="user-enable"]').length).toBe(1);
    expect(textOf(query(page(), '[data-testid="users-message"]'))).toBe('Marc Petit’s account is disabled.');
  });

  it('explains resetting two-step verification before doing it, and shows a failure in the dialog', async () => {
    await open();
    await click('user-reset');
    expect(textOf(dialog())).toContain('sets up a new authenticator app');
    await click('confirm-dialog-confirm');
    flushError(expectCall(http, 'POST', AdminRoutes.resetSecondFactor(MARC.id)), 403, 'forbidden');
    await stable();
    expect(dialog().open).toBeTrue();
    expect(textOf(query(dialog(), '[role="alert"]'))).toBe('You are not allowed to do this.');
  });

  it('unlocks a locked user at once', async () => {
    await open();
    await click('user-unlock');
    expectCall(http, 'POST', AdminRoutes.unlockUser(ZOE.id)).flush({ ...ZOE, lockedUntil: null });
    await stable();
    expect(page().querySelector('[data-testid="user-unlock"]')).toBeNull();
    expect(textOf(query(page(), '[data-testid="users-message"]'))).toBe('Zoé Blanc can sign in again.');
  });

  it('lists a user’s sessions and ends them all', async () => {
    await open();
    await click('user-sessions');
    const sessions = query<HTMLDialogElement>(page(), '[data-testid="user-sessions-dialog"]');
    expect(sessions.open).toBeTrue();
    expectCall(http, 'GET', AdminRoutes.userSessions(MARC.id)).flush([sessionInfo({ browser: 'Safari', os: 'iOS' })]);
    await stable();
    expect(textOf(sessions.querySelector('h2'))).toBe('Sessions of Marc Petit');
    expect(textOf(sessions)).toContain('Safari on iOS');
    expect(sessions.querySelector('[data-testid="session-end"]')).toBeNull();

    await click('user-sessions-end-all');
    expectCall(http, 'DELETE', AdminRoutes.userSessions(MARC.id)).flush(null, { status: 204, statusText: 'No Content' });
    await stable();
    expect(textOf(sessions)).toContain('All sessions have ended.');
    expect(textOf(query(sessions, '[data-testid="user-sessions-empty"]'))).toBe('Not signed in anywhere.');
  });
});
