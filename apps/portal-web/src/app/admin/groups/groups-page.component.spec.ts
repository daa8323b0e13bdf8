import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, CatalogAdminRoutes } from '@passerelle/contracts';
import { adminUser, expectCall, flushError, pageOf, tick } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../search-debounce';
import { group, groupMember } from '../testing/catalog-fixtures';
import { nextCall } from '../testing/next-call';
import { GroupsPageComponent } from './groups-page.component';

const FINANCE = group();
const DIRECTION = group({ id: 'g-direction', name: 'Direction', description: '', memberCount: 0 });

describe('GroupsPageComponent (/admin/groups)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [{ provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([{ path: 'admin/groups', component: GroupsPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const rows = () => Array.from(page().querySelectorAll('[data-testid="group-row"]'));

  async function open(groups = [FINANCE, DIRECTION]): Promise<void> {
    await harness.navigateByUrl('/admin/groups');
    expectCall(http, 'GET', CatalogAdminRoutes.groups).flush(groups);
    await stable();
  }

  async function click(root: Element, testId: string, index = 0): Promise<void> {
    root.querySelectorAll<HTMLButtonElement>(`[data-testid="${testId}"]`)[index].click();
    harness.fixture.detectChanges();
    await tick();
  }

  async function openMembers(index: number, members = [groupMember()]): Promise<Element> {
    await click(page(), 'group-members', index);
    (await nextCall(http, 'GET', CatalogAdminRoutes.groupMembers(index === 0 ? DIRECTION.id : FINANCE.id))).flush(members);
    await stable();
    return query(page(), '[data-testid="group-members-dialog"]');
  }

  it('lists the groups by name with their description and number of members', async () => {
    await open();
    expect(rows().map((row) => textOf(row.querySelector('td')))).toEqual(['Direction', 'Finance']);
    expect(textOf(rows()[1])).toContain('Accounting and payroll');
    expect(rows()[1].querySelectorAll('td')[2].getAttribute('data-label')).toBe('Members');
    expect(textOf(rows()[1].querySelectorAll('td')[2])).toBe('2');
  });

  it('shows an empty state, and a load error with retry', async () => {
    await harness.navigateByUrl('/admin/groups');
    flushError(expectCall(http, 'GET', CatalogAdminRoutes.groups), 503, 'internal_error');
    await stable();
    query<HTMLButtonElement>(page(), '[data-testid="groups-load-error"] button').click();
    expectCall(http, 'GET', CatalogAdminRoutes.groups).flush([]);
    await stable();
    expect(textOf(query(page(), '[data-testid="groups-empty"]'))).toContain('No group yet.');
  });

  it('creates a group, and says so when the name is taken', async () => {
    await open();
    await click(page(), 'groups-new');
    typeInto(query<HTMLInputElement>(page(), '#group-name'), ' Sales ');
    typeInto(query<HTMLInputElement>(page(), '#group-description'), 'Field team');
    await click(page(), 'group-form-submit');
    const taken = expectCall(http, 'POST', CatalogAdminRoutes.groups);
    expect(taken.request.body).toEqual({ name: 'Sales', description: 'Field team' });
    flushError(taken, 409, 'conflict');
    await stable();
    expect(textOf(query(page(), '[data-testid="group-form-error"]'))).toBe('Another group already has this name.');

    typeInto(query<HTMLInputElement>(page(), '#group-name'), 'Sales team');
    await click(page(), 'group-form-submit');
    expectCall(http, 'POST', CatalogAdminRoutes.groups).flush(group({ id: 'g-sales', name: 'Sales team', description: 'Field team', memberCount: 0 }));
    await stable();
    expect(textOf(query(page(), '[data-testid="groups-message"]'))).toBe('The group Sales team is created.');
    expect(rows().map((row) => textOf(row.querySelector('td')))).toEqual(['Direction', 'Finance', 'Sales team']);
  });

  it('renames a group in a dialog', async () => {
    await open();
    await click(page(), 'group-edit', 1);
    const dialog = query(page(), '[data-testid="group-edit-dialog"]');
    expect(query<HTMLInputElement>(dialog, '#group-name').value).toBe('Finance');
    typeInto(query<HTMLInputElement>(dialog, '#group-name'), 'Finance & payroll');
    await click(dialog, 'group-form-submit');
    const update = expectCall(http, 'PATCH', CatalogAdminRoutes.group(FINANCE.id));
    expect(update.request.body).toEqual({ name: 'Finance & payroll', description: 'Accounting and payroll' });
    update.flush({ ...FINANCE, name: 'Finance & payroll' });
    await stable();
    expect(rows().map((row) => textOf(row.querySelector('td')))).toContain('Finance & payroll');
  });

  it('deletes a group after confirming what its members lose', async () => {
    await open();
    await click(page(), 'group-delete', 1);
    const dialog = query(page(), '[data-testid="group-delete-confirm"]');
    expect(textOf(dialog)).toContain('Its 2 member(s) keep their accounts but lose the apps shown only to this group');
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    expectCall(http, 'DELETE', CatalogAdminRoutes.group(FINANCE.id)).flush(null);
    await stable();
    expect(rows().length).toBe(1);
    expect(textOf(query(page(), '[data-testid="groups-message"]'))).toBe('The group Finance is deleted.');
  });

  it('adds a member by email, picked from the suggestions, and updates the count', async () => {
    await open();
    const dialog = await openMembers(1);
    expect(textOf(query(dialog, '[data-testid="member"]'))).toContain('Marc Petit');

    typeInto(query<HTMLInputElement>(dialog, '[data-testid="person-picker-input"]'), 'Zo');
    const suggest = await nextCall(http, 'GET', AdminRoutes.users);
    expect(suggest.request.params.get('search')).toBe('Zo');
    suggest.flush(pageOf([adminUser({ id: 'u3', name: 'Zoé Blanc', email: 'Zoe@acme.test' })]));
    await stable();
    const option = query<HTMLOptionElement>(dialog, 'datalist option');
    expect(option.value).toBe('Zoe@acme.test');
    expect(textOf(option)).toBe('Zoé Blanc');

    typeInto(query<HTMLInputElement>(dialog, '[data-testid="person-picker-input"]'), 'zoe@acme.test');
    (await nextCall(http, 'GET', AdminRoutes.users)).flush(pageOf([adminUser({ id: 'u3', name: 'Zoé Blanc', email: 'Zoe@acme.test' })]));
    await stable();
    await click(dialog, 'person-picker-add');
    const add = await nextCall(http, 'POST', CatalogAdminRoutes.groupMembers(FINANCE.id));
    expect(add.request.body).toEqual({ userId: 'u3' });
    add.flush([groupMember(), groupMember({ id: 'u3', name: 'Zoé Blanc', email: 'Zoe@acme.test' })]);
    await stable();
    expect(dialog.querySelectorAll('[data-testid="member"]').length).toBe(2);
    expect(textOf(query(dialog, '[data-testid="members-message"]'))).toBe('Zoé Blanc is now in Finance.');
    expect(query<HTMLInputElement>(dialog, '[data-testid="person-picker-input"]').value).toBe('');
    expect(textOf(rows()[1].querySelectorAll('td')[2])).toBe('2');
  });

  it('refuses to add someone already in the group or without an account', async () => {
    await open();
    const dialog = await openMembers(1);
    typeInto(query<HTMLInputElement>(dialog, '[data-testid="person-picker-input"]'), 'marc@acme.test');
    (await nextCall(http, 'GET', AdminRoutes.users)).flush(pageOf([adminUser()]));
    await stable();
    await click(dialog, 'person-picker-add');
    await stable();
    expect(textOf(query(dialog, '[data-testid="person-picker-error"]'))).toBe('Marc Petit is already in the list.');

    typeInto(query<HTMLInputElement>(dialog, '[data-testid="person-picker-input"]'), 'nobody@acme.test');
    (await nextCall(http, 'GET', AdminRoutes.users)).flush(pageOf([]));
    await stable();
    await click(dialog, 'person-picker-add');
    (await nextCall(http, 'GET', AdminRoutes.users)).flush(pageOf([]));
    await stable();
    expect(textOf(query(dialog, '[data-testid="person-picker-error"]'))).toBe('Nobody has an account with the email nobody@acme.test.');
  });

  it('removes a member and updates the count', async () => {
    await open();
    const dialog = await openMembers(1, [groupMember(), groupMember({ id: 'u4', name: 'Léo Martin', email: 'leo@acme.test', status: 'disabled' })]);
    expect(textOf(dialog.querySelectorAll('[data-testid="member"]')[1])).toContain('Disabled');
    await click(dialog, 'member-remove', 0);
    expectCall(http, 'DELETE', CatalogAdminRoutes.groupMember(FINANCE.id, 'u2')).flush(null);
    await stable();
    expect(dialog.querySelectorAll('[data-testid="member"]').length).toBe(1);
    expect(textOf(query(dialog, '[data-testid="members-message"]'))).toBe('Marc Petit is no longer in Finance.');
    expect(textOf(rows()[1].querySelectorAll('td')[2])).toBe('1');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('member-remove');
  });
});
