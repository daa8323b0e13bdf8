import * as client from 'openid-client';
import { AccountRoutes, type AccountSecurity, type RecoveryCodes, type SessionInfo, type TotpEnrolment } from '@passerelle/contracts';
import { usePortal } from '../../support/test-portal';
import {
  Authenticator,
  authorizationRequest,
  Browser,
  type BrowserResponse,
  createPerson,
  currentTotpStep,
  discoverAs,
  interactionUidOf,
  type Person,
  redeem,
  registerApp,
  RpServer,
  signInThroughInteraction,
  totpForStep,
} from '../../support/oidc-rp';

/**
 * The account API seen from a signed-in browser: profile, password, authenticator, recovery codes
 * and sessions (one, or all of them at once, which the apps hear about).
 */
describe('Account API', () => {
  const portal = usePortal();

  /** Signs `person` in to the portal in `browser`; enrols an authenticator on the first sign-in. */
  async function signIn(browser: Browser, person: Person, authenticator?: Authenticator) {
    const result = await signInThroughInteraction(browser, '/api/auth/sign-in', { ...person, authenticator });
    expect(result.steps).toContain('done');
    return { authenticator: result.authenticator as Authenticator, recoveryCodes: result.recoveryCodes ?? [] };
  }

  /** A new person, signed in (and enrolled) in a new browser. */
  async function signedInPerson(userAgent?: string) {
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url, userAgent);
    return { person, browser, ...(await signIn(browser, person)) };
  }

  /** A sign-in page in a fresh browser with the password step sent: its uid and the answer. */
  async function passwordStep(email: string, password: string): Promise<{ browser: Browser; uid: string; response: BrowserResponse }> {
    const browser = new Browser(portal.url);
    const { stoppedAt } = await browser.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt) as string;
    expect(uid).withContext(String(stoppedAt)).toEqual(jasmine.any(String));
    return { browser, uid, response: await browser.postJson(`/interaction/${uid}/password`, { email, password }) };
  }

  function expectError(response: BrowserResponse, status: number, code: string): void {
    expect(response.status).withContext(response.text).toBe(status);
    expect(response.json()).toEqual(jasmine.objectContaining({ statusCode: status, code, message: jasmine.any(String), requestId: jasmine.any(String) }));
  }

  /** A well-formed code that the authenticator did not show recently. */
  function staleCode(secret: string): string {
    return totpForStep(secret.replace(/\s/g, ''), currentTotpStep() - 20);
  }

  it('answers 401 unauthorized on every route without a session', async () => {
    const browser = new Browser(portal.url);
    const calls: Array<[string, string, unknown?]> = [
      ['GET', AccountRoutes.security],
      ['PATCH', AccountRoutes.profile, { name: 'X' }],
      ['POST', AccountRoutes.password, { currentPassword: 'a', newPassword: 'b' }],
      ['POST', AccountRoutes.authenticatorStart, { code: '123456' }],
      ['POST', AccountRoutes.authenticatorConfirm, { code: '123456' }],
      ['POST', AccountRoutes.recoveryCodes, { code: '123456' }],
      ['GET', AccountRoutes.sessions],
      ['POST', AccountRoutes.signOutEverywhere, {}],
      ['DELETE', AccountRoutes.session('some-session')],
    ];
    for (const [method, path, json] of calls) {
      const response = await browser.request(path, { method, json });
      expect(response.status).withContext(`${method} ${path}`).toBe(401);
      expect(response.json().code).withContext(`${method} ${path}`).toBe('unauthorized');
    }
  });

  it('shows the security status, updates the profile, and refuses bad profile fields', async () => {
    const { browser } = await signedInPerson();
    const security = await browser.get(AccountRoutes.security);
    expect(security.status).toBe(200);
    const body = security.json() as AccountSecurity;
    expect(body.totpEnrolledAt).toEqual(jasmine.any(String));
    expect(Number.isNaN(Date.parse(body.totpEnrolledAt as string))).toBeFalse();
    expect(body.recoveryCodesLeft).toBe(10);
    expect(body).toEqual(jasmine.objectContaining({ passwordChangedAt: null }));

    const patched = await browser.request(AccountRoutes.profile, { method: 'PATCH', json: { name: '  Léa Roux-Martin ', locale: 'fr' } });
    expect([200, 204]).withContext(patched.text).toContain(patched.status);
    const me = (await browser.get('/api/auth/me')).json();
    expect(me).toEqual(jasmine.objectContaining({ name: 'Léa Roux-Martin', givenName: 'Léa', familyName: 'Roux-Martin', locale: 'fr' }));

    const badLocale = await browser.request(AccountRoutes.profile, { method: 'PATCH', json: { locale: 'xx' } });
    expectError(badLocale, 400, 'validation_failed');
    expect(Object.keys(badLocale.json().fields)).toEqual(['locale']);
    for (const name of ['', '   ']) {
      const emptyName = await browser.request(AccountRoutes.profile, { method: 'PATCH', json: { name } });
      expectError(emptyName, 400, 'validation_failed');
      expect(Object.keys(emptyName.json().fields)).withContext(JSON.stringify(name)).toEqual(['name']);
    }
    const unknown = await browser.request(AccountRoutes.profile, { method: 'PATCH', json: { name: 'Léa', isAdmin: true } });
    expectError(unknown, 400, 'validation_failed');
    expect(Object.keys(unknown.json().fields)).toEqual(['isAdmin']);
    // Nothing of the refused requests was stored.
    expect((await browser.get('/api/auth/me')).json()).toEqual(jasmine.objectContaining({ name: 'Léa Roux-Martin', locale: 'fr', isAdmin: false }));
  });

  it('changes the password only with the current one; afterwards only the new one signs in', async () => {
    const { person, browser, authenticator } = await signedInPerson();
    const wrong = await browser.postJson(AccountRoutes.password, { currentPassword: 'not my password', newPassword: 'a much longer passphrase' });
    expectError(wrong, 400, 'validation_failed');
    expect(Object.keys(wrong.json().fields)).toEqual(['currentPassword']);
    const short = await browser.postJson(AccountRoutes.password, { currentPassword: person.password, newPassword: 'short' });
    expectError(short, 400, 'validation_failed');
    expect(Object.keys(short.json().fields)).toEqual(['newPassword']);

    const newPassword = 'a much longer passphrase';
    const changed = await browser.postJson(AccountRoutes.password, { currentPassword: person.password, newPassword });
    expect(changed.status).withContext(changed.text).toBe(204);
    expect((await browser.get(AccountRoutes.security)).json().passwordChangedAt).toEqual(jasmine.any(String));

    const old = await passwordStep(person.email, person.password);
    expectError(old.response, 401, 'invalid_credentials');
    const withNew = await passwordStep(person.email, newPassword);
    expect(withNew.response.status).withContext(withNew.response.text).toBe(200);
    expect(withNew.response.json().step).toBe('totp');
    const again = await signIn(new Browser(portal.url), { ...person, password: newPassword }, authenticator);
    expect(again.authenticator).toBe(authenticator);
  });

  it('regenerates recovery codes with a fresh code; the old ones stop working; refuses no proof and a wrong code', async () => {
    const { browser, authenticator, recoveryCodes } = await signedInPerson();
    expect(recoveryCodes.length).toBe(10);

    const noProof = await browser.postJson(AccountRoutes.recoveryCodes, {});
    expectError(noProof, 400, 'second_factor_required');
    const wrongCode = await browser.postJson(AccountRoutes.recoveryCodes, { code: staleCode(authenticator.secret) });
    expectError(wrongCode, 400, 'totp_invalid');

    const fresh = await browser.postJson(AccountRoutes.recoveryCodes, { code: await authenticator.nextCode() });
    expect(fresh.status).withContext(fresh.text).toBe(200);
    const codes = (fresh.json() as RecoveryCodes).codes;
    expect(codes.length).toBe(10);
    expect(new Set(codes).size).toBe(10);
    expect(codes.filter((c) => recoveryCodes.includes(c))).toEqual([]);
    expect((await browser.get(AccountRoutes.security)).json().recoveryCodesLeft).toBe(10);

    // An old code proves nothing any more; a new one does (and is spent).
    const old = await browser.postJson(AccountRoutes.recoveryCodes, { recoveryCode: recoveryCodes[0] });
    expectError(old, 400, 'recovery_code_invalid');
    const withNew = await browser.postJson(AccountRoutes.recoveryCodes, { recoveryCode: codes[0] });
    expect(withNew.status).withContext(withNew.text).toBe(200);
    expect((withNew.json() as RecoveryCodes).codes.length).toBe(10);
  });

  it('replaces the authenticator (proof by recovery code); then only the new one signs in', async () => {
    const { person, browser, authenticator: oldAuthenticator, recoveryCodes } = await signedInPerson();
    const started = await browser.postJson(AccountRoutes.authenticatorStart, { recoveryCode: recoveryCodes[0] });
    expect(started.status).withContext(started.text).toBe(200);
    const enrolment = started.json() as TotpEnrolment;
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.qrSvg.startsWith('<svg') || enrolment.qrSvg.startsWith('<?xml')).withContext(enrolment.qrSvg.slice(0, 40)).toBeTrue();
    expect(enrolment.secret.replace(/\s/g, '')).not.toBe(oldAuthenticator.secret);
    expect(enrolment.accountName).toBe(person.email);

    // Until confirmed, the old authenticator is still the one: a code from the new one is refused.
    const newAuthenticator = new Authenticator(enrolment.secret);
    const wrongDevice = await browser.postJson(AccountRoutes.authenticatorConfirm, { code: staleCode(enrolment.secret) });
    expectError(wrongDevice, 400, 'totp_invalid');
    const confirmed = await browser.postJson(AccountRoutes.authenticatorConfirm, { code: await newAuthenticator.nextCode() });
    expect(confirmed.status).withContext(confirmed.text).toBe(200);
    const codes = (confirmed.json() as RecoveryCodes).codes;
    expect(codes.length).toBe(10);
    expect(codes.filter((c) => recoveryCodes.includes(c))).toEqual([]);

    // The old device's next code is refused at sign-in…
    const refused = await passwordStep(person.email, person.password);
    expect(refused.response.json().step).toBe('totp');
    const oldCode = await refused.browser.postJson(`/interaction/${refused.uid}/totp`, { code: await oldAuthenticator.nextCode() });
    expectError(oldCode, 400, 'totp_invalid');
    // …the new one's is accepted.
    const signedIn = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', { ...person, authenticator: newAuthenticator });
    expect(signedIn.steps).toEqual(['password', 'totp', 'done']);
  });

  it('lists the sessions of two browsers, one current; ends the other one; 404 for an unknown one', async () => {
    const person = await createPerson(portal.app);
    const laptop = new Browser(portal.url, 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0');
    const phone = new Browser(portal.url, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1');
    const { authenticator } = await signIn(laptop, person);
    await signIn(phone, person, authenticator);

    const listed = await laptop.get(AccountRoutes.sessions);
    expect(listed.status).toBe(200);
    const sessions = listed.json() as SessionInfo[];
    expect(sessions.length).toBe(2);
    expect(sessions.filter((s) => s.current).length).toBe(1);
    const other = sessions.find((s) => !s.current) as SessionInfo;
    expect(other).toEqual(jasmine.objectContaining({ id: jasmine.any(String), signedInAt: jasmine.any(String), lastSeenAt: jasmine.any(String) }));
    // The phone sees the same two sessions, its own one current.
    const fromPhone = (await phone.get(AccountRoutes.sessions)).json() as SessionInfo[];
    expect(fromPhone.find((s) => s.current)?.id).toBe(other.id);

    const ended = await laptop.request(AccountRoutes.session(other.id), { method: 'DELETE' });
    expect(ended.status).withContext(ended.text).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401);
    expect((await laptop.get('/api/auth/me')).status).toBe(200);
    expect(((await laptop.get(AccountRoutes.sessions)).json() as SessionInfo[]).map((s) => s.current)).toEqual([true]);

    const unknown = await laptop.request(AccountRoutes.session('no-such-session'), { method: 'DELETE' });
    expectError(unknown, 404, 'not_found');
    // Another person's session is as unknown as a made-up one.
    const stranger = await signedInPerson();
    const strangers = (await stranger.browser.get(AccountRoutes.sessions)).json() as SessionInfo[];
    expectError(await laptop.request(AccountRoutes.session(strangers[0].id), { method: 'DELETE' }), 404, 'not_found');
    expect((await stranger.browser.get('/api/auth/me')).status).toBe(200);
  });

  describe('signing out everywhere', () => {
    let rp: RpServer;
    beforeAll(async () => {
      rp = await RpServer.start();
    });
    afterAll(async () => {
      await rp.close();
    });

    it('ends every session, tells the app by back-channel logout and revokes its refresh token', async () => {
      const app = await registerApp(portal.app, { redirectUris: [rp.url('/callback')], backchannelLogoutUri: rp.url('/backchannel') });
      const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
      const person = await createPerson(portal.app);

      // Browser one signs in to the app (and so to the portal), the app keeps a refresh token.
      const one = new Browser(portal.url);
      const request = await authorizationRequest(config, { redirect_uri: rp.url('/callback'), scope: 'openid email offline_access' });
      const viaApp = await signInThroughInteraction(one, request.url, person);
      const tokens = await redeem(config, viaApp.callbackUrl, request);
      expect(tokens.refresh_token).toEqual(jasmine.any(String));
      // Browser two signs in to the portal.
      const two = new Browser(portal.url);
      await signIn(two, person, viaApp.authenticator);
      expect((await one.get('/api/auth/me')).status).toBe(200);
      expect((await two.get('/api/auth/me')).status).toBe(200);
      const apps = ((await two.get(AccountRoutes.sessions)).json() as SessionInfo[]).flatMap((s) => s.apps);
      expect(apps).toContain(app.name);

      const tokensBefore = rp.logoutTokens.length;
      const everywhere = await two.postJson(AccountRoutes.signOutEverywhere, {});
      expect(everywhere.status).withContext(everywhere.text).toBe(204);
      expect((await one.get('/api/auth/me')).status).toBe(401);
      expect((await two.get('/api/auth/me')).status).toBe(401);

      const [logoutToken] = (await rp.waitForLogoutTokens(tokensBefore + 1)).slice(tokensBefore);
      const claims = JSON.parse(Buffer.from(logoutToken.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
      expect(claims['sub']).toBe(person.id);
      expect(claims['aud']).toBe(app.clientId);

      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string).catch((e: unknown) => e);
      expect(refreshed).toEqual(jasmine.any(client.ResponseBodyError));
      expect((refreshed as client.ResponseBodyError).error).toBe('invalid_grant');
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, person.id).catch((e: unknown) => e);
      expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    });
  });
});
