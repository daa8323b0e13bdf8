import { randomBytes } from 'node:crypto';
import { AdminRoutes, CatalogAdminRoutes, type AppClient, type AppGrant, type AuditEventView, type CatalogApp, type CatalogOverview, type Page } from '@passerelle/contracts';
import { usePortal } from '../../support/test-portal';
import { Browser, type BrowserResponse, createPerson, type Person, registerApp, signInThroughInteraction } from '../../support/oidc-rp';
import { createCatalogApp, createGroup, createSection, createSsoApp } from '../../support/catalog';

/**
 * The console's catalog over HTTP: apps (tiles) created, edited and deleted with every rule checked,
 * individual grants, and administrators only.
 */
describe('Admin catalog API: apps and grants', () => {
  const portal = usePortal();
  let admin: Person;
  let browser: Browser;

  function expectError(response: BrowserResponse, status: number, code: string): void {
    expect(response.status).withContext(response.text).toBe(status);
    expect(response.json()).toEqual(jasmine.objectContaining({ statusCode: status, code, message: jasmine.any(String) }));
  }

  const send = (method: string, path: string, json?: unknown) => browser.request(path, { method, json });

  async function auditEvents(type: string, subject: string): Promise<AuditEventView[]> {
    const page = (await browser.get(`${AdminRoutes.audit}?event=${type}&actor=${encodeURIComponent(subject)}&pageSize=100`)).json() as Page<AuditEventView>;
    return page.items.filter((e) => e.event === type && e.subject === subject);
  }

  beforeAll(async () => {
    admin = await createPerson(portal.app, { name: 'Ada Admin', isAdmin: true });
    browser = new Browser(portal.url);
    const result = await signInThroughInteraction(browser, '/api/auth/sign-in', admin);
    expect(result.steps).toContain('done');
  });

  it('is for administrators only: 401 signed out, 403 for everyone else, and nothing changes', async () => {
    const before = (await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview;
    expectError(await new Browser(portal.url).get(CatalogAdminRoutes.catalog), 401, 'unauthorized');
    const person = await createPerson(portal.app);
    const other = new Browser(portal.url);
    await signInThroughInteraction(other, '/api/auth/sign-in', person);
    const app = await createCatalogApp(portal.app);
    for (const [method, path, json] of [
      ['GET', CatalogAdminRoutes.catalog],
      ['POST', CatalogAdminRoutes.apps, { name: 'Mine', launchUrl: 'https://mine.example.com/' }],
      ['PATCH', CatalogAdminRoutes.app(app.id), { visibility: 'everyone' }],
      ['DELETE', CatalogAdminRoutes.app(app.id)],
      ['PUT', CatalogAdminRoutes.appIcon(app.id), { url: 'https://icons.example.com/x.png' }],
      ['POST', CatalogAdminRoutes.appGrants(app.id), { userId: person.id }],
      ['POST', CatalogAdminRoutes.sections, { name: 'Mine' }],
      ['PUT', CatalogAdminRoutes.order, { sections: [] }],
      ['GET', CatalogAdminRoutes.groups],
      ['POST', CatalogAdminRoutes.groups, { name: 'Mine' }],
    ] as Array<[string, string, unknown?]>) {
      expectError(await other.request(path, { method, json }), 403, 'forbidden');
    }
    const after = (await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview;
    expect(after.sections).toEqual(before.sections);
    expect(after.apps.map((a) => a.id).sort()).toEqual([...before.apps.map((a) => a.id), app.id].sort());
    expect((await browser.get(CatalogAdminRoutes.appGrants(app.id))).json()).toEqual([]);
  });

  it('creates a plain-link tile with a section and groups, shows it in the catalog, and audits it', async () => {
    const section = await createSection(portal.app);
    const group = await createGroup(portal.app);
    const created = await browser.postJson(CatalogAdminRoutes.apps, {
      name: '  Comptabilité  ',
      description: ' Invoices and expenses ',
      launchUrl: 'https://compta.example.com/',
      initiateLoginUri: 'http://localhost:4400/login',
      sectionId: section.id,
      visibility: 'groups',
      groupIds: [group.id],
      healthUrl: 'https://compta.example.com/health',
      feedUrl: 'http://compta.example.com/news.rss',
      requestable: true,
    });
    expect(created.status).withContext(created.text).toBe(201);
    const app = created.json() as CatalogApp;
    expect(app).toEqual({
      id: jasmine.stringMatching(/^comptabilite-[a-z0-9]{6}$/),
      name: 'Comptabilité',
      description: 'Invoices and expenses',
      launchUrl: 'https://compta.example.com/',
      initiateLoginUri: 'http://localhost:4400/login',
      clientId: null,
      clientName: null,
      sectionId: section.id,
      visibility: 'groups',
      groupIds: [group.id],
      healthUrl: 'https://compta.example.com/health',
      health: jasmine.stringMatching(/^(unknown|down)$/),
      feedUrl: 'http://compta.example.com/news.rss',
      requestable: true,
      iconUrl: null,
      position: 0,
      grantCount: 0,
      createdAt: jasmine.any(String),
    });
    const overview = (await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview;
    expect(overview.sections).toContain({ id: section.id, name: section.name, position: section.position });
    // The status dot comes from the background probe (this host doesn't exist: unknown, then down).
    const withoutHealth = ({ health: _health, ...rest }: CatalogApp) => rest;
    expect(withoutHealth(overview.apps.find((a) => a.id === app.id) as CatalogApp)).toEqual(withoutHealth(app));
    expect(withoutHealth((await browser.get(CatalogAdminRoutes.app(app.id))).json())).toEqual(withoutHealth(app));
    const [event] = await auditEvents('catalog.app_created', app.id);
    expect(event).toEqual(jasmine.objectContaining({ actor: admin.id, outcome: 'success' }));
    expect(event.details).toEqual(jasmine.objectContaining({ visibility: 'groups', groupIds: group.id }));

    // A second app in the same section comes after it.
    const second = (await browser.postJson(CatalogAdminRoutes.apps, { name: 'Second', launchUrl: 'https://second.example.com/', sectionId: section.id })).json() as CatalogApp;
    expect(second.position).toBe(1);
    expect(second.visibility).withContext('apps are shown to nobody until told otherwise').toBe('groups');
  });

  it('refuses bad fields with a message for each, and writes nothing', async () => {
    const count = async () => ((await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview).apps.length;
    const before = await count();
    const bad = await browser.postJson(CatalogAdminRoutes.apps, {
      name: '   ',
      description: 'x'.repeat(201),
      launchUrl: 'http://wiki.example.com/',
      initiateLoginUri: 'javascript:alert(1)',
      healthUrl: 'ftp://wiki.example.com/health',
      visibility: 'friends',
    });
    expectError(bad, 400, 'validation_failed');
    // The DTO reports shapes first (description too long, unknown visibility) …
    expect(Object.keys(bad.json().fields).sort()).toEqual(['description', 'visibility']);
    // … then the rules: trimmed name, URLs.
    const rules = await browser.postJson(CatalogAdminRoutes.apps, { name: '   ', launchUrl: 'http://wiki.example.com/', initiateLoginUri: 'javascript:alert(1)', healthUrl: 'ftp://x.example.com/' });
    expectError(rules, 400, 'validation_failed');
    expect(rules.json().fields).toEqual({
      name: ['Enter a name of 1 to 80 characters.'],
      launchUrl: ['Use https:// (http:// is only accepted for localhost).'],
      initiateLoginUri: [jasmine.stringMatching(/full URL/)],
      healthUrl: [jasmine.stringMatching(/full URL/)],
    });
    const missing = await browser.postJson(CatalogAdminRoutes.apps, { name: 'No URL' });
    expectError(missing, 400, 'validation_failed');
    expect(Object.keys(missing.json().fields)).toEqual(['launchUrl']);
    const unknownField = await browser.postJson(CatalogAdminRoutes.apps, { name: 'X', launchUrl: 'https://x.example.com/', colour: 'red' });
    expectError(unknownField, 400, 'validation_failed');
    expect(unknownField.json().fields).toEqual({ colour: ['colour is not an accepted field'] });

    const unknownIds = await browser.postJson(CatalogAdminRoutes.apps, {
      name: 'Ghost',
      launchUrl: 'https://ghost.example.com/',
      clientId: 'no-such-client',
      sectionId: 'no-such-section',
      groupIds: ['no-such-group'],
    });
    expectError(unknownIds, 400, 'validation_failed');
    expect(unknownIds.json().fields).toEqual({
      clientId: ['No OIDC client has the id "no-such-client".'],
      sectionId: ['There is no such section.'],
      groupIds: ['No group has the id "no-such-group".'],
    });
    expect(await count()).toBe(before);
  });

  it('links an existing OIDC client once: a second tile for it is refused; its login URL comes from the client when unset', async () => {
    const client = await registerApp(portal.app, { redirectUris: ['https://crm.example.com/cb'], initiateLoginUri: 'https://crm.example.com/oidc/login' });
    const linked = await browser.postJson(CatalogAdminRoutes.apps, { name: 'CRM', launchUrl: 'https://crm.example.com/', clientId: client.clientId });
    expect(linked.status).withContext(linked.text).toBe(201);
    const app = linked.json() as CatalogApp;
    expect(app).toEqual(jasmine.objectContaining({ clientId: client.clientId, clientName: client.name, initiateLoginUri: 'https://crm.example.com/oidc/login' }));
    expect(app.id).not.toBe(client.clientId);

    const twice = await browser.postJson(CatalogAdminRoutes.apps, { name: 'CRM again', launchUrl: 'https://crm.example.com/', clientId: client.clientId });
    expectError(twice, 409, 'conflict');
    expect(twice.json().fields.clientId[0]).toContain('"CRM"');
    const other = await createCatalogApp(portal.app);
    const relink = await send('PATCH', CatalogAdminRoutes.app(other.id), { clientId: client.clientId });
    expectError(relink, 409, 'conflict');
    expect(((await browser.get(CatalogAdminRoutes.app(other.id))).json() as CatalogApp).clientId).toBeNull();

    // The tile's own login URL wins over the client's.
    const own = await send('PATCH', CatalogAdminRoutes.app(app.id), { initiateLoginUri: 'http://127.0.0.1:4500/login' });
    expect((own.json() as CatalogApp).initiateLoginUri).toBe('http://127.0.0.1:4500/login');
    const back = await send('PATCH', CatalogAdminRoutes.app(app.id), { initiateLoginUri: null });
    expect((back.json() as CatalogApp).initiateLoginUri).toBe('https://crm.example.com/oidc/login');

    // Deleting a tile linked to a client it was not created with leaves the client.
    expect((await send('DELETE', CatalogAdminRoutes.app(app.id))).status).toBe(204);
    expect((await browser.get(AdminRoutes.app(client.clientId))).status).toBe(200);
    expectError(await browser.get(CatalogAdminRoutes.app(app.id)), 404, 'not_found');
  });

  it('edits an app: only the fields given change; visibility and group changes are audited', async () => {
    const [a, b] = [await createGroup(portal.app), await createGroup(portal.app)];
    const app = await createCatalogApp(portal.app, { name: 'Files', description: 'Shared files', visibility: 'groups', groupIds: [a.id] });
    const section = await createSection(portal.app);
    const patched = await send('PATCH', CatalogAdminRoutes.app(app.id), { visibility: 'everyone', groupIds: [b.id, a.id, b.id], sectionId: section.id, healthUrl: null });
    expect(patched.status).withContext(patched.text).toBe(200);
    expect(patched.json()).toEqual({ ...app, visibility: 'everyone', groupIds: [a.id, b.id].sort(), sectionId: section.id, position: 0 });
    const [event] = await auditEvents('catalog.app_updated', app.id);
    expect(event.details).toEqual(jasmine.objectContaining({ visibility: 'everyone', previousVisibility: 'groups', groupIds: [b.id, a.id].join(',') }));
    expect(String(event.details['changed']).split(',').sort()).toEqual(['groupIds', 'sectionId', 'visibility']);

    const bad = await send('PATCH', CatalogAdminRoutes.app(app.id), { name: '', launchUrl: 'not a url' });
    expectError(bad, 400, 'validation_failed');
    expect(Object.keys(bad.json().fields).sort()).toEqual(['launchUrl', 'name']);
    expectError(await send('PATCH', CatalogAdminRoutes.app(app.id), { launchUrl: null }), 400, 'validation_failed');
    expectError(await send('PATCH', CatalogAdminRoutes.app(app.id), { groupIds: ['nope'] }), 400, 'validation_failed');
    expectError(await send('PATCH', CatalogAdminRoutes.app('no-such-app'), { name: 'X' }), 404, 'not_found');
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).name).toBe('Files');
  });

  it('deletes an app created with its OIDC client together with the client and its tokens', async () => {
    const { app, client } = await createSsoApp(portal.app, { sso: { redirectUris: ['https://wiki.example.com/cb'] } });
    expect(app.id).toBe(client.clientId);
    expect(app.clientId).toBe(client.clientId);
    expect((await browser.get(AdminRoutes.app(client.clientId))).status).toBe(200);
    expect((await send('DELETE', CatalogAdminRoutes.app(app.id))).status).toBe(204);
    expectError(await browser.get(AdminRoutes.app(client.clientId)), 404, 'not_found');
    expect(((await browser.get(AdminRoutes.apps)).json() as AppClient[]).some((c) => c.clientId === client.clientId)).toBeFalse();
    const [deleted] = await auditEvents('catalog.app_deleted', app.id);
    expect(deleted.details).toEqual(jasmine.objectContaining({ clientDeleted: true }));
    expect((await auditEvents('app.deleted', client.clientId)).length).toBe(1);
    expectError(await send('DELETE', CatalogAdminRoutes.app(app.id)), 404, 'not_found');
  });

  it('gives an app to people one by one and takes it back, audited', async () => {
    const app = await createCatalogApp(portal.app, { visibility: 'rules' });
    const person = await createPerson(portal.app, { name: 'Zoé Grant' });
    const granted = await browser.postJson(CatalogAdminRoutes.appGrants(app.id), { userId: person.id });
    expect(granted.status).withContext(granted.text).toBe(201);
    expect(granted.json()).toEqual({ userId: person.id, email: person.email, name: 'Zoé Grant', guest: false, grantedAt: jasmine.any(String), grantedBy: admin.id });
    // Twice is harmless (and audited once).
    expect((await browser.postJson(CatalogAdminRoutes.appGrants(app.id), { userId: person.id })).status).toBe(201);
    expect(((await browser.get(CatalogAdminRoutes.appGrants(app.id))).json() as AppGrant[]).map((g) => g.userId)).toEqual([person.id]);
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).grantCount).toBe(1);
    expect((await auditEvents('catalog.grant_added', person.id)).length).toBe(1);

    expectError(await browser.postJson(CatalogAdminRoutes.appGrants(app.id), { userId: 'nobody' }), 400, 'validation_failed');
    expectError(await browser.postJson(CatalogAdminRoutes.appGrants('no-such-app'), { userId: person.id }), 404, 'not_found');
    expectError(await browser.postJson(CatalogAdminRoutes.appGrants(app.id), {}), 400, 'validation_failed');

    expect((await send('DELETE', CatalogAdminRoutes.appGrant(app.id, person.id))).status).toBe(204);
    expect((await browser.get(CatalogAdminRoutes.appGrants(app.id))).json()).toEqual([]);
    expect((await auditEvents('catalog.grant_removed', person.id)).length).toBe(1);
    expectError(await send('DELETE', CatalogAdminRoutes.appGrant(app.id, person.id)), 404, 'not_found');
  });

  it('creates sections, refuses a duplicate name in any case, renames and deletes one (its apps stay, unsectioned)', async () => {
    const name = `Finance ${randomBytes(2).toString('hex')}`;
    const created = await browser.postJson(CatalogAdminRoutes.sections, { name: `  ${name} ` });
    expect(created.status).withContext(created.text).toBe(201);
    const section = created.json();
    expect(section).toEqual({ id: jasmine.any(String), name, position: jasmine.any(Number) });
    expectError(await browser.postJson(CatalogAdminRoutes.sections, { name: name.toUpperCase() }), 409, 'conflict');
    const empty = await browser.postJson(CatalogAdminRoutes.sections, { name: ' ' });
    expectError(empty, 400, 'validation_failed');
    expect(Object.keys(empty.json().fields)).toEqual(['name']);
    expectError(await browser.postJson(CatalogAdminRoutes.sections, { name: 'x'.repeat(61) }), 400, 'validation_failed');

    const renamed = await send('PATCH', CatalogAdminRoutes.section(section.id), { name: `${name} & Co` });
    expect(renamed.json()).toEqual({ ...section, name: `${name} & Co` });
    const app = await createCatalogApp(portal.app, { sectionId: section.id });
    expect((await send('DELETE', CatalogAdminRoutes.section(section.id))).status).toBe(204);
    const overview = (await browser.get(CatalogAdminRoutes.catalog)).json() as CatalogOverview;
    expect(overview.sections.some((s) => s.id === section.id)).toBeFalse();
    expect(overview.apps.find((a) => a.id === app.id)?.sectionId).toBeNull();
    expectError(await send('DELETE', CatalogAdminRoutes.section(section.id)), 404, 'not_found');
  });
});
