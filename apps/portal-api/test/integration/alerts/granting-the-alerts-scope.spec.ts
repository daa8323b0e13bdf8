import * as client from 'openid-client';
import { AdminRoutes, AlertRoutes, type AppClient } from '@passerelle/contracts';
import { OidcClientEntity } from '../../../src/app/identity/entities/oidc-client.entity';
import { signedInBrowser } from '../../support/catalog-rows';
import { adminBrowser, auditOf, tokenErrorOf } from '../../support/guests';
import { authorizationRequest, Browser, createPerson, discoverAs, redeem, registerApp, signInThroughInteraction, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * An administrator grants `alerts:write` to an app registered without it, and takes it away again:
 * PATCH /api/admin/apps/:clientId replaces the app's API scopes (audited), and a token minted
 * before a removal can't post once the scope is gone.
 */
describe('Granting and removing an app’s alerts:write scope (PATCH /api/admin/apps/:clientId)', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8791/callback';
  let admin: Browser;
  let adminPerson: Person;

  beforeAll(async () => {
    ({ browser: admin, person: adminPerson } = await adminBrowser(portal));
  });

  const patch = (browser: Browser, clientId: string, json: unknown) => browser.request(AdminRoutes.app(clientId), { method: 'PATCH', json });

  /** POST /api/alerts with a bearer token, to the administrator (an employee: any app may reach them). */
  async function postAlert(token: string, title = 'Sauvegarde nocturne échouée'): Promise<{ status: number; body: { code?: string; status?: string } }> {
    const response = await fetch(portal.at(AlertRoutes.alerts), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ recipients: { users: [adminPerson.email] }, title, severity: 'critical' }),
    });
    return { status: response.status, body: (await response.json()) as { code?: string; status?: string } };
  }

  async function storedScope(clientId: string): Promise<string> {
    const row = await portal.dataSource.getRepository(OidcClientEntity).findOneByOrFail({ clientId });
    return (JSON.parse(row.metadata) as { scope: string }).scope;
  }

  it('grants alerts:write to an existing app: 200 with its scopes, audited; the app can then get a token and post', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    expect(await tokenErrorOf(client.clientCredentialsGrant(config, { scope: 'alerts:write' }))).toBe('invalid_scope');

    const granted = await patch(admin, app.clientId, { scopes: ['alerts:write'] });
    expect(granted.status).withContext(granted.text).toBe(200);
    const view = granted.json() as AppClient;
    expect(view).toEqual(jasmine.objectContaining({ clientId: app.clientId, name: app.name, redirectUris: [redirectUri], public: false }));
    expect(view.scopes).toEqual(['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write']);
    expect(JSON.stringify(view)).not.toContain(app.clientSecret as string);
    expect(((await admin.get(AdminRoutes.app(app.clientId))).json() as AppClient).scopes).toContain('alerts:write');

    const events = await auditOf(portal.dataSource, 'app.updated', app.clientId);
    expect(events.length).toBe(1);
    expect(events[0].actor).toBe(adminPerson.id);
    expect(events[0].outcome).toBe('success');
    expect(JSON.parse(events[0].details)).toEqual({ name: app.name, before: '', after: 'alerts:write', revokedTokens: 0 });

    // The provider reads the new metadata at once (no restart, no stale client cache).
    const token = await client.clientCredentialsGrant(config, { scope: 'alerts:write' });
    expect(token.scope).toBe('alerts:write');
    const posted = await postAlert(token.access_token);
    expect(posted.status).withContext(JSON.stringify(posted.body)).toBe(202);
    expect(posted.body.status).toBe('created');
  });

  it('removing the scope stops a token minted before the removal at once (401), and no new one can be had', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write', 'users:read'] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const before = await client.clientCredentialsGrant(config, { scope: 'alerts:write' });
    const directoryToken = await client.clientCredentialsGrant(config, { scope: 'users:read' });
    expect((await postAlert(before.access_token, 'Avant le retrait')).status).toBe(202);

    const removed = await patch(admin, app.clientId, { scopes: ['users:read'] });
    expect(removed.status).withContext(removed.text).toBe(200);
    expect((removed.json() as AppClient).scopes).toEqual(['openid', 'profile', 'email', 'groups', 'offline_access', 'users:read']);

    const refused = await postAlert(before.access_token, 'Après le retrait');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('unauthorized');
    expect((await client.tokenIntrospection(config, before.access_token)).active).toBeFalse();
    expect(await tokenErrorOf(client.clientCredentialsGrant(config, { scope: 'alerts:write' }))).toBe('invalid_scope');
    // A token for a scope the app keeps still works.
    expect((await client.tokenIntrospection(config, directoryToken.access_token)).active).toBeTrue();

    const [event] = await auditOf(portal.dataSource, 'app.updated', app.clientId);
    expect(JSON.parse(event.details)).toEqual({ name: app.name, before: 'alerts:write users:read', after: 'users:read', revokedTokens: 1 });
  });

  it('a person’s access token that carries the removed scope is revoked too; one without it is kept', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const signInWith = async (scope: string) => {
      const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope });
      const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, await createPerson(portal.app));
      return redeem(config, signIn.callbackUrl, request);
    };
    const scoped = await signInWith('openid alerts:write');
    const plain = await signInWith('openid email');
    expect(scoped.scope?.split(' ')).toContain('alerts:write');
    const introspected = await client.tokenIntrospection(config, scoped.access_token);
    expect(introspected.active).toBeTrue();
    expect(introspected.scope?.split(' ')).toContain('alerts:write');

    const removed = await patch(admin, app.clientId, { scopes: [] });
    expect(removed.status).toBe(200);
    expect((await client.tokenIntrospection(config, scoped.access_token)).active).toBeFalse();
    expect((await client.tokenIntrospection(config, plain.access_token)).active).withContext('a token without the scope').toBeTrue();
    expect(await storedScope(app.clientId)).toBe('openid profile email groups offline_access');
    const [event] = await auditOf(portal.dataSource, 'app.updated', app.clientId);
    expect(JSON.parse(event.details).revokedTokens).toBe(1);
  });

  it('the same scopes again change nothing and leave no audit event', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'] });
    const again = await patch(admin, app.clientId, { scopes: ['alerts:write', 'alerts:write'] });
    expect(again.status).toBe(200);
    expect((again.json() as AppClient).scopes).toEqual(['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write']);
    expect(await auditOf(portal.dataSource, 'app.updated', app.clientId)).toEqual([]);
  });

  it('400 names the field for an unknown scope or a wrong shape, and changes nothing', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: ['alerts:write'] });
    const scopeBefore = await storedScope(app.clientId);
    const cases: Array<[unknown, string, RegExp]> = [
      [{ scopes: ['alerts:write', 'admin'] }, 'scopes', /admin: choose scopes among alerts:write, users:read/],
      [{ scopes: ['openid'] }, 'scopes', /openid: choose scopes among/],
      [{ scopes: 'alerts:write' }, 'scopes', /list of scopes/],
      [{ scopes: [1] }, 'scopes', /as text/],
      [{}, 'scopes', /list of scopes/],
      [{ scopes: [], name: 'Renamed' }, 'name', /not an accepted field/],
    ];
    for (const [body, field, message] of cases) {
      const response = await patch(admin, app.clientId, body);
      const context = JSON.stringify(body);
      expect(response.status).withContext(context).toBe(400);
      const error = response.json() as { code: string; fields: Record<string, string[]> };
      expect(error.code).withContext(context).toBe('validation_failed');
      expect(Object.keys(error.fields)).withContext(context).toEqual([field]);
      expect(error.fields[field].join(' ')).withContext(context).toMatch(message);
    }
    expect(await storedScope(app.clientId)).toBe(scopeBefore);
    expect(await auditOf(portal.dataSource, 'app.updated', app.clientId)).toEqual([]);
  });

  it('404 for an unknown client', async () => {
    const response = await patch(admin, 'nope-123456', { scopes: ['alerts:write'] });
    expect(response.status).toBe(404);
    expect(response.json().code).toBe('not_found');
  });

  it('is in the OpenAPI document, with the scopes it accepts', async () => {
    const response = await fetch(portal.at('/api/docs/openapi.json'));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const spec = (await response.json()) as any;
    const operation = spec.paths['/api/admin/apps/{clientId}']?.patch;
    expect(operation).withContext(Object.keys(spec.paths).join('\n')).toBeDefined();
    expect(Object.keys(operation.responses)).toEqual(jasmine.arrayContaining(['200', '400']));
    const ref: string = operation.requestBody.content['application/json'].schema.$ref;
    const schema = spec.components.schemas[ref.split('/').pop() as string];
    expect(schema.required).toEqual(['scopes']);
    expect(schema.properties.scopes.items.enum).toEqual(['alerts:write', 'users:read']);
  });

  it('only administrators: 401 without a session, 403 for an employee; nothing changes', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const anonymous = await patch(new Browser(portal.url), app.clientId, { scopes: ['alerts:write'] });
    expect(anonymous.status).toBe(401);
    const employee = (await signedInBrowser(portal.url, await createPerson(portal.app, { name: 'Eve Employee' }))).browser;
    const forbidden = await patch(employee, app.clientId, { scopes: ['alerts:write'] });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json().code).toBe('forbidden');
    expect(await storedScope(app.clientId)).toBe('openid profile email groups offline_access');
    expect(await auditOf(portal.dataSource, 'app.updated', app.clientId)).toEqual([]);
  });
});
