import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { usePortal } from '../../support/test-portal';
import {
  authorizationRequest,
  Browser,
  createPerson,
  discoverAs,
  issuerOf,
  parseForm,
  redeem,
  registerApp,
  RpServer,
  signInThroughInteraction,
} from '../../support/oidc-rp';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/**
 * Signing out, seen from the apps: RP-initiated logout (end_session with its confirmation form)
 * and back-channel logout tokens sent to an app's own server, whichever way the session ends.
 */
describe('OpenID provider: logout', () => {
  const portal = usePortal();
  let rp: RpServer;

  beforeAll(async () => {
    rp = await RpServer.start();
  });
  afterAll(async () => {
    await rp.close();
  });

  async function signedIn(options: { backchannel?: boolean } = {}) {
    const redirectUri = rp.url('/callback');
    const app = await registerApp(portal.app, {
      redirectUris: [redirectUri],
      postLogoutRedirectUris: [rp.url('/signed-out')],
      ...(options.backchannel ? { backchannelLogoutUri: rp.url('/backchannel') } : {}),
    });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    const signIn = await signInThroughInteraction(browser, request.url, person);
    const tokens = await redeem(config, signIn.callbackUrl, request);
    return { app, config, person, browser, tokens, idToken: tokens.id_token as string };
  }

  /** end_session → the confirmation page → "Sign out": where the provider sends the browser. */
  async function rpInitiatedLogout(browser: Browser, config: client.Configuration, idToken: string, state: string): Promise<URL> {
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: rp.url('/signed-out'), state });
    const page = await browser.get(endSession);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('Sign out of Passerelle?');
    const form = parseForm(page.text, 'op.logoutForm');
    expect(new URL(form.action, portal.url).pathname).toBe('/oidc/session/end/confirm');
    expect(form.fields['xsrf']).toEqual(jasmine.any(String));

    const confirmed = await browser.request(new URL(form.action, portal.url), { method: 'POST', form: { ...form.fields, logout: 'yes' } });
    expect(confirmed.status).toBeGreaterThanOrEqual(300);
    expect(confirmed.status).toBeLessThan(400);
    const location = confirmed.location as URL;
    if (location.origin === browser.origin) return (await browser.follow(location)).stoppedAt;
    return location;
  }

  async function meStatus(browser: Browser): Promise<number> {
    return (await browser.get('/api/auth/me')).status;
  }

  it('RP-initiated logout: confirmation page, then back to the app, and the portal session is gone', async () => {
    const { config, browser, idToken, tokens, person } = await signedIn();
    // Signing in to an app signed the browser in to the portal too (one session).
    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json().email).toBe(person.email);

    const landed = await rpInitiatedLogout(browser, config, idToken, 'bye-123');
    expect(landed.origin + landed.pathname).toBe(rp.url('/signed-out'));
    expect(landed.searchParams.get('state')).toBe('bye-123');

    expect(await meStatus(browser)).toBe(401);
    // A token not tied to offline_access ends with the session.
    expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBeFalse();
  });

  it('RP-initiated logout: "Stay signed in" keeps the session', async () => {
    const { config, browser, idToken } = await signedIn();
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: rp.url('/signed-out') });
    const form = parseForm((await browser.get(endSession)).text, 'op.logoutForm');
    const kept = await browser.request(new URL(form.action, portal.url), { method: 'POST', form: form.fields });
    expect(kept.status).toBeGreaterThanOrEqual(300);
    expect(kept.status).toBeLessThan(400);
    expect(await meStatus(browser)).toBe(200);
  });

  it('refuses a post_logout_redirect_uri the app did not register', async () => {
    const { config, browser, idToken } = await signedIn();
    const endSession = client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: 'http://127.0.0.1:1/elsewhere' });
    const page = await browser.get(endSession);
    expect(page.status).toBe(400);
    expect(page.text).toContain('post_logout_redirect_uri');
    expect(await meStatus(browser)).toBe(200);
  });

  describe('back-channel logout', () => {
    const jwks = () => createRemoteJWKSet(new URL(`${issuerOf(portal.url)}/jwks`));

    async function verifyLogoutToken(token: string, clientId: string, personId: string, sid: string): Promise<void> {
      const { payload, protectedHeader } = await jwtVerify(token, jwks(), { issuer: issuerOf(portal.url), audience: clientId, typ: 'logout+jwt' });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload.sub).toBe(personId);
      expect(payload['sid']).toBe(sid);
      expect(payload['events']).toEqual({ [BACKCHANNEL_EVENT]: {} });
      expect(payload['nonce']).toBeUndefined();
      expect(payload.jti).toEqual(jasmine.any(String));
      expect(payload.iat).toEqual(jasmine.any(Number));
    }

    it('tells the app when the person signs out of the portal (POST /api/auth/sign-out)', async () => {
      const { app, config, person, browser, idToken, tokens } = await signedIn({ backchannel: true });
      const sid = decodeJwt(idToken)['sid'] as string;
      expect(sid).withContext('apps with back-channel logout get sid in the ID token').toEqual(jasmine.any(String));
      const before = rp.logoutTokens.length;

      const signOut = await browser.request('/api/auth/sign-out', { method: 'POST' });
      expect(signOut.status).toBe(204);
      const [token] = (await rp.waitForLogoutTokens(before + 1)).slice(before);
      await verifyLogoutToken(token, app.clientId, person.id, sid);
      const delivery = rp.received.find((r) => r.body.includes(token));
      expect(delivery?.method).toBe('POST');
      expect(delivery?.path).toBe('/backchannel');
      expect(delivery?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);

      expect(await meStatus(browser)).toBe(401);
      expect((await client.tokenIntrospection(config, tokens.access_token)).active).toBeFalse();
    });

    it('tells the app on RP-initiated logout', async () => {
      const { app, config, person, browser, idToken } = await signedIn({ backchannel: true });
      const sid = decodeJwt(idToken)['sid'] as string;
      const before = rp.logoutTokens.length;

      const landed = await rpInitiatedLogout(browser, config, idToken, 'bye');
      expect(landed.origin + landed.pathname).toBe(rp.url('/signed-out'));
      const [token] = (await rp.waitForLogoutTokens(before + 1)).slice(before);
      await verifyLogoutToken(token, app.clientId, person.id, sid);
      expect(await meStatus(browser)).toBe(401);
    });

    it('still signs the person out when the app’s back-channel endpoint fails', async () => {
      const { browser } = await signedIn({ backchannel: true });
      const before = rp.logoutTokens.length;
      rp.logoutStatus = 500;
      try {
        expect((await browser.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204);
        await rp.waitForLogoutTokens(before + 1);
      } finally {
        rp.logoutStatus = 200;
      }
      expect(await meStatus(browser)).toBe(401);
    });
  });
});
