import * as client from 'openid-client';
import type { InteractionState } from '@passerelle/contracts';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { CatalogAdminService } from '../../../src/app/catalog/admin/catalog-admin.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { addApp, addToGroup, removeFromGroup, signedInBrowser, uniqueName } from '../../support/catalog-rows';
import {
  authorizationRequest,
  Browser,
  createPerson,
  discoverAs,
  interactionState,
  interactionUidOf,
  redeem,
  registerApp,
  signInThroughInteraction,
} from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * "What must be shown" #2: a person outside an app's group never sees it, never launches it and
 * never gets a token for it — the authorization request ends on a clear "no access" page — and a
 * person who loses access loses the tokens they had.
 */
describe('Entitlements in the OpenID provider', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8791/callback';

  /** A catalog app linked to a registered client, open to one group. */
  async function groupApp(extra: { requestable?: boolean; scopes?: string[] } = {}) {
    const group = uniqueName('Finance');
    const registered = await registerApp(portal.app, { name: uniqueName('Payroll'), redirectUris: [redirectUri], scopes: extra.scopes });
    const app = await addApp(portal.dataSource, { name: registered.name, clientId: registered.clientId, groups: [group], requestable: extra.requestable });
    const config = await discoverAs(portal.url, registered.clientId, registered.clientSecret);
    return { group, app, config };
  }

  async function refusal(work: Promise<unknown>): Promise<unknown> {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).withContext('expected a refusal').toBeDefined();
    return error;
  }

  it('gives a member of the app’s group a code and tokens, with no extra step', async () => {
    const { group, config } = await groupApp();
    const member = await createPerson(portal.app, { groups: [group] });
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, member);
    expect(signIn.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    const tokens = await redeem(config, signIn.callbackUrl, request);
    expect(tokens.claims()?.sub).toBe(member.id);
  });

  it('keeps someone outside the group out everywhere: not on the dashboard, not launched, and the sign-in ends on "no access" without a code', async () => {
    const { app, config } = await groupApp();
    const outsider = await createPerson(portal.app, { groups: [uniqueName('Sales')] });
    const { browser } = await signedInBrowser(portal.url, outsider);

    const dashboard = await browser.get('/api/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.json().apps.map((a: { id: string }) => a.id)).not.toContain(app.id);
    const launch = await browser.get(`/api/dashboard/apps/${app.id}/launch`);
    expect(launch.status).toBe(302);
    expect(launch.headers.get('location')).toBe(`/?unavailable=${app.id}`);

    // Already signed in, with nothing to ask: the provider would normally go straight back to the app.
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const { stoppedAt, hops } = await browser.follow(request.url);
    const uid = interactionUidOf(stoppedAt);
    expect(uid).withContext(String(stoppedAt)).toEqual(jasmine.any(String));
    const state = await interactionState(browser, stoppedAt);
    expect(state.step).toBe('no-access');
    expect(state.noAccess).toEqual({ appId: app.id, appName: app.name, requestable: false, requestPending: false });
    expect(state.email).toBe(outsider.email);
    expect(state.redirectTo).toBeUndefined();

    // No step of the sign-in moves it on; the app never hears of a code.
    expect((await browser.postJson(`/interaction/${uid}/consent`, { approve: true })).status).toBe(400);
    expect((await browser.postJson(`/interaction/${uid}/finish`, {})).status).toBe(400);
    expect((await browser.postJson(`/interaction/${uid}/password`, { email: outsider.email, password: outsider.password })).status).toBe(400);
    expect((await interactionState(browser, stoppedAt)).step).toBe('no-access');
    expect([...hops, stoppedAt].some((url) => url.origin === new URL(redirectUri).origin)).toBeFalse();

    const audit = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'auth.no_access', subject: outsider.id });
    expect(audit.length).toBeGreaterThan(0);
    expect(JSON.parse(audit[0].details)).toEqual(jasmine.objectContaining({ app: app.id }));

    // An app asking silently (prompt=none) hears access_denied, not login_required or a code.
    const silent = await authorizationRequest(config, { redirect_uri: redirectUri, prompt: 'none' });
    const back = await browser.follow(silent.url);
    expect(back.stoppedAt.origin).toBe(new URL(redirectUri).origin);
    expect(back.stoppedAt.searchParams.get('error')).toBe('access_denied');
    expect(back.stoppedAt.searchParams.get('code')).toBeNull();
  });

  it('shows "no access" right after the password and code of a person not signed in yet, who stays signed in to the portal', async () => {
    const { app, config } = await groupApp({ requestable: true });
    const outsider = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    const states: InteractionState[] = [];
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    await expectAsync(signInThroughInteraction(browser, request.url, { ...outsider, onState: (s) => states.push(s) })).toBeRejectedWithError(/Unexpected sign-in step no-access/);
    expect(states.map((s) => s.step)).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done', 'no-access']);
    expect(states[states.length - 1].noAccess).toEqual({ appId: app.id, appName: app.name, requestable: true, requestPending: false });
    // "Go to my dashboard" works without signing in again.
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json().id).toBe(outsider.id);
  });

  it('refuses refresh and userinfo once the person is removed from the group', async () => {
    const { group, config } = await groupApp();
    const member = await createPerson(portal.app, { groups: [group] });
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid profile offline_access' });
    const tokens = await redeem(config, (await signInThroughInteraction(new Browser(portal.url), request.url, member)).callbackUrl, request);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect((await client.fetchUserInfo(config, refreshed.access_token, member.id)).sub).toBe(member.id);

    await removeFromGroup(portal.dataSource, member.id, group);

    const refresh = await refusal(client.refreshTokenGrant(config, refreshed.refresh_token as string));
    expect(refresh).toEqual(jasmine.any(client.ResponseBodyError));
    expect((refresh as client.ResponseBodyError).error).toBe('invalid_grant');
    const userinfo = await refusal(client.fetchUserInfo(config, refreshed.access_token, member.id));
    expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    expect((userinfo as client.WWWAuthenticateChallengeError).response?.status).toBe(401);
    expect((await client.tokenIntrospection(config, refreshed.access_token)).active).toBeFalse();

    // Back in the group: the tokens they still hold work again (access follows membership, nothing was revoked).
    await addToGroup(portal.dataSource, member.id, group);
    expect((await client.fetchUserInfo(config, refreshed.access_token, member.id)).sub).toBe(member.id);
  });

  it('closes a client to everyone once its tile is deleted or unlinked, instead of opening it to all', async () => {
    const { group, app, config } = await groupApp();
    const member = await createPerson(portal.app, { groups: [group] });
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid offline_access' });
    const browser = new Browser(portal.url);
    const tokens = await redeem(config, (await signInThroughInteraction(browser, request.url, member)).callbackUrl, request);

    // The tile had its own id, so the client it was linked to stays registered without it.
    await portal.app.get(CatalogAdminService).deleteApp(app.id, 'test', CLI_CONTEXT);

    const again = await authorizationRequest(config, { redirect_uri: redirectUri });
    const { stoppedAt } = await browser.follow(again.url);
    const state = await interactionState(browser, stoppedAt);
    expect(state.step).toBe('no-access');
    expect(state.noAccess).toEqual(jasmine.objectContaining({ appName: app.name, requestable: false }));
    const refresh = await refusal(client.refreshTokenGrant(config, tokens.refresh_token as string));
    expect((refresh as client.ResponseBodyError).error).toBe('invalid_grant');
  });

  it('refuses the person’s access token at Passerelle’s own API once they are removed from the group', async () => {
    const { group, config } = await groupApp({ scopes: ['users:read'] });
    const member = await createPerson(portal.app, { groups: [group] });
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid users:read' });
    const tokens = await redeem(config, (await signInThroughInteraction(new Browser(portal.url), request.url, member)).callbackUrl, request);
    const directory = () => fetch(`${portal.url}/api/directory/users`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect((await directory()).status).toBe(200);

    await removeFromGroup(portal.dataSource, member.id, group);

    expect((await directory()).status).toBe(401);
  });

  it('opens the app once IT approves the person’s request, even on the "no access" page already shown', async () => {
    const { app, config } = await groupApp({ requestable: true });
    const outsider = await createPerson(portal.app);
    const { browser } = await signedInBrowser(portal.url, outsider);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const { stoppedAt } = await browser.follow(request.url);
    const before = await interactionState(browser, stoppedAt);
    expect(before.noAccess).toEqual({ appId: app.id, appName: app.name, requestable: true, requestPending: false });

    // The page's "Request access" button.
    const filed = await browser.postJson('/api/dashboard/access-requests', { appId: app.id, reason: 'Monthly payroll checks' });
    expect(filed.status).toBe(201);
    expect((await interactionState(browser, stoppedAt)).noAccess?.requestPending).toBeTrue();

    const admin = await createPerson(portal.app, { isAdmin: true });
    const { browser: desk } = await signedInBrowser(portal.url, admin);
    const approved = await desk.postJson(`/api/admin/access-requests/${filed.json().id}/approve`, { note: 'Welcome aboard' });
    expect(approved.status).toBe(200);

    // The same page, reloaded: the provider checks again and carries on to the app.
    const after = await interactionState(browser, stoppedAt);
    expect(after.step).toBe('done');
    const back = await browser.follow(after.redirectTo as string);
    expect(back.stoppedAt.origin).toBe(new URL(redirectUri).origin);
    const tokens = await redeem(config, back.stoppedAt, request);
    expect(tokens.claims()?.sub).toBe(outsider.id);

    // And a new authorization goes straight through.
    const again = await authorizationRequest(config, { redirect_uri: redirectUri });
    const second = await signInThroughInteraction(browser, again.url, outsider);
    expect(second.steps).toEqual([]);
    expect(second.callbackUrl.searchParams.get('code')).toEqual(jasmine.any(String));
  });

  it('leaves apps for everyone and clients outside the catalog alone', async () => {
    const everyone = await registerApp(portal.app, { name: uniqueName('Intranet'), redirectUris: [redirectUri] });
    await addApp(portal.dataSource, { name: everyone.name, clientId: everyone.clientId, visibility: 'everyone' });
    const apiOnly = await registerApp(portal.app, { name: uniqueName('Reporting'), redirectUris: [redirectUri] });
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    for (const registered of [everyone, apiOnly]) {
      const config = await discoverAs(portal.url, registered.clientId, registered.clientSecret);
      const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid offline_access' });
      const tokens = await redeem(config, (await signInThroughInteraction(browser, request.url, person)).callbackUrl, request);
      expect((await client.refreshTokenGrant(config, tokens.refresh_token as string)).access_token).toEqual(jasmine.any(String));
    }
  });
});
