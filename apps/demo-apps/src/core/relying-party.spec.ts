import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT, LogoutTokenError, NotConfiguredError, RelyingParty } from './relying-party';

/**
 * Back-channel logout tokens the provider could never send (wrong audience, an ID token, a replay…)
 * can't come from the real portal, so a stand-in publishes discovery and a JWKS here.
 */
describe('RelyingParty: back-channel logout tokens', () => {
  let server: http.Server;
  let issuer: string;
  let key: CryptoKey;
  let rp: RelyingParty;
  const clientId = 'wiki-abc123';

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = http.createServer((req, res) => {
      const body =
        req.url === '/oidc/.well-known/openid-configuration'
          ? { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, end_session_endpoint: `${issuer}/session/end` }
          : req.url === '/oidc/jwks'
            ? { keys: [jwk] }
            : undefined;
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(body ?? {}));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    rp = new RelyingParty({ issuer, redirectUri: 'http://127.0.0.1:1/callback', postLogoutRedirectUri: 'http://127.0.0.1:1/' }, { clientId, clientSecret: 's3cret' });
  });

  let counter = 0;
  function token(claims: JWTPayload = {}, header: { typ?: string; kid?: string } = {}, signWith?: CryptoKey): Promise<string> {
    const payload: JWTPayload = { sub: 'user-1', sid: 'session-1', events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, jti: `jti-${++counter}`, ...claims };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: 'k1', ...header })
      .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
      .setAudience(claims.aud ?? clientId)
      .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
      .sign(signWith ?? key);
  }
  const refused = async (promise: Promise<unknown>, pattern: RegExp) => {
    const error = await promise.then(() => undefined, (e: unknown) => e);
    expect(error).toEqual(jasmine.any(LogoutTokenError));
    expect((error as Error).message).toMatch(pattern);
  };

  it('accepts a logout token from the provider and says whose sessions end', async () => {
    expect(await rp.verifyLogoutToken(await token())).toEqual({ sid: 'session-1', sub: 'user-1' });
    expect(await rp.verifyLogoutToken(await token({ sid: undefined }))).toEqual({ sid: undefined, sub: 'user-1' });
  });

  it('refuses the same token twice', async () => {
    const once = await token();
    await rp.verifyLogoutToken(once);
    await refused(rp.verifyLogoutToken(once), /already used/);
  });

  it('refuses tokens that are not logout tokens for this app from this provider', async () => {
    await refused(rp.verifyLogoutToken(''), /No logout_token/);
    await refused(rp.verifyLogoutToken('a.b.c'), /Invalid logout token/);
    await refused(rp.verifyLogoutToken(await token({ aud: 'another-app' })), /Invalid logout token.*aud/);
    await refused(rp.verifyLogoutToken(await token({ iss: 'https://evil.example/oidc' })), /Invalid logout token.*iss/);
    await refused(rp.verifyLogoutToken(await token({}, { typ: 'JWT' })), /Invalid logout token.*typ/);
    await refused(rp.verifyLogoutToken(await token({ events: { other: {} } })), /back-channel logout event/);
    await refused(rp.verifyLogoutToken(await token({ nonce: 'n' })), /nonce/);
    await refused(rp.verifyLogoutToken(await token({ sid: undefined, sub: undefined })), /sid or a sub/);
    await refused(rp.verifyLogoutToken(await token({ jti: undefined })), /Invalid logout token.*jti/);
    await refused(rp.verifyLogoutToken(await token({ iat: Math.floor(Date.now() / 1000) - 3600 })), /Invalid logout token/);
    const stranger = await generateKeyPair('RS256');
    await refused(rp.verifyLogoutToken(await token({}, {}, stranger.privateKey)), /Invalid logout token.*signature/);
  });

  it('without client credentials, says it is not configured', async () => {
    const bare = new RelyingParty({ issuer, redirectUri: 'http://127.0.0.1:1/callback', postLogoutRedirectUri: 'http://127.0.0.1:1/' });
    expect(bare.configured).toBeFalse();
    await expectAsync(bare.verifyLogoutToken('x.y.z')).toBeRejectedWith(jasmine.any(NotConfiguredError));
    bare.configure({ clientId, clientSecret: 's' });
    expect(bare.configured).toBeTrue();
  });
});
