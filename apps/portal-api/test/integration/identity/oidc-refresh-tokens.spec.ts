import * as client from 'openid-client';
import { usePortal } from '../../support/test-portal';
import { authorizationRequest, Browser, createPerson, discoverAs, redeem, registerApp, signInThroughInteraction } from '../../support/oidc-rp';

/**
 * Refresh tokens seen from a real relying party: issued for offline_access (first-party apps get
 * them without a consent screen), rotated on every use, and a replayed one kills the whole grant.
 */
describe('OpenID provider: refresh tokens', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8766/callback';

  async function errorOf(work: Promise<unknown>): Promise<client.ResponseBodyError> {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).withContext('expected the token endpoint to refuse').toEqual(jasmine.any(client.ResponseBodyError));
    return error as client.ResponseBodyError;
  }

  it('issues a refresh token for offline_access without a consent screen, rotates it, and revokes the grant on reuse', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid profile offline_access' });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);
    expect(signIn.steps).not.toContain('consent');
    const tokens = await redeem(config, signIn.callbackUrl, request);
    expect(tokens.scope?.split(' ')).toEqual(jasmine.arrayContaining(['openid', 'profile', 'offline_access']));
    const first = tokens.refresh_token as string;
    expect(first).toEqual(jasmine.any(String));

    const refreshed = await client.refreshTokenGrant(config, first);
    const second = refreshed.refresh_token as string;
    expect(second).toEqual(jasmine.any(String));
    expect(second).not.toBe(first);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    // A refreshed ID token still says how the person signed in.
    const claims = { ...refreshed.claims() } as Record<string, unknown>;
    expect(claims['sub']).toBe(person.id);
    expect(claims['amr']).toEqual(['pwd', 'otp']);
    expect((await client.fetchUserInfo(config, refreshed.access_token, person.id)).sub).toBe(person.id);

    // The old one again: refused, and the whole grant goes (reuse detection).
    expect((await errorOf(client.refreshTokenGrant(config, first))).error).toBe('invalid_grant');
    expect((await errorOf(client.refreshTokenGrant(config, second))).error).toBe('invalid_grant');
    const userinfo = await client.fetchUserInfo(config, refreshed.access_token, person.id).catch((e: unknown) => e);
    expect(userinfo).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    const introspected = await client.tokenIntrospection(config, refreshed.access_token);
    expect(introspected.active).toBeFalse();
  });

  it('also issues one when the app asks prompt=consent itself (the consent screen is shown then)', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email offline_access', prompt: 'consent' });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);
    expect(signIn.steps).toContain('consent');
    const consent = signIn.states.find((s) => s.step === 'consent');
    expect(consent?.consent?.scopes).toEqual(jasmine.arrayContaining(['openid', 'email', 'offline_access']));
    const tokens = await redeem(config, signIn.callbackUrl, request);
    expect(tokens.refresh_token).toEqual(jasmine.any(String));
    expect((await client.refreshTokenGrant(config, tokens.refresh_token as string)).refresh_token).toEqual(jasmine.any(String));
  });

  it('ignores an implicit-consent marker the app forges itself: the consent screen it asked for is still shown', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email offline_access', prompt: 'consent' });
    const forged = new URL(request.url);
    forged.searchParams.set('psl_implicit_consent', '1');
    const signIn = await signInThroughInteraction(new Browser(portal.url), forged, person);
    expect(signIn.steps).toContain('consent');
  });

  it('issues no refresh token without offline_access', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid' });
    const tokens = await redeem(config, (await signInThroughInteraction(new Browser(portal.url), request.url, person)).callbackUrl, request);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('gives a public app (PKCE) rotating refresh tokens too', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], public: true });
    const config = await discoverAs(portal.url, app.clientId);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid offline_access' });
    const tokens = await redeem(config, (await signInThroughInteraction(new Browser(portal.url), request.url, person)).callbackUrl, request);
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token as string);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
  });

  it('revokes a refresh token at the revocation endpoint', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid offline_access' });
    const tokens = await redeem(config, (await signInThroughInteraction(new Browser(portal.url), request.url, person)).callbackUrl, request);
    const refreshToken = tokens.refresh_token as string;
    expect((await client.tokenIntrospection(config, refreshToken)).active).toBeTrue();

    await client.tokenRevocation(config, refreshToken, { token_type_hint: 'refresh_token' });
    expect((await client.tokenIntrospection(config, refreshToken)).active).toBeFalse();
    expect((await errorOf(client.refreshTokenGrant(config, refreshToken))).error).toBe('invalid_grant');
  });

  it('does not let another app revoke or refresh with someone else’s refresh token', async () => {
    const owner = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const other = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const ownerConfig = await discoverAs(portal.url, owner.clientId, owner.clientSecret);
    const otherConfig = await discoverAs(portal.url, other.clientId, other.clientSecret);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(ownerConfig, { redirect_uri: redirectUri, scope: 'openid offline_access' });
    const tokens = await redeem(ownerConfig, (await signInThroughInteraction(new Browser(portal.url), request.url, person)).callbackUrl, request);
    const refreshToken = tokens.refresh_token as string;

    expect((await errorOf(client.refreshTokenGrant(otherConfig, refreshToken))).error).toBe('invalid_grant');
    // Revoking a token of another app answers 200 like an unknown token would (RFC 7009) and does nothing.
    await client.tokenRevocation(otherConfig, refreshToken);
    expect((await client.refreshTokenGrant(ownerConfig, refreshToken)).refresh_token).toEqual(jasmine.any(String));
  });
});
