import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { usePortal } from '../../support/test-portal';
import {
  authorizationRequest,
  Browser,
  createPerson,
  discoverAs,
  INSECURE_OK,
  issuerOf,
  leftHalfHash,
  redeem,
  registerApp,
  signInThroughInteraction,
} from '../../support/oidc-rp';

/**
 * Real relying parties (openid-client, jose) against a running portal: discovery, the authorization
 * code flow with PKCE through the JSON sign-in steps (first sign-in enrols TOTP), the ID token and
 * userinfo, and what PKCE is required for.
 */
describe('OpenID provider: discovery and the authorization code flow', () => {
  const portal = usePortal();
  const redirectUri = 'http://127.0.0.1:8765/callback';

  it('publishes discovery metadata and a JWKS that openid-client accepts', async () => {
    const issuer = issuerOf(portal.url);
    const config = await client.discovery(new URL(issuer), 'anyone', undefined, undefined, INSECURE_OK);
    const meta = config.serverMetadata();
    expect(meta.issuer).toBe(issuer);
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(meta.token_endpoint).toBe(`${issuer}/token`);
    expect(meta.userinfo_endpoint).toBe(`${issuer}/me`);
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`);
    expect(meta.end_session_endpoint).toBe(`${issuer}/session/end`);
    expect(meta.introspection_endpoint).toBe(`${issuer}/token/introspection`);
    expect(meta.revocation_endpoint).toBe(`${issuer}/token/revocation`);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.response_types_supported).toContain('code');
    expect(meta.grant_types_supported).toEqual(jasmine.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(meta.scopes_supported).toEqual(jasmine.arrayContaining(['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write']));
    expect(meta.claims_supported).toEqual(jasmine.arrayContaining(['sub', 'email', 'name', 'given_name', 'family_name', 'groups']));
    expect(meta.backchannel_logout_supported).toBeTrue();
    expect(meta.backchannel_logout_session_supported).toBeTrue();
    expect(meta.acr_values_supported).toEqual(jasmine.arrayContaining(['urn:passerelle:loa:mfa']));

    const jwks = (await (await fetch(meta.jwks_uri as string)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys.length).toBeGreaterThan(0);
    for (const key of jwks.keys) {
      expect(key['kid']).toEqual(jasmine.any(String));
      // Public keys only.
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) expect(key[secret]).withContext(`${String(key['kid'])}.${secret}`).toBeUndefined();
    }
    expect(jwks.keys.map((k) => k['kty'])).toContain('RSA');
  });

  it('signs a person in with PKCE (enrolling TOTP on the first sign-in) and issues a verifiable ID token', async () => {
    const person = await createPerson(portal.app, { name: 'Marie-Claire Dubois Martin', groups: ['Finance', 'Everyone'] });
    const app = await registerApp(portal.app, { name: 'Wiki', redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid profile email groups' });
    expect(request.url.searchParams.get('code_challenge_method')).toBe('S256');

    const browser = new Browser(portal.url);
    const signIn = await signInThroughInteraction(browser, request.url, person);
    expect(signIn.steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'done']);
    expect(signIn.recoveryCodes?.length).toBe(10);
    expect(signIn.states[0].client).toEqual({ name: 'Wiki', firstParty: true });
    expect(signIn.callbackUrl.origin + signIn.callbackUrl.pathname).toBe(redirectUri);
    expect(signIn.callbackUrl.searchParams.get('code')).toEqual(jasmine.any(String));
    expect(signIn.callbackUrl.searchParams.get('iss')).toBe(issuerOf(portal.url));

    const tokens = await redeem(config, signIn.callbackUrl, request);
    expect(tokens.token_type.toLowerCase()).toBe('bearer');
    expect(tokens.refresh_token).toBeUndefined(); // no offline_access asked
    const idToken = tokens.id_token as string;

    const jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, { issuer: issuerOf(portal.url), audience: app.clientId });
    expect(protectedHeader.alg).toBe('RS256');
    expect(decodeProtectedHeader(idToken).kid).toEqual(jasmine.any(String));
    expect(payload.sub).toBe(person.id);
    expect(payload.nonce).toBe(request.nonce);
    expect(payload.exp).toBeGreaterThan(Date.now() / 1000);
    expect(payload.iat).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 5);
    // Passerelle sets at_hash on token-endpoint ID tokens too (OIDC Core 3.1.3.6 makes it optional there).
    expect(payload['at_hash']).toBe(await leftHalfHash(tokens.access_token));
    expect(payload['amr']).toEqual(['pwd', 'otp']);
    expect(payload['acr']).toBe('urn:passerelle:loa:mfa');
    // sid only for apps that asked for it (back-channel logout; see oidc-logout.spec.ts).
    expect(payload['sid']).toBeUndefined();
    expect(payload['auth_time']).toEqual(jasmine.any(Number));
    expect(payload['email']).toBe(person.email);
    expect(payload['email_verified']).toBeTrue();
    expect(payload['name']).toBe('Marie-Claire Dubois Martin');
    expect(payload['given_name']).toBe('Marie-Claire');
    expect(payload['family_name']).toBe('Dubois Martin');
    expect(payload['groups']).toEqual(['Everyone', 'Finance']);

    // openid-client's own view of the same token.
    expect(tokens.claims()?.sub).toBe(person.id);

    const userinfo: Record<string, unknown> = { ...(await client.fetchUserInfo(config, tokens.access_token, person.id)) };
    expect(userinfo).toEqual(
      jasmine.objectContaining({ sub: person.id, email: person.email, name: 'Marie-Claire Dubois Martin', given_name: 'Marie-Claire', family_name: 'Dubois Martin', groups: ['Everyone', 'Finance'] }),
    );
  });

  it('releases only the claims of the scopes asked for', async () => {
    const person = await createPerson(portal.app);
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri, scope: 'openid email' });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);
    const tokens = await redeem(config, signIn.callbackUrl, request);
    const claims = tokens.claims() as Record<string, unknown>;
    expect(claims['email']).toBe(person.email);
    expect(claims['name']).toBeUndefined();
    expect(claims['groups']).toBeUndefined();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, person.id);
    expect(userinfo['name']).toBeUndefined();
    expect(userinfo.email).toBe(person.email);
  });

  it('refuses a public app that sends no PKCE challenge, and lets it sign in with one', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], public: true });
    expect(app.clientSecret).toBeUndefined();
    const config = await discoverAs(portal.url, app.clientId);

    const withoutPkce = await authorizationRequest(config, { redirect_uri: redirectUri, pkce: false });
    const browser = new Browser(portal.url);
    const refused = await browser.get(withoutPkce.url);
    // The redirect_uri is valid, so the error goes back to the app.
    expect(refused.status).toBeGreaterThanOrEqual(300);
    expect(refused.status).toBeLessThan(400);
    const location = refused.location as URL;
    expect(location.origin + location.pathname).toBe(redirectUri);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.get('state')).toBe(withoutPkce.state);

    const person = await createPerson(portal.app);
    const withPkce = await authorizationRequest(config, { redirect_uri: redirectUri });
    const signIn = await signInThroughInteraction(browser, withPkce.url, person);
    const tokens = await redeem(config, signIn.callbackUrl, withPkce);
    expect(tokens.claims()?.sub).toBe(person.id);
  });

  it('refuses a code with the wrong PKCE verifier; a code redeemed twice revokes what it gave', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri], public: true });
    const config = await discoverAs(portal.url, app.clientId);
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(config, { redirect_uri: redirectUri });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);

    const wrong = await redeem(config, signIn.callbackUrl, { ...request, codeVerifier: client.randomPKCECodeVerifier() }).catch((e: unknown) => e);
    expect(wrong).toEqual(jasmine.any(client.ResponseBodyError));
    expect((wrong as client.ResponseBodyError).error).toBe('invalid_grant');

    const tokens = await redeem(config, signIn.callbackUrl, request);
    expect((await client.fetchUserInfo(config, tokens.access_token, person.id)).sub).toBe(person.id);

    const replay = await redeem(config, signIn.callbackUrl, request).catch((e: unknown) => e);
    expect(replay).toEqual(jasmine.any(client.ResponseBodyError));
    expect((replay as client.ResponseBodyError).error).toBe('invalid_grant');
    // Code reuse is an attack signal: the tokens issued for that code are revoked with the grant.
    const revoked = await client.fetchUserInfo(config, tokens.access_token, person.id).catch((e: unknown) => e);
    expect(revoked).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
  });

  it('lets a confidential app use PKCE as well, and also sign in without it', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const config = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const person = await createPerson(portal.app);
    const browser = new Browser(portal.url);

    const withPkce = await authorizationRequest(config, { redirect_uri: redirectUri });
    const first = await signInThroughInteraction(browser, withPkce.url, person);
    expect((await redeem(config, first.callbackUrl, withPkce)).claims()?.sub).toBe(person.id);

    // Same browser: single sign-on, no step at all.
    const withoutPkce = await authorizationRequest(config, { redirect_uri: redirectUri, pkce: false });
    const second = await signInThroughInteraction(browser, withoutPkce.url, person);
    expect(second.steps).toEqual([]);
    expect((await redeem(config, second.callbackUrl, withoutPkce)).claims()?.sub).toBe(person.id);
  });

  it('refuses a wrong client secret at the token endpoint', async () => {
    const app = await registerApp(portal.app, { redirectUris: [redirectUri] });
    const good = await discoverAs(portal.url, app.clientId, app.clientSecret);
    const bad = await discoverAs(portal.url, app.clientId, 'not-the-secret');
    const person = await createPerson(portal.app);
    const request = await authorizationRequest(good, { redirect_uri: redirectUri });
    const signIn = await signInThroughInteraction(new Browser(portal.url), request.url, person);
    const error = await redeem(bad, signIn.callbackUrl, request).catch((e: unknown) => e);
    // client_secret_basic: 401 with a WWW-Authenticate challenge carrying the error.
    expect(error).toEqual(jasmine.any(client.WWWAuthenticateChallengeError));
    const challenge = error as client.WWWAuthenticateChallengeError;
    expect(challenge.status).toBe(401);
    expect(challenge.cause[0].parameters.error).toBe('invalid_client');
    // The code was not spent by the failed attempt: the real app can still redeem it.
    expect((await redeem(good, signIn.callbackUrl, request)).claims()?.sub).toBe(person.id);
  });
});
