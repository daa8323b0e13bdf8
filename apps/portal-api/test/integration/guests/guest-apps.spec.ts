import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import type { Dashboard, GuestView } from '@passerelle/contracts';
import { createSsoApp } from '../../support/catalog';
import { acceptedGuest, adminBrowser, auditOf, DAY_MS, iso, tokenErrorOf, userinfoStatusOf } from '../../support/guests';
import {
  authorizationRequest,
  Browser,
  createPerson,
  discoverAs,
  interactionState,
  issuerOf,
  redeem,
  RpServer,
  signInThroughInteraction,
  type Person,
} from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * "What must be shown" #3: a guest invited with several apps, one of them taken away mid-way — the
 * tokens for that app stop working at once (refresh, userinfo, introspection), the app is told by
 * back-channel logout, and the other app carries on as if nothing happened.
 */
describe('A guest’s apps changed mid-way', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let rp: RpServer;

  beforeAll(async () => {
    rp = await RpServer.start();
  });
  afterAll(async () => {
    await rp.close();
  });

  async function ssoApp(name: string, path: string) {
    const created = await createSsoApp(portal.app, {
      name,
      sso: { redirectUris: [rp.url(`${path}/callback`)], backchannelLogoutUri: rp.url(`${path}/backchannel`) },
    });
    const config = await discoverAs(portal.url, created.client.clientId, created.client.clientSecret);
    return { ...created, config, redirectUri: rp.url(`${path}/callback`) };
  }

  async function tokensFor(app: Awaited<ReturnType<typeof ssoApp>>, browser: Browser, guest: Person) {
    const request = await authorizationRequest(app.config, { redirect_uri: app.redirectUri, scope: 'openid email offline_access' });
    const signIn = await signInThroughInteraction(browser, request.url, guest);
    return { steps: signIn.steps, tokens: await redeem(app.config, signIn.callbackUrl, request) };
  }

  it('revokes the removed app’s tokens at once and tells it, and leaves the other app alone', async () => {
    const admin = (await adminBrowser(portal)).browser;
    const sponsor = await createPerson(portal.app, { name: 'Marie Sponsor' });
    const a = await ssoApp('Wiki', '/a');
    const b = await ssoApp('Files', '/b');
    const guest = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 30 * DAY_MS), apps: [a.app.id, b.app.id] });

    const browser = new Browser(portal.url);
    const first = await tokensFor(a, browser, guest);
    expect(first.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    // The second app: single sign-on, nothing asked.
    const second = await tokensFor(b, browser, guest);
    expect(second.steps.filter((step) => step !== 'done')).toEqual([]);
    const tokensA = first.tokens;
    const tokensB = second.tokens;
    expect((await client.fetchUserInfo(b.config, tokensB.access_token, guest.id)).sub).toBe(guest.id);
    expect((await client.tokenIntrospection(b.config, tokensB.access_token)).active).toBeTrue();
    const logoutsBefore = rp.logoutTokens.length;

    const patched = await admin.request(`/api/guests/${guest.id}`, { method: 'PATCH', json: { apps: [a.app.id] } });
    expect(patched.status).withContext(patched.text).toBe(200);
    expect((patched.json() as GuestView).apps).toEqual([{ id: a.app.id, name: 'Wiki' }]);

    // At once — no waiting, no job: B's tokens are dead.
    expect(await tokenErrorOf(client.refreshTokenGrant(b.config, tokensB.refresh_token as string))).toBe('invalid_grant');
    expect((await client.tokenIntrospection(b.config, tokensB.access_token)).active).toBeFalse();
    expect((await client.tokenIntrospection(b.config, tokensB.refresh_token as string)).active).toBeFalse();
    expect(await userinfoStatusOf(client.fetchUserInfo(b.config, tokensB.access_token, guest.id))).toBe(401);

    // B was told (and only B).
    const [logoutToken] = (await rp.waitForLogoutTokens(logoutsBefore + 1)).slice(logoutsBefore);
    const { payload } = await jwtVerify(logoutToken, createRemoteJWKSet(new URL(`${issuerOf(portal.url)}/jwks`)), {
      issuer: issuerOf(portal.url),
      audience: b.client.clientId,
      typ: 'logout+jwt',
    });
    expect(payload.sub).toBe(guest.id);
    expect(rp.received.find((r) => r.body.includes(logoutToken))?.path).toBe('/b/backchannel');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rp.logoutTokens.length).toBe(logoutsBefore + 1);

    // A carries on: its refresh token, userinfo and introspection still work, the portal session too.
    const refreshedA = await client.refreshTokenGrant(a.config, tokensA.refresh_token as string);
    expect((await client.fetchUserInfo(a.config, refreshedA.access_token, guest.id)).sub).toBe(guest.id);
    expect((await client.tokenIntrospection(a.config, refreshedA.access_token)).active).toBeTrue();
    expect((await browser.get('/api/auth/me')).status).toBe(200);
    expect(((await browser.get('/api/dashboard')).json() as Dashboard).apps.map((app) => app.id)).toEqual([a.app.id]);

    // Signing in to B again ends on "no access".
    const again = await authorizationRequest(b.config, { redirect_uri: b.redirectUri });
    const { stoppedAt } = await browser.follow(again.url);
    expect((await interactionState(browser, stoppedAt)).step).toBe('no-access');

    const [updated] = await auditOf(portal.dataSource, 'guest.updated', guest.id);
    expect(JSON.parse(updated.details)).toEqual(jasmine.objectContaining({ changed: 'apps', appsRemoved: b.app.id }));
    expect(updated.actor).not.toBeNull();
    const [ended] = await auditOf(portal.dataSource, 'session.apps_ended', guest.id);
    expect(JSON.parse(ended.details)).toEqual(jasmine.objectContaining({ clients: b.client.clientId }));

    // Given back, B opens again through the same session, without a new sign-in.
    expect((await admin.request(`/api/guests/${guest.id}`, { method: 'PATCH', json: { apps: [a.app.id, b.app.id] } })).status).toBe(200);
    const back = await tokensFor(b, browser, guest);
    expect(back.steps.filter((step) => step !== 'done')).toEqual([]);
    expect((await client.fetchUserInfo(b.config, back.tokens.access_token, guest.id)).sub).toBe(guest.id);
    // …and the tokens revoked earlier stay revoked.
    expect(await tokenErrorOf(client.refreshTokenGrant(b.config, tokensB.refresh_token as string))).toBe('invalid_grant');
  });
});
