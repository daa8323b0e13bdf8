import { OidcClientEntity } from '../../../src/app/identity/entities/oidc-client.entity';
import { OidcProviderHost } from '../../../src/app/identity/oidc/oidc-provider.host';
import { usePortal } from '../../support/test-portal';
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

/**
 * One browser, many apps: third-party-initiated login (login_hint), single sign-on across apps,
 * consent for apps an administrator did not register, and the portal's own session.
 */
describe('OpenID provider: single sign-on and the portal session', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8769/callback';

  it('accepts an app with an initiate_login_uri; login_hint pre-fills the email; a second app then signs in without any step', async () => {
    const wiki = await registerApp(portal.app, { name: 'Wiki', redirectUris: [redirectUri], initiateLoginUri: 'https://wiki.acme.test/oidc/login' });
    // The provider loads and validates the stored metadata.
    const loaded = await portal.app.get(OidcProviderHost).provider.Client.find(wiki.clientId);
    expect(loaded?.initiateLoginUri).toBe('https://wiki.acme.test/oidc/login');

    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    const wikiConfig = await discoverAs(portal.url, wiki.clientId, wiki.clientSecret);
    // What an app does when the portal's dashboard opens its initiate_login_uri with login_hint.
    const request = await authorizationRequest(wikiConfig, { redirect_uri: redirectUri, login_hint: person.email });
    const { stoppedAt } = await browser.follow(request.url);
    expect(interactionUidOf(stoppedAt)).withContext(String(stoppedAt)).toEqual(jasmine.any(String));
    const state = await interactionState(browser, stoppedAt);
    expect(state.step).toBe('password');
    expect(state.email).toBe(person.email);
    expect(state.client).toEqual({ name: 'Wiki', firstParty: true });

    const first = await signInThroughInteraction(browser, stoppedAt, person);
    expect(first.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    const wikiTokens = await redeem(wikiConfig, first.callbackUrl, request);

    // Another app, same browser: straight back with a code, no sign-in step.
    const crm = await registerApp(portal.app, { name: 'CRM', redirectUris: [redirectUri] });
    const crmConfig = await discoverAs(portal.url, crm.clientId, crm.clientSecret);
    const crmRequest = await authorizationRequest(crmConfig, { redirect_uri: redirectUri, scope: 'openid email profile' });
    const second = await signInThroughInteraction(browser, crmRequest.url, person);
    expect(second.steps).toEqual([]);
    expect(second.callbackUrl.searchParams.get('code')).toEqual(jasmine.any(String));
    const crmTokens = await redeem(crmConfig, second.callbackUrl, crmRequest);
    const crmClaims = { ...crmTokens.claims() } as Record<string, unknown>;
    expect(crmClaims['sub']).toBe(person.id);
    expect(crmClaims['aud']).toBe(crm.clientId);
    expect(crmClaims['amr']).toEqual(['pwd', 'otp']);
    // Same sign-in: same auth_time.
    expect(crmClaims['auth_time']).toBe(wikiTokens.claims()?.auth_time);

    // prompt=none works too, and prompt=login asks for the password again.
    const silent = await authorizationRequest(crmConfig, { redirect_uri: redirectUri, prompt: 'none' });
    const silentResult = await signInThroughInteraction(browser, silent.url, person);
    expect(silentResult.callbackUrl.searchParams.get('code')).toEqual(jasmine.any(String));
    const forced = await authorizationRequest(crmConfig, { redirect_uri: redirectUri, prompt: 'login' });
    const { stoppedAt: again } = await browser.follow(forced.url);
    expect((await interactionState(browser, again)).step).toBe('password');
  });

  it('answers prompt=none with login_required when the browser has no session', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, prompt: 'none' });
    const { stoppedAt } = await new Browser(portal.url).follow(request.url);
    expect(stoppedAt.searchParams.get('error')).toBe('login_required');
    expect(stoppedAt.searchParams.get('state')).toBe(request.state);
  });

  it('asks for consent for an app an administrator did not register, once; declining sends access_denied', async () => {
    const thirdParty = await registerApp(portal.app, { name: 'Partner tool', redirectUris: [redirectUri] });
    await portal.dataSource.getRepository(OidcClientEntity).update({ clientId: thirdParty.clientId }, { firstParty: false });
    const config = await discoverAs(portal.url, thirdParty.clientId, thirdParty.clientSecret);
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);

    const declined = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    const no = await signInThroughInteraction(browser, declined.url, { ...person, approveConsent: false });
    expect(no.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done', 'consent', 'done']);
    expect(no.states.find((s) => s.step === 'consent')?.client).toEqual({ name: 'Partner tool', firstParty: false });
    expect(no.states.find((s) => s.step === 'consent')?.consent?.scopes).toEqual(['openid', 'email']);
    expect(no.callbackUrl.searchParams.get('error')).toBe('access_denied');

    const approved = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    const yes = await signInThroughInteraction(browser, approved.url, person);
    expect(yes.steps).toEqual(['consent', 'done']);
    expect((await redeem(config, yes.callbackUrl, approved)).claims()?.['email'] as unknown).toBe(person.email);

    // Consent is remembered for what was granted.
    const later = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    expect((await signInThroughInteraction(browser, later.url, person)).steps).toEqual([]);
  });

  it('signs in to the portal itself: /api/auth/sign-in → provider → sign-in steps → /api/auth/callback → returnTo', async () => {
    const person = await createPerson(portal.app, { name: 'Léa Martin', groups: ['IT'] });
    const browser = new Browser(portal.url);
    expect((await browser.get('/api/auth/me')).status).toBe(401);

    const signIn = await signInThroughInteraction(browser, '/api/auth/sign-in?returnTo=/account', person);
    expect(signIn.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    expect(signIn.states[0].client).toEqual({ name: 'Passerelle', firstParty: true });
    expect(signIn.visited.map((u) => u.pathname)).toContain('/oidc/auth');
    expect(signIn.visited.map((u) => u.pathname)).toContain('/api/auth/callback');
    expect(signIn.callbackUrl.toString()).toBe(`${portal.url}/account`);

    const me = await browser.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.json()).toEqual(
      jasmine.objectContaining({ id: person.id, email: person.email, name: 'Léa Martin', givenName: 'Léa', familyName: 'Martin', groups: ['IT'], amr: ['pwd', 'otp'], isAdmin: false }),
    );

    // The portal session is the provider session: an app now signs in without a step.
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const sso = await signInThroughInteraction(browser, request.url, person);
    expect(sso.steps).toEqual([]);
    expect((await redeem(config, sso.callbackUrl, request)).claims()?.sub).toBe(person.id);
  });

  it('ignores an off-site returnTo and a forged callback', async () => {
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);
    const signIn = await signInThroughInteraction(browser, '/api/auth/sign-in?returnTo=https://evil.example/', person);
    expect(new URL(signIn.callbackUrl).origin).toBe(portal.url);

    const forged = await new Browser(portal.url).get('/api/auth/callback?state=made-up');
    expect(forged.status).toBe(303);
    expect(forged.location?.pathname).toBe('/');
  });

  it('signs an enrolled person in with a TOTP code, then with a recovery code', async () => {
    const person = await createPerson(portal.app);
    const enrolment = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', person);
    const authenticator = enrolment.authenticator;
    const recoveryCodes = enrolment.recoveryCodes as string[];

    const withTotp = await signInThroughInteraction(new Browser(portal.url), '/api/auth/sign-in', { ...person, authenticator });
    expect(withTotp.steps).toEqual(['password', 'totp', 'done']);

    const browser = new Browser(portal.url);
    const withRecovery = await signInThroughInteraction(browser, '/api/auth/sign-in', { ...person, recoveryCode: recoveryCodes[0] });
    expect(withRecovery.steps).toEqual(['password', 'totp', 'done']);
    expect((await browser.get('/api/auth/me')).json().amr).toEqual(['pwd', 'otp']);
    // A recovery code is spent once.
    const reused = new Browser(portal.url);
    const { stoppedAt } = await reused.follow('/api/auth/sign-in');
    const uid = interactionUidOf(stoppedAt) as string;
    await reused.postJson(`/interaction/${uid}/password`, { email: person.email, password: person.password });
    const refused = await reused.postJson(`/interaction/${uid}/recovery`, { code: recoveryCodes[0] });
    expect(refused.status).toBe(400);
    expect(refused.json().code).toBe('recovery_code_invalid');
  });
});
