// A tiny web app that signs people in with Passerelle, as a real relying party would: openid-client
// (discovery, authorization code + PKCE, code exchange) on node:http, its own session cookie, and
// back-channel logout so that signing out of Passerelle signs out of the app too.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';

export const RP_COOKIE = 'rp_session';
const RP_NAME = 'Test app';

interface RpSession {
  email: string;
  sub: string;
  sid?: string;
}

export interface RelyingParty {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly redirectUri: string;
  readonly backchannelLogoutUri: string;
  /** Discovers the provider with the credentials the portal gave when the app was registered. */
  configure(issuer: string, clientId: string, clientSecret: string): Promise<void>;
  /** Back-channel logout tokens received so far (their `sub` claims). */
  readonly loggedOut: string[];
  /** Problems the app met (failed code exchanges, bad logout tokens), for failure messages. */
  readonly problems: string[];
  stop(): Promise<void>;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}main{max-width:32rem}</style></head>
<body><main><h1>${escapeHtml(RP_NAME)}</h1>${body}</main></body></html>`;
}

function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startRelyingParty(): Promise<RelyingParty> {
  let config: client.Configuration | undefined;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const pending = new Map<string, { verifier: string }>();
  const sessions = new Map<string, RpSession>();
  const loggedOut: string[] = [];
  const problems: string[] = [];

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      problems.push(`${req.method} ${req.url}: ${error.message}`);
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Sign-in failed', `<p role="alert">Sign-in failed: ${escapeHtml(error.message)}</p>`));
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    if (req.method === 'GET' && url.pathname === '/') {
      const session = sessions.get(cookieOf(req, RP_COOKIE) ?? '');
      if (!session) {
        res.writeHead(302, { location: '/login' }).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page(RP_NAME, `<p data-testid="rp-user">Signed in as ${escapeHtml(session.email)}</p>`));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/login') {
      if (!config) throw new Error('the app is not configured yet');
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      pending.set(state, { verifier });
      const target = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      res.writeHead(302, { location: target.href }).end();
      return;
    }
    if (req.method === 'GET' && url.pathname === '/callback') {
      if (!config) throw new Error('the app is not configured yet');
      const state = url.searchParams.get('state') ?? '';
      const started = pending.get(state);
      if (!started) throw new Error(`unknown state ${JSON.stringify(state)} (${url.search})`);
      pending.delete(state);
      const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: started.verifier, expectedState: state });
      const claims = tokens.claims();
      if (!claims || typeof claims['email'] !== 'string') throw new Error(`no email in the ID token: ${JSON.stringify(claims)}`);
      const id = randomBytes(16).toString('base64url');
      sessions.set(id, { email: claims['email'], sub: claims.sub, sid: typeof claims['sid'] === 'string' ? claims['sid'] : undefined });
      res.writeHead(302, { location: '/', 'set-cookie': `${RP_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax` }).end();
      return;
    }
    if (req.method === 'POST' && url.pathname === '/backchannel-logout') {
      if (!config || !jwks) throw new Error('the app is not configured yet');
      const token = new URLSearchParams(await readBody(req)).get('logout_token') ?? '';
      const { payload } = await jwtVerify(token, jwks, { issuer: config.serverMetadata().issuer, audience: config.clientMetadata().client_id });
      const events = payload['events'] as Record<string, unknown> | undefined;
      if (!events || !('http://schemas.openid.net/event/backchannel-logout' in events)) throw new Error('not a logout token');
      for (const [id, session] of sessions) {
        if ((payload['sid'] && session.sid === payload['sid']) || (payload.sub && session.sub === payload.sub)) sessions.delete(id);
      }
      loggedOut.push(String(payload.sub ?? payload['sid']));
      res.writeHead(200, { 'cache-control': 'no-store' }).end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const redirectUri = `${base}/callback`;

  return {
    url: base,
    redirectUri,
    backchannelLogoutUri: `${base}/backchannel-logout`,
    loggedOut,
    problems,
    async configure(issuer, clientId, clientSecret) {
      config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
      jwks = createRemoteJWKSet(new URL(config.serverMetadata().jwks_uri as string));
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
