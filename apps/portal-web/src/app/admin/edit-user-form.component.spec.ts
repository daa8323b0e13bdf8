import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes, type AdminUser, CatalogAdminRoutes } from '@passerelle/contracts';
import { adminUser, currentUser, expectCall, flushError, pageOf, provideSessionStub, sessionStub, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from './search-debounce';
import { group } from './testing/catalog-fixtures';
import { nextCall } from './testing/next-call';
import { UsersPageComponent } from './users-page.component';

// The administrator signed in is Léa (u1); Marc (u2) is someone else.
const LEA = adminUser({ id: 'u1', name: 'Léa Roux', email: 'lea@acme.test', isAdmin: true, groups: ['Direction'] });
const MARC = adminUser({ groups: ['Finance', 'Old team'] });
const NINA = adminUser({ id: 'g1', name: 'Nina Weber', email: 'nina@studio.test', kind: 'guest', accessEndsAt: new Date(2027, 2, 31, 23, 59, 59, 999).toISOString() });

describe('UsersPageComponent: editing a person', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let session: ReturnType<typeof sessionStub>;

  beforeEach(async () => {
    session = sessionStub(currentUser({ id: 'u1' }));
    TestBed.configureTestingModule({ providers: [provideSessionStub(session), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([{ path: 'admin/users', component: UsersPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const row = (index: number) => page().querySelectorAll<HTMLElement>('[data-testid="user-row"]')[index];

  async function open(): Promise<void> {
    await harness.navigateByUrl('/admin/users');
    expectCall(http, 'GET', AdminRoutes.users).flush(pageOf([LEA, MARC]));
    await stable();
  }

  async function edit(index: number): Promise<HTMLElement> {
    query<HTMLButtonElement>(row(index), '[data-testid="user-edit"]').click();
    harness.fixture.detectChanges();
    (await nextCall(http, 'GET', CatalogAdminRoutes.groups)).flush([group(), group({ id: 'g-dir', name: 'Direction' })]);
    await stable();
    return query<HTMLElement>(page(), '[data-testid="user-edit-dialog"]');
  }

  it('offers no “Disable” on the administrator’s own row', async () => {
    await open();
    expect(row(0).querySelector('[data-testid="user-self"]')).not.toBeNull();
    expect(row(0).querySelector('[data-testid="user-disable"]')).toBeNull();
    expect(row(1).querySelector('[data-testid="user-disable"]')).not.toBeNull();
  });

  it('edits name, email, administrator and groups (ticked from the groups list) with PATCH', async () => {
    await open();
    const dialog = await edit(1);
    expect(query<HTMLInputElement>(dialog, '#edit-user-name').value).toBe('Marc Petit');
    const groupBoxes = Array.from(dialog.querySelectorAll<HTMLInputElement>('[data-testid^="edit-user-group-"]'));
    expect(groupBoxes.map((box) => [box.dataset['testid'], box.checked])).toEqual([
      ['edit-user-group-Direction', false],
      ['edit-user-group-Finance', true],
      // Not in the list (any more), but the person is in it: shown, so it isn't dropped silently.
      ['edit-user-group-Old team', true],
    ]);
    typeInto(query<HTMLInputElement>(dialog, '#edit-user-name'), ' Marc A. Petit ');
    typeInto(query<HTMLInputElement>(dialog, '#edit-user-email'), 'marc.petit@acme.test');
    query<HTMLInputElement>(dialog, '[data-testid="edit-user-admin"]').click();
    query<HTMLInputElement>(dialog, '[data-testid="edit-user-group-Direction"]').click();
    query<HTMLInputElement>(dialog, '[data-testid="edit-user-group-Old team"]').click();
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(patch.request.body).toEqual({ name: 'Marc A. Petit', email: 'marc.petit@acme.test', isAdmin: true, groups: ['Direction', 'Finance'], permissions: [] });
    const updated: AdminUser = { ...MARC, name: 'Marc A. Petit', email: 'marc.petit@acme.test', isAdmin: true, groups: ['Direction', 'Finance'] };
    patch.flush(updated);
    await stable();
    expect((dialog as unknown as HTMLDialogElement).open).toBeFalse();
    expect(textOf(row(1))).toContain('marc.petit@acme.test');
    expect(textOf(query(page(), '[data-testid="users-message"]'))).toBe('Changes to Marc A. Petit are saved.');
  });

  it('shows a taken email next to the email field', async () => {
    await open();
    const dialog = await edit(1);
    typeInto(query<HTMLInputElement>(dialog, '#edit-user-email'), 'lea@acme.test');
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    flushError(expectCall(http, 'PATCH', AdminRoutes.user('u2')), 409, 'email_taken', { email: ['Another account already has this email address.'] });
    await stable();
    expect(textOf(dialog.querySelector('#edit-user-email-error'))).toBe('Another account already has this email address.');
    expect(document.activeElement?.id).toBe('edit-user-email');
  });

  it('keeps the administrator’s own administrator rights out of reach, and refreshes their header name', async () => {
    await open();
    const dialog = await edit(0);
    const admin = query<HTMLInputElement>(dialog, '[data-testid="edit-user-admin"]');
    expect(admin.checked).toBeTrue();
    expect(admin.disabled).toBeTrue();
    expect(textOf(dialog)).toContain('You can’t remove your own administrator rights');
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('u1'));
    expect(patch.request.body).toEqual({ name: 'Léa Roux', email: 'lea@acme.test', groups: ['Direction'], permissions: [] });
    patch.flush(LEA);
    await stable();
    expect(session.load).toHaveBeenCalledWith({ refresh: true });
  });

  it('gives or takes the “May invite guests (sponsor)” permission', async () => {
    await open();
    const dialog = await edit(1);
    const sponsor = query<HTMLInputElement>(dialog, '[data-testid="edit-user-sponsor"]');
    expect(sponsor.checked).toBeFalse();
    expect(textOf(sponsor.closest('label'))).toContain('May invite guests (sponsor)');
    sponsor.click();
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(patch.request.body.permissions).toEqual(['sponsor']);
    patch.flush({ ...MARC, permissions: ['sponsor'] });
    await stable();

    const again = await edit(1);
    const box = query<HTMLInputElement>(again, '[data-testid="edit-user-sponsor"]');
    expect(box.checked).toBeTrue();
    box.click();
    query<HTMLButtonElement>(again, '[data-testid="edit-user-submit"]').click();
    await tick();
    const second = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(second.request.body.permissions).toEqual([]);
    flushError(second, 400, 'validation_failed', { permissions: ['Permissions are a list of: sponsor.'] });
    await stable();
    expect(textOf(again)).toContain('Permissions are a list of: sponsor.');
  });

  it('gives or takes the “May publish announcements (communication)” permission, keeping the others', async () => {
    await open();
    const dialog = await edit(1);
    const communication = query<HTMLInputElement>(dialog, '[data-testid="edit-user-communication"]');
    expect(communication.checked).toBeFalse();
    expect(textOf(communication.closest('label'))).toContain('May publish announcements (communication)');
    query<HTMLInputElement>(dialog, '[data-testid="edit-user-sponsor"]').click();
    communication.click();
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(patch.request.body.permissions).toEqual(['sponsor', 'communication']);
    patch.flush({ ...MARC, permissions: ['sponsor', 'communication'] });
    await stable();

    const again = await edit(1);
    const box = query<HTMLInputElement>(again, '[data-testid="edit-user-communication"]');
    expect(box.checked).toBeTrue();
    box.click();
    query<HTMLButtonElement>(again, '[data-testid="edit-user-submit"]').click();
    await tick();
    const second = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(second.request.body.permissions).toEqual(['sponsor']);
    second.flush({ ...MARC, permissions: ['sponsor'] });
    await stable();
  });

  it('gives or takes the “Works the support queue (support)” permission, keeping the others', async () => {
    await open();
    const dialog = await edit(1);
    const support = query<HTMLInputElement>(dialog, '[data-testid="edit-user-support"]');
    expect(support.checked).toBeFalse();
    expect(textOf(support.closest('label'))).toContain('Works the support queue (support)');
    support.click();
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(patch.request.body.permissions).toEqual(['support']);
    patch.flush({ ...MARC, permissions: ['support'] });
    await stable();

    const again = await edit(1);
    const box = query<HTMLInputElement>(again, '[data-testid="edit-user-support"]');
    expect(box.checked).toBeTrue();
    query<HTMLInputElement>(again, '[data-testid="edit-user-communication"]').click();
    box.click();
    query<HTMLButtonElement>(again, '[data-testid="edit-user-submit"]').click();
    await tick();
    const second = expectCall(http, 'PATCH', AdminRoutes.user('u2'));
    expect(second.request.body.permissions).toEqual(['communication']);
    second.flush({ ...MARC, permissions: ['communication'] });
    await stable();
  });

  it('marks guests in the list; a guest has no administrator, permission or groups, only their end date', async () => {
    await harness.navigateByUrl('/admin/users');
    expectCall(http, 'GET', AdminRoutes.users).flush(pageOf([LEA, MARC, NINA]));
    await stable();
    expect(textOf(query(row(2), '[data-testid="user-guest"]'))).toBe('Guest');
    expect(row(1).querySelector('[data-testid="user-guest"]')).toBeNull();

    query<HTMLButtonElement>(row(2), '[data-testid="user-edit"]').click();
    harness.fixture.detectChanges();
    await stable();
    const dialog = query<HTMLElement>(page(), '[data-testid="user-edit-dialog"]');
    expect(dialog.querySelector('[data-testid="edit-user-admin"]')).toBeNull();
    expect(dialog.querySelector('[data-testid="edit-user-sponsor"]')).toBeNull();
    expect(dialog.querySelector('[data-testid="edit-user-communication"]')).toBeNull();
    expect(dialog.querySelector('[data-testid="edit-user-support"]')).toBeNull();
    expect(dialog.querySelector('[data-testid="edit-user-groups"]')).toBeNull();
    expect(textOf(query(dialog, '[data-testid="edit-user-guest"]'))).toContain('Guest — ends 31 March 2027');
    expect(query(dialog, '[data-testid="edit-user-guest-link"]').getAttribute('href')).toBe('/admin/guests/g1');
    typeInto(query<HTMLInputElement>(dialog, '#edit-user-name'), 'Nina A. Weber');
    query<HTMLButtonElement>(dialog, '[data-testid="edit-user-submit"]').click();
    await tick();
    const patch = expectCall(http, 'PATCH', AdminRoutes.user('g1'));
    expect(patch.request.body).toEqual({ name: 'Nina A. Weber', email: 'nina@studio.test' });
    patch.flush({ ...NINA, name: 'Nina A. Weber' });
    await stable();
  });
});
