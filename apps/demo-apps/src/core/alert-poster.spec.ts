import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertPostError, AlertPoster, portalOrigin, postPatiently, TOKEN_RENEWAL_MARGIN_MS } from './alert-poster';
import { NotConfiguredError, RelyingParty } from './relying-party';

/**
 * The poster against a tiny stand-in for Passerelle: discovery, a token endpoint (client_credentials,
 * client_secret_basic) and the push API, each answering what the spec tells it to. The real portal
 * is in the portal's demo integration spec and the end-to-end tests.
 */
describe('AlertPoster', () => {
  let server: http.Server;
  let issuer: string;
  let now: number;
  let tokenRequests: Array<{ authorization: string; body: URLSearchParams }>;
  let alertRequests: Array<{ authorization: string; contentType: string; body: unknown }>;
  /** What the token endpoint answers next (default: a new token valid expiresIn seconds). */
  let tokenAnswer: () => { status: number; body: object };
  let expiresIn: number;
  /** What the push API answers, given the bearer token (default: 202 for the latest token). */
  let alertsAnswer: (token: string) => { status: number; body: object };
  let issued: string[];

  const credentials = { clientId: 'crm-abc123', clientSecret: 's3cret' };
  const alert = { recipients: { users: ['u1'] }, title: 'Offre Hôtel du Lac : validation attendue', severity: 'warning' as const, dedupeKey: 'k1' };
  const accepted = { id: 'a1', status: 'created', recipients: 1, skipped: 0 };

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const answer = (status: number, body: object): void => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (req.url === '/oidc/.well-known/openid-configuration') {
          answer(200, { issuer, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth` });
        } else if (req.url === '/oidc/token' && req.method === 'POST') {
          tokenRequests.push({ authorization: req.headers.authorization ?? '', body: new URLSearchParams(text) });
          const { status, body } = tokenAnswer();
          answer(status, body);
        } else if (req.url === '/api/alerts' && req.method === 'POST') {
          const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
          alertRequests.push({ authorization: req.headers.authorization ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
          const { status, body } = alertsAnswer(token);
          answer(status, body);
        } else {
          answer(404, {});
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oidc`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  beforeEach(() => {
    now = Date.UTC(2026, 5, 1, 8);
    tokenRequests = [];
    alertRequests = [];
    issued = [];
    expiresIn = 600;
    tokenAnswer = () => {
      const token = `token-${issued.length + 1}`;
      issued.push(token);
      return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn, scope: 'alerts:write' } };
    };
    alertsAnswer = (token) => (token === issued[issued.length - 1] ? { status: 202, body: accepted } : { status: 401, body: { statusCode: 401, code: 'unauthorized', message: 'A valid bearer access token is required.' } });
  });

  function posterFor(rp = new RelyingParty({ issuer, redirectUri: 'http://127.0.0.1:1/callback', postLogoutRedirectUri: 'http://127.0.0.1:1/' }, credentials)) {
    return { rp, poster: new AlertPoster({ issuer, configuration: () => rp.clientConfiguration(), now: () => now }) };
  }

  const failureOf = async (work: Promise<unknown>): Promise<AlertPostError> => {
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toEqual(jasmine.any(AlertPostError));
    return error as AlertPostError;
  };

  it('gets a client_credentials token for alerts:write and posts the JSON to <portal origin>/api/alerts; the token is reused', async () => {
    const { poster } = posterFor();
    expect(poster.endpoint).toBe(`${portalOrigin(issuer)}/api/alerts`);
    expect(portalOrigin('http://localhost:3000/oidc/')).toBe('http://localhost:3000');

    expect(await poster.post(alert)).toEqual(accepted as never);
    expect(await poster.post({ ...alert, dedupeKey: 'k2' })).toEqual(accepted as never);

    expect(tokenRequests.length).toBe(1);
    expect(tokenRequests[0].body.get('grant_type')).toBe('client_credentials');
    expect(tokenRequests[0].body.get('scope')).toBe('alerts:write');
    expect(basicCredentials(tokenRequests[0].authorization)).toEqual([credentials.clientId, credentials.clientSecret]);
    expect(alertRequests.map((r) => r.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
    expect(alertRequests[0].contentType).toBe('application/json');
    expect(alertRequests[0].body).toEqual(alert);
  });

  it('renews the token shortly before it expires', async () => {
    expiresIn = 120;
    const { poster } = posterFor();
    await poster.post(alert);
    now += 120_000 - TOKEN_RENEWAL_MARGIN_MS - 1000;
    await poster.post(alert);
    expect(tokenRequests.length).toBe(1);
    now += 2000;
    await poster.post(alert);
    expect(tokenRequests.length).toBe(2);
    expect(alertRequests.map((r) => r.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('on a 401 tries once more with a fresh token (e.g. the old one was revoked)', async () => {
    const { poster } = posterFor();
    await poster.post(alert);
    // Passerelle forgot token-1 (revoked): the next post gets 401, then succeeds with token-2.
    alertsAnswer = (token) => (token === 'token-2' ? { status: 202, body: accepted } : { status: 401, body: { code: 'unauthorized', message: 'A valid bearer access token is required.' } });
    expect(await poster.post(alert)).toEqual(accepted as never);
    expect(alertRequests.map((r) => r.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);

    // Only once: a second 401 is a failure, not a loop.
    alertsAnswer = () => ({ status: 401, body: { code: 'unauthorized', message: 'A valid bearer access token is required.' } });
    const error = await failureOf(poster.post(alert));
    expect(error.status).toBe(401);
    expect(error.temporary).toBeFalse();
    expect(error.message).toBe('Passerelle answered 401: A valid bearer access token is required.');
    expect(tokenRequests.length).toBe(3);
  });

  it('drops the token when the app gets new credentials', async () => {
    const { rp, poster } = posterFor();
    await poster.post(alert);
    rp.configure({ clientId: credentials.clientId, clientSecret: 'new-secret' });
    await poster.post(alert);
    expect(tokenRequests.length).toBe(2);
    expect(basicCredentials(tokenRequests[1].authorization)).toEqual([credentials.clientId, 'new-secret']);
  });

  it('says why Passerelle refused: fields of a 400, a missing alerts:write scope, bad credentials', async () => {
    const { poster } = posterFor();
    alertsAnswer = () => ({ status: 400, body: { code: 'validation_failed', message: 'recipients.groups: Unknown groups: Direction.', fields: { 'recipients.groups': ['Unknown groups: Direction.'] } } });
    const invalid = await failureOf(poster.post(alert));
    expect(invalid.message).toBe('Passerelle answered 400: recipients.groups: Unknown groups: Direction. (recipients.groups: Unknown groups: Direction.)');
    expect(invalid.temporary).toBeFalse();

    const fresh = posterFor().poster;
    tokenAnswer = () => ({ status: 400, body: { error: 'invalid_scope', error_description: 'requested scope is not allowed' } });
    const noScope = await failureOf(fresh.post(alert));
    expect(noScope.message).toContain(`npm run portal -- app update ${credentials.clientId} --scope alerts:write`);
    expect(noScope.temporary).toBeFalse();

    tokenAnswer = () => ({ status: 400, body: { error: 'invalid_client', error_description: 'client authentication failed' } });
    const badClient = await failureOf(posterFor().poster.post(alert));
    expect(badClient.message).toMatch(/refused this app's credentials: client authentication failed/);
    expect(badClient.temporary).toBeFalse();

    alertsAnswer = () => ({ status: 503, body: { message: 'Starting' } });
    tokenAnswer = () => ({ status: 200, body: { access_token: 'x', token_type: 'Bearer', expires_in: 600 } });
    expect((await failureOf(posterFor().poster.post(alert))).temporary).toBeTrue();
  });

  it('is temporary when Passerelle can’t be reached; refuses plainly without credentials', async () => {
    const unreachable = 'http://127.0.0.1:9/oidc';
    const rp = new RelyingParty({ issuer: unreachable, redirectUri: 'http://127.0.0.1:1/cb', postLogoutRedirectUri: 'http://127.0.0.1:1/' }, credentials);
    const poster = new AlertPoster({ issuer: unreachable, configuration: () => rp.clientConfiguration() });
    const error = await failureOf(poster.post(alert));
    expect(error.temporary).toBeTrue();
    expect(error.message).toMatch(/could not be reached/);

    const bare = new RelyingParty({ issuer, redirectUri: 'http://127.0.0.1:1/cb', postLogoutRedirectUri: 'http://127.0.0.1:1/' });
    await expectAsync(new AlertPoster({ issuer, configuration: () => bare.clientConfiguration() }).post(alert)).toBeRejectedWith(jasmine.any(NotConfiguredError));
  });
});

/** client_secret_basic: id and secret form-urlencoded, then base64 (RFC 6749, section 2.3.1). */
function basicCredentials(header: string): string[] {
  const decoded = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
  return decoded.split(':').map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
}

describe('postPatiently', () => {
  const alert = { recipients: { everyone: true }, title: 'Nouvelle procédure' };
  const done = { id: 'a1', status: 'created' as const, recipients: 3, skipped: 0 };
  const signal = () => new AbortController().signal;

  it('tries again while Passerelle is only temporarily unable, then returns its answer', async () => {
    let calls = 0;
    const poster = { post: async () => (++calls < 3 ? Promise.reject(new AlertPostError('not reachable', true)) : done) };
    expect(await postPatiently(poster, alert, { deadline: Date.now() + 10_000, signal: signal(), firstDelayMs: 1 })).toEqual(done);
    expect(calls).toBe(3);
  });

  it('gives up at once on a permanent refusal, and at the deadline on a temporary one', async () => {
    let calls = 0;
    const refused = { post: async () => (++calls, Promise.reject(new AlertPostError('Passerelle answered 403', false, 403))) };
    await expectAsync(postPatiently(refused, alert, { deadline: Date.now() + 10_000, signal: signal(), firstDelayMs: 1 })).toBeRejectedWithError(/403/);
    expect(calls).toBe(1);

    calls = 0;
    const down = { post: async () => (++calls, Promise.reject(new AlertPostError('not reachable', true))) };
    await expectAsync(postPatiently(down, alert, { deadline: Date.now() + 50, signal: signal(), firstDelayMs: 10, maxDelayMs: 10 })).toBeRejectedWithError(/not reachable/);
    expect(calls).toBeGreaterThan(1);
  });

  it('stops when aborted (the app is closing)', async () => {
    const abort = new AbortController();
    const down = { post: async () => Promise.reject(new AlertPostError('not reachable', true)) };
    const attempt = postPatiently(down, alert, { deadline: Date.now() + 60_000, signal: abort.signal, firstDelayMs: 10_000 });
    setTimeout(() => abort.abort(), 10);
    await expectAsync(attempt).toBeRejected();
  });
});
