import { randomBytes } from 'node:crypto';
import { AdminRoutes, CatalogAdminRoutes, type AdminUser, type AuditEventView, type CatalogApp, type GroupMember, type GroupView, type Page } from '@passerelle/contracts';
import { usePortal } from '../../support/test-portal';
import { Browser, type BrowserResponse, createPerson, type Person, signInThroughInteraction } from '../../support/oidc-rp';
import { createCatalogApp, createGroup } from '../../support/catalog';

/** Groups and their members, and editing a person (name, email, role, groups), over HTTP. */
describe('Admin API: groups, members and editing people', () => {
  const portal = usePortal();
  let admin: Person;
  let browser: Browser;

  const send = (method: string, path: string, json?: unknown) => browser.request(path, { method, json });
  const unique = (prefix: string) => `${prefix} ${randomBytes(3).toString('hex')}`;

  function expectError(response: BrowserResponse, status: number, code: string, fields?: string[]): void {
    expect(response.status).withContext(response.text).toBe(status);
    expect(response.json()).toEqual(jasmine.objectContaining({ statusCode: status, code, message: jasmine.any(String) }));
    if (fields) expect(Object.keys(response.json().fields ?? {}).sort()).toEqual(fields.sort());
  }

  async function audit(type: string, subject: string): Promise<AuditEventView[]> {
    const page = (await browser.get(`${AdminRoutes.audit}?event=${type}&actor=${encodeURIComponent(subject)}&pageSize=100`)).json() as Page<AuditEventView>;
    return page.items.filter((e) => e.event === type && e.subject === subject);
  }

  beforeAll(async () => {
    admin = await createPerson(portal.app, { name: 'Ada Admin', isAdmin: true });
    browser = new Browser(portal.url);
    await signInThroughInteraction(browser, '/api/auth/sign-in', admin);
  });

  it('creates, lists, renames and deletes groups; names are unique whatever their case', async () => {
    const name = unique('Finance');
    const created = await browser.postJson(CatalogAdminRoutes.groups, { name: ` ${name} `, description: 'Money people' });
    expect(created.status).withContext(created.text).toBe(201);
    const group = created.json() as GroupView;
    expect(group).toEqual({ id: jasmine.any(String), name, description: 'Money people', memberCount: 0, createdAt: jasmine.any(String) });
    expect(((await browser.get(CatalogAdminRoutes.groups)).json() as GroupView[]).find((g) => g.id === group.id)).toEqual(group);
    expect((await audit('group.created', group.id)).length).toBe(1);

    expectError(await browser.postJson(CatalogAdminRoutes.groups, { name: name.toUpperCase() }), 409, 'conflict', ['name']);
    expectError(await browser.postJson(CatalogAdminRoutes.groups, { name: '  ' }), 400, 'validation_failed', ['name']);
    expectError(await browser.postJson(CatalogAdminRoutes.groups, { name: 'x'.repeat(81) }), 400, 'validation_failed', ['name']);
    expectError(await browser.postJson(CatalogAdminRoutes.groups, { name: 'Ok', description: 'x'.repeat(301) }), 400, 'validation_failed', ['description']);
    expectError(await browser.postJson(CatalogAdminRoutes.groups, {}), 400, 'validation_failed', ['name']);

    const other = await createGroup(portal.app);
    expectError(await send('PATCH', CatalogAdminRoutes.group(other.id), { name: name.toLowerCase() }), 409, 'conflict', ['name']);
    const renamed = await send('PATCH', CatalogAdminRoutes.group(group.id), { name: `${name} & Co` });
    expect(renamed.status).withContext(renamed.text).toBe(200);
    expect((renamed.json() as GroupView).name).toBe(`${name} & Co`);
    // Changing only the case of its own name is fine.
    expect((await send('PATCH', CatalogAdminRoutes.group(group.id), { name: `${name} & CO` })).status).toBe(200);
    const [event] = await audit('group.updated', group.id);
    expect(event.details).toEqual(jasmine.objectContaining({ name: `${name} & CO`, previousName: `${name} & Co` }));

    const member = await createPerson(portal.app);
    await send('PUT', CatalogAdminRoutes.groupMembers(group.id), { userIds: [member.id] });
    const app = await createCatalogApp(portal.app, { visibility: 'groups', groupIds: [group.id, other.id] });
    expect((await send('DELETE', CatalogAdminRoutes.group(group.id))).status).toBe(204);
    expectError(await browser.get(CatalogAdminRoutes.group(group.id)), 404, 'not_found');
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).groupIds).toEqual([other.id]);
    expect(((await browser.get(AdminRoutes.user(member.id))).json() as AdminUser).groups).toEqual([]);
    expect((await audit('group.deleted', group.id))[0].details).toEqual(jasmine.objectContaining({ members: 1 }));
    expectError(await send('DELETE', CatalogAdminRoutes.group(group.id)), 404, 'not_found');
  });

  it('puts a new person in the existing group whatever the case they typed, accents too, never a near-duplicate group', async () => {
    const name = unique('Équipe Design');
    const group = (await browser.postJson(CatalogAdminRoutes.groups, { name })).json() as GroupView;
    const email = `${unique('p').replace(' ', '-').toLowerCase()}@example.com`;
    const created = await browser.postJson(AdminRoutes.users, { email, name: 'Case Person', groups: [name.toLowerCase(), name.toUpperCase()] });
    expect(created.status).withContext(created.text).toBe(201);
    expect((created.json() as { user: AdminUser }).user.groups).toEqual([name]);
    const groups = (await browser.get(CatalogAdminRoutes.groups)).json() as GroupView[];
    expect(groups.filter((g) => g.name.toLowerCase() === name.toLowerCase())).toEqual([jasmine.objectContaining({ id: group.id, memberCount: 1 })]);

    const person = (created.json() as { user: AdminUser }).user;
    const edited = await send('PATCH', AdminRoutes.user(person.id), { groups: [name.toUpperCase()] });
    expect(edited.status).withContext(edited.text).toBe(200);
    expectError(await browser.postJson(CatalogAdminRoutes.groups, { name: name.toLowerCase() }), 409, 'conflict', ['name']);
  });

  it('adds, replaces and removes members; every change is audited per person and shows in the groups claim', async () => {
    const group = await createGroup(portal.app, { name: unique('Design') });
    const [ana, bob, cyd] = [await createPerson(portal.app, { name: 'Ana' }), await createPerson(portal.app, { name: 'Bob' }), await createPerson(portal.app, { name: 'Cyd' })];
    const added = await browser.postJson(CatalogAdminRoutes.groupMembers(group.id), { userId: ana.id });
    expect(added.status).withContext(added.text).toBe(201);
    expect((added.json() as GroupMember[]).map((m) => m.id)).toEqual([ana.id]);
    // Adding again changes nothing.
    await browser.postJson(CatalogAdminRoutes.groupMembers(group.id), { userId: ana.id });
    expect((await audit('group.member_added', ana.id)).length).toBe(1);

    const replaced = await send('PUT', CatalogAdminRoutes.groupMembers(group.id), { userIds: [cyd.id, bob.id, bob.id] });
    expect(replaced.status).withContext(replaced.text).toBe(200);
    expect(replaced.json()).toEqual([
      { id: bob.id, email: bob.email, name: 'Bob', status: 'active' },
      { id: cyd.id, email: cyd.email, name: 'Cyd', status: 'active' },
    ]);
    expect((await audit('group.member_removed', ana.id)).length).toBe(1);
    expect((await audit('group.member_added', bob.id))[0].details).toEqual(jasmine.objectContaining({ groupId: group.id, group: group.name }));
    expect(((await browser.get(CatalogAdminRoutes.group(group.id))).json() as GroupView).memberCount).toBe(2);

    // A member's next sign-in carries the group.
    const bobBrowser = new Browser(portal.url);
    await signInThroughInteraction(bobBrowser, '/api/auth/sign-in', bob);
    expect((await bobBrowser.get('/api/auth/me')).json().groups).toContain(group.name);

    // Unknown people: nothing changes.
    expectError(await send('PUT', CatalogAdminRoutes.groupMembers(group.id), { userIds: [ana.id, 'ghost'] }), 400, 'validation_failed', ['userIds']);
    expectError(await browser.postJson(CatalogAdminRoutes.groupMembers(group.id), { userId: 'ghost' }), 400, 'validation_failed', ['userIds']);
    expectError(await send('PUT', CatalogAdminRoutes.groupMembers(group.id), { userIds: 'everyone' }), 400, 'validation_failed', ['userIds']);
    expectError(await send('PUT', CatalogAdminRoutes.groupMembers('no-such-group'), { userIds: [] }), 404, 'not_found');
    expect(((await browser.get(CatalogAdminRoutes.groupMembers(group.id))).json() as GroupMember[]).map((m) => m.name)).toEqual(['Bob', 'Cyd']);

    expect((await send('DELETE', CatalogAdminRoutes.groupMember(group.id, bob.id))).status).toBe(204);
    expectError(await send('DELETE', CatalogAdminRoutes.groupMember(group.id, bob.id)), 404, 'not_found');
    expect(((await browser.get(CatalogAdminRoutes.groupMembers(group.id))).json() as GroupMember[]).map((m) => m.name)).toEqual(['Cyd']);
    expect((await send('PUT', CatalogAdminRoutes.groupMembers(group.id), { userIds: [] })).json()).toEqual([]);
  });

  it('edits a person: name, email, administrator role and groups by name — audited', async () => {
    const [sales, it] = [await createGroup(portal.app, { name: unique('Sales') }), await createGroup(portal.app, { name: unique('IT') })];
    const person = await createPerson(portal.app, { name: 'Paul Petit', groups: [sales.name] });
    const email = `paul-${randomBytes(3).toString('hex')}@acme.test`;
    const response = await send('PATCH', AdminRoutes.user(person.id), { name: ' Paul Grand ', email: ` ${email.toUpperCase()} `, isAdmin: true, groups: [it.name.toLowerCase()] });
    expect(response.status).withContext(response.text).toBe(200);
    expect(response.json()).toEqual(jasmine.objectContaining({ id: person.id, name: 'Paul Grand', email, isAdmin: true, groups: [it.name] }));
    const [event] = await audit('user.updated', person.id);
    expect(event).toEqual(jasmine.objectContaining({ actor: admin.id }));
    expect(event.details).toEqual(jasmine.objectContaining({ previousEmail: person.email, admin: true, groupsAdded: it.name, groupsRemoved: sales.name }));
    expect(String(event.details['changed']).split(',').sort()).toEqual(['email', 'groups', 'isAdmin', 'name']);

    // Only what is given changes; an empty list leaves every group.
    const only = await send('PATCH', AdminRoutes.user(person.id), { groups: [] });
    expect(only.json()).toEqual(jasmine.objectContaining({ name: 'Paul Grand', email, isAdmin: true, groups: [] }));
    const demoted = await send('PATCH', AdminRoutes.user(person.id), { isAdmin: false });
    expect((demoted.json() as AdminUser).isAdmin).toBeFalse();
    // The new email signs in.
    const signedIn = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', { email, password: person.password });
    expect(signedIn.steps).toContain('done');
  });

  it('refuses a taken email, unknown groups, bad fields, and removing one\u2019s own administrator role', async () => {
    const person = await createPerson(portal.app, { name: 'Rita' });
    const other = await createPerson(portal.app);
    const taken = await send('PATCH', AdminRoutes.user(person.id), { email: other.email.toUpperCase(), name: 'Changed' });
    expectError(taken, 409, 'email_taken', ['email']);
    expect(taken.json().fields.email).toEqual(['Another account already has this email address.']);
    const unknownGroup = await send('PATCH', AdminRoutes.user(person.id), { groups: ['No such group'] });
    expectError(unknownGroup, 400, 'validation_failed', ['groups']);
    expect(unknownGroup.json().fields.groups[0]).toContain('"No such group"');
    expectError(await send('PATCH', AdminRoutes.user(person.id), { email: 'nope' }), 400, 'validation_failed', ['email']);
    expectError(await send('PATCH', AdminRoutes.user(person.id), { name: '  ' }), 400, 'validation_failed', ['name']);
    expectError(await send('PATCH', AdminRoutes.user(person.id), { isAdmin: 'yes' }), 400, 'validation_failed', ['isAdmin']);
    expectError(await send('PATCH', AdminRoutes.user(person.id), { status: 'disabled' }), 400, 'validation_failed', ['status']);
    expectError(await send('PATCH', AdminRoutes.user('no-such-user'), { name: 'X' }), 404, 'not_found');
    expect(((await browser.get(AdminRoutes.user(person.id))).json() as AdminUser).name).toBe('Rita');

    const self = await send('PATCH', AdminRoutes.user(admin.id), { isAdmin: false });
    expectError(self, 409, 'conflict', ['isAdmin']);
    expect(((await browser.get(AdminRoutes.user(admin.id))).json() as AdminUser).isAdmin).toBeTrue();
    // Renaming oneself is fine.
    expect((await send('PATCH', AdminRoutes.user(admin.id), { name: 'Ada Lovelace', isAdmin: true })).status).toBe(200);

    const stranger = new Browser(portal.url);
    await signInThroughInteraction(stranger, '/api/auth/sign-in', other);
    expectError(await stranger.request(AdminRoutes.user(other.id), { method: 'PATCH', json: { isAdmin: true } }), 403, 'forbidden');
    expect(((await browser.get(AdminRoutes.user(other.id))).json() as AdminUser).isAdmin).toBeFalse();
  });
});
