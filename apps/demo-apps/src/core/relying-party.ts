// What makes a demo app a real OpenID Connect relying party of Passerelle, with openid-client doing
// the protocol: discovery, authorization code + PKCE + state + nonce, client_secret_basic, userinfo,
// RP-initiated logout; and back-channel logout tokens verified with jose against the provider's JWKS.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as client from 'openid-client';
import type { PendingSignIn, Person } from './sessions';

export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
export const SCOPE = 'openid profile email groups';

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

export interface RelyingPartySettings {
  issuer: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
}

export interface SignedIn {
  person: Person;
  sid: string | null;
  idToken: string;
  authTime: Date | null;
}

/** The app has no client id and secret yet (the demo seed has not run or not been passed on). */
export class NotConfiguredError extends Error {}

/** A logout token that is not one: answered 400, as the back-channel logout spec asks. */
export class LogoutTokenError extends Error {}

interface Discovered {
  config: client.Configuration;
  jwks: ReturnType<typeof createRemoteJWKSet>;
  credentials: Credentials;
}

export class RelyingParty {
  private credentials: Credentials | undefined;
  private discovered: Promise<Discovered> | undefined;
  /** Logout token ids seen lately (a replayed token is refused). */
  private readonly seenLogoutTokens = new Map<string, number>();

  constructor(
    readonly settings: RelyingPartySettings,
    credentials?: Credentials,
    private readonly now: () => number = Date.now,
  ) {
    this.credentials = credentials;
  }

  get configured(): boolean {
    return this.credentials !== undefined;
  }

  /** New client credentials (e.g. after the demo seed rotated the secret); discovery runs again. */
  configure(credentials: Credentials): void {
    this.credentials = { ...credentials };
    this.discovered = undefined;
  }

  /** The discovered client with its current credentials, for the app's own calls to Passerelle (posting alerts). */
  async clientConfiguration(): Promise<client.Configuration> {
    return (await this.discover()).config;
  }

  /** Discovery happens on first use and is kept; a failed one is retried next time (the portal may start later). */
  private discover(): Promise<Discovered> {
    const credentials = this.credentials;
    if (!credentials) return Promise.reject(new NotConfiguredError('This demo app has no client id and secret yet: run the demo seed.'));
    if (!this.discovered) {
      const issuer = new URL(this.settings.issuer);
      const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined;
      const attempt = client
        .discovery(issuer, credentials.clientId, { client_secret: credentials.clientSecret }, client.ClientSecretBasic(credentials.clientSecret), options)
        .then((config) => {
          const jwksUri = config.serverMetadata().jwks_uri;
          if (!jwksUri) throw new Error(`${issuer.href} publishes no jwks_uri`);
          return { config, jwks: createRemoteJWKSet(new URL(jwksUri)), credentials };
        });
      attempt.catch(() => {
        if (this.discovered === attempt) this.discovered = undefined;
      });
      this.discovered = attempt;
    }
    return this.discovered;
  }

  /** The authorization request to send the browser to, and what the callback must check. */
  async startSignIn(options: { loginHint?: string; returnTo: string }): Promise<{ url: URL; pending: PendingSignIn }> {
    const { config } = await this.discover();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: options.returnTo,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.settings.redirectUri,
      scope: SCOPE,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (options.loginHint) parameters['login_hint'] = options.loginHint;
    return { url: client.buildAuthorizationUrl(config, parameters), pending };
  }

  /**
   * Redeems the code of `callbackUrl` (the full URL the browser came back to) with every check:
   * state, nonce, PKCE, ID token signature, issuer, audience. The profile comes from the ID token;
   * userinfo fills in what it lacks.
   */
  async finishSignIn(callbackUrl: URL, pending: PendingSignIn): Promise<SignedIn> {
    const { config } = await this.discover();
    const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new Error('Passerelle returned no ID token');
    let profile: Record<string, unknown> = claims;
    if (typeof claims['email'] !== 'string' || !Array.isArray(claims['groups'])) {
      profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
    }
    return {
      person: personFrom(claims.sub, profile),
      sid: typeof claims['sid'] === 'string' ? claims['sid'] : null,
      idToken: tokens.id_token,
      authTime: typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : null,
    };
  }

  /** Passerelle's end_session_endpoint, so that signing out of the app signs out of Passerelle too. */
  async signOutUrl(idToken: string): Promise<URL> {
    const { config } = await this.discover();
    return client.buildEndSessionUrl(config, { id_token_hint: idToken, post_logout_redirect_uri: this.settings.postLogoutRedirectUri });
  }

  /**
   * Checks a back-channel logout token (OpenID Connect Back-Channel Logout 1.0, section 2.6): signed
   * by the provider's keys, typ logout+jwt, our issuer and client id, recent, the logout event, a sid
   * or a sub, no nonce, not seen before. Returns whose sessions end.
   */
  async verifyLogoutToken(token: string): Promise<{ sid?: string; sub?: string }> {
    if (!token) throw new LogoutTokenError('No logout_token in the request.');
    const { jwks, credentials } = await this.discover();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        issuer: this.settings.issuer,
        audience: credentials.clientId,
        typ: 'logout+jwt',
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
        requiredClaims: ['iat', 'jti'],
        maxTokenAge: '5 minutes',
        clockTolerance: 30,
      }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw new LogoutTokenError(`Invalid logout token: ${error.message}`);
      throw error;
    }
    const events = payload['events'];
    if (!events || typeof events !== 'object' || !(BACKCHANNEL_LOGOUT_EVENT in events)) throw new LogoutTokenError('Not a logout token: the back-channel logout event is missing.');
    if ('nonce' in payload) throw new LogoutTokenError('A logout token must not carry a nonce.');
    const sid = typeof payload['sid'] === 'string' && payload['sid'] ? payload['sid'] : undefined;
    const sub = typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined;
    if (!sid && !sub) throw new LogoutTokenError('A logout token must name a sid or a sub.');
    this.rememberLogoutToken(payload.jti as string);
    return { sid, sub };
  }

  private rememberLogoutToken(jti: string): void {
    const now = this.now();
    for (const [id, expiresAt] of this.seenLogoutTokens) if (expiresAt <= now) this.seenLogoutTokens.delete(id);
    if (this.seenLogoutTokens.has(jti)) throw new LogoutTokenError('This logout token was already used.');
    if (this.seenLogoutTokens.size >= 10_000) this.seenLogoutTokens.delete(this.seenLogoutTokens.keys().next().value as string);
    // As long as maxTokenAge (+ clock tolerance): an older replay fails that check anyway.
    this.seenLogoutTokens.set(jti, now + 6 * 60 * 1000);
  }
}

function personFrom(sub: string, profile: Record<string, unknown>): Person {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const groups = Array.isArray(profile['groups']) ? profile['groups'].filter((g): g is string => typeof g === 'string') : [];
  return {
    sub,
    name: text(profile['name']) || text(profile['email']) || sub,
    email: text(profile['email']),
    groups,
    locale: text(profile['locale']) || null,
  };
}
