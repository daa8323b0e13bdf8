import * as client from 'openid-client';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { CLI_MANAGER, GuestsService } from '../../../src/app/guests/guests.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { usePortal } from '../../support/test-portal';
import { createPerson, discoverAs, registerApp } from '../../support/oidc-rp';

/** The directory API for apps: a bearer token from this provider with the users:read scope. */
describe('Directory API', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8772/callback';

  async function appToken(scope: 'users:read' | 'alerts:write') {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], scopes: [scope] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const granted = await client.clientCredentialsGrant(config, { scope });
    expect(granted.scope).toBe(scope);
    return { config, token: granted.access_token };
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function directory(query = '', token?: string): Promise<{ status: number; body: any; headers: Headers }> {
    const response = await fetch(portal.at(`/api/directory/users${query}`), { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, body: await response.json(), headers: response.headers };
  }

  it('refuses a missing or made-up token with 401, and a token without users:read with 403', async () => {
    const none = await directory();
    expect(none.status).toBe(401);
    expect(none.body).toEqual(jasmine.objectContaining({ statusCode: 401, code: 'unauthorized', requestId: jasmine.any(String) }));
    const madeUp = await directory('', 'not-a-token-this-portal-issued');
    expect(madeUp.status).toBe(401);
    expect(madeUp.body.code).toBe('unauthorized');

    const { token } = await appToken('alerts:write');
    const forbidden = await directory('', token);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toEqual(jasmine.objectContaining({ statusCode: 403, code: 'forbidden', requestId: jasmine.any(String) }));
  });

  it('marks guests, and a guest whose access ended is inactive', async () => {
    const sponsor = await createPerson(portal.app, { name: 'Sam Sponsor' });
    const guests = portal.app.get(GuestsService);
    const invite = (email: string) =>
      guests.invite(CLI_MANAGER, { email, name: 'Gus Guest', sponsor: sponsor.email, endsAt: new Date(Date.now() + 5 * 86_400_000).toISOString() }, CLI_CONTEXT);
    const current = (await invite(`gus.current.${Date.now()}@example.com`)).guest;
    const ended = (await invite(`gus.ended.${Date.now()}@example.com`)).guest;
    await guests.revoke(CLI_MANAGER, ended.id, CLI_CONTEXT);

    const { token } = await appToken('users:read');
    const items = (await directory('?search=gus', token)).body.items as Array<{ sub: string; active: boolean; guest: boolean }>;
    expect(items.find((u) => u.sub === current.id)).toEqual(jasmine.objectContaining({ active: true, guest: true }));
    expect(items.find((u) => u.sub === ended.id)).toEqual(jasmine.objectContaining({ active: false, guest: true }));
  });

  it('lists the people with users:read (search, paging, disabled ones inactive); a revoked token gets 401', async () => {
    const lea = await createPerson(portal.app, { name: 'Léa Directory', groups: ['Sales', 'IT'] });
    const tom = await createPerson(portal.app, { name: 'Tom Directory' });
    await portal.app.get(AccountsService).disableUser(tom.id, 'test', CLI_CONTEXT);

    const { config, token } = await appToken('users:read');
    const listed = await directory('', token);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual(jasmine.objectContaining({ page: 1, pageSize: 100, total: jasmine.any(Number) }));
    expect(listed.body.total).toBeGreaterThanOrEqual(2);
    const entry = listed.body.items.find((u: { sub: string }) => u.sub === lea.id);
    expect(entry).toEqual({ sub: lea.id, email: lea.email, name: 'Léa Directory', groups: ['IT', 'Sales'], active: true, guest: false });
    for (const item of listed.body.items) expect(Object.keys(item).sort()).toEqual(['active', 'email', 'groups', 'guest', 'name', 'sub']);
    expect(listed.body.items.find((u: { sub: string }) => u.sub === tom.id)?.active).toBeFalse();

    const searched = await directory('?search=directory&pageSize=1&page=2', token);
    expect(searched.status).toBe(200);
    expect(searched.body).toEqual(jasmine.objectContaining({ total: 2, page: 2, pageSize: 1 }));
    expect(searched.body.items.length).toBe(1);
    const bad = await directory('?pageSize=1000', token);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(['pageSize']);

    await client.tokenRevocation(config, token);
    const revoked = await directory('', token);
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe('unauthorized');
  });
});
