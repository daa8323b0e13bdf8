import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import type { INestApplication } from '@nestjs/common';
import type { CreateAppRequest, CreatedAppClient, InteractionState } from '@passerelle/contracts';
import { AccountsService } from '../../src/app/accounts/accounts.service';
import { CLI_CONTEXT } from '../../src/app/http/request-context';
import { ClientsService } from '../../src/app/identity/clients/clients.service';

/**
 * A relying party's view of Passerelle, for specs and benchmarks that drive the real OpenID provider
 * over HTTP: a browser (fetch + cookie jar, redirects followed by hand), the JSON sign-in steps, an
 * authenticator (RFC 6238, computed here independently of the server's code) and a tiny RP server
 * that records back-channel logout tokens.
 */

/* ------------------------------------------------------------------ cookies -------------------- */

interface StoredCookie {
  name: string;
  value: string;
  path: string;
  expiresAt?: number;
}

/** Enough of RFC 6265 for one host: path scoping, expiry and deletion. Domains and ports are ignored. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(setCookieHeaders: string[], requestUrl: URL): void {
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const cookie: StoredCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), path: defaultPath(requestUrl.pathname) };
      for (const attribute of attributes) {
        const [rawKey, ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const value = rest.join('=').trim();
        if (key === 'path' && value.startsWith('/')) cookie.path = value;
        else if (key === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000;
        else if (key === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
      }
      const id = `${cookie.name};${cookie.path}`;
      if (cookie.expiresAt !== undefined && cookie.expiresAt <= Date.now()) this.cookies.delete(id);
      else this.cookies.set(id, cookie);
    }
  }

  /** The Cookie header for a request to `url` (more specific paths first), or undefined. */
  headerFor(url: URL): string | undefined {
    const now = Date.now();
    const matching = [...this.cookies.values()]
      .filter((c) => (c.expiresAt === undefined || c.expiresAt > now) && pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** Names of the cookies stored (whatever their path). */
  names(): string[] {
    return [...new Set([...this.cookies.values()].map((c) => c.name))];
  }

  clear(): void {
    this.cookies.clear();
  }
}

function defaultPath(pathname: string): string {
  const slash = pathname.lastIndexOf('/');
  return slash <= 0 ? '/' : pathname.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/* ------------------------------------------------------------------ browser -------------------- */

export interface BrowserResponse {
  status: number;
  headers: Headers;
  url: URL;
  /** Absolute Location of a redirect, if any. */
  location?: URL;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

/**
 * One browser against one portal: every request goes through the cookie jar, redirects are never
 * followed by fetch (the caller decides where to stop, e.g. at an app's redirect_uri).
 */
export class Browser {
  readonly jar = new CookieJar();
  readonly origin: string;

  constructor(
    baseUrl: string,
    readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64) PasserelleTestRP/1.0',
  ) {
    this.origin = new URL(baseUrl).origin;
  }

  url(pathOrUrl: string | URL): URL {
    return new URL(pathOrUrl, this.origin);
  }

  async request(pathOrUrl: string | URL, init: { method?: string; json?: unknown; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<BrowserResponse> {
    const url = this.url(pathOrUrl);
    const headers: Record<string, string> = { 'user-agent': this.userAgent, accept: 'application/json, text/html;q=0.9', ...init.headers };
    const cookie = this.jar.headerFor(url);
    if (cookie) headers['cookie'] = cookie;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method: init.method ?? (body === undefined ? 'GET' : 'POST'), headers, body, redirect: 'manual' });
    this.jar.store(response.headers.getSetCookie(), url);
    const text = await response.text();
    const location = response.headers.get('location');
    return {
      status: response.status,
      headers: response.headers,
      url,
      location: location ? new URL(location, url) : undefined,
      text,
      json: () => JSON.parse(text),
    };
  }

  get(pathOrUrl: string | URL): Promise<BrowserResponse> {
    return this.request(pathOrUrl);
  }

  postJson(pathOrUrl: string | URL, json: unknown = {}): Promise<BrowserResponse> {
    return this.request(pathOrUrl, { method: 'POST', json });
  }

  /**
   * GETs `start` and follows redirects while they stay on the portal's provider and auth routes
   * (/oidc/…, /api/auth/…). Stops at a sign-in page (/interaction/<uid>), at another origin (an
   * app's redirect_uri) or at any other page, without requesting it. Returns where it stopped.
   */
  async follow(start: string | URL, maxHops = 15): Promise<{ stoppedAt: URL; last: BrowserResponse; hops: URL[] }> {
    let next = this.url(start);
    const hops: URL[] = [];
    for (let i = 0; i < maxHops; i++) {
      const response = await this.get(next);
      hops.push(next);
      if (!response.location || response.status < 300 || response.status >= 400) return { stoppedAt: next, last: response, hops };
      next = response.location;
      if (!this.isProviderRoute(next)) return { stoppedAt: next, last: response, hops };
    }
    throw new Error(`More than ${maxHops} redirects from ${start}`);
  }

  private isProviderRoute(url: URL): boolean {
    return url.origin === this.origin && (url.pathname.startsWith('/oidc/') || url.pathname.startsWith('/api/auth/'));
  }
}

/** The uid of a sign-in page URL (/interaction/<uid>), or undefined. */
export function interactionUidOf(url: URL): string | undefined {
  return /^\/interaction\/([^/]+)$/.exec(url.pathname)?.[1];
}

/* ------------------------------------------------------------------ TOTP ---------------------- */

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const TOTP_PERIOD_SECONDS = 30;

function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`Not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 6238 (HMAC-SHA1, 6 digits, 30 s) for the time step `step`. */
export function totpForStep(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

export function currentTotpStep(at = Date.now()): number {
  return Math.floor(at / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code an authenticator shows now for `secret` (base32, spaces allowed). */
export function totpNow(secret: string): string {
  return totpForStep(secret, currentTotpStep());
}

/**
 * An authenticator app that never offers a code the server has already seen: the server accepts
 * each step once and the steps next to the current one, so a second sign-in within 30 s uses the
 * next step's code, and only a third one has to wait.
 */
export class Authenticator {
  private lastStep = -1;
  readonly secret: string;

  constructor(secret: string) {
    this.secret = secret.replace(/\s/g, '');
  }

  async nextCode(): Promise<string> {
    let step = Math.max(currentTotpStep(), this.lastStep + 1);
    while (step > currentTotpStep() + 1) await new Promise((resolve) => setTimeout(resolve, 250));
    step = Math.max(currentTotpStep(), this.lastStep + 1);
    this.lastStep = step;
    return totpForStep(this.secret, step);
  }
}

/* ------------------------------------------------------------------ sign-in ------------------- */

export interface SignInOptions {
  email: string;
  password: string;
  /** The person's authenticator; set from the enrolment when the sign-in enrols one. */
  authenticator?: Authenticator;
  /** Use this recovery code instead of a TOTP code at the 'totp' step. */
  recoveryCode?: string;
  /** Answer to a consent screen (default: approve). */
  approveConsent?: boolean;
  /** Called with every state the portal returns (e.g. to check login_hint or the consent details). */
  onState?: (state: InteractionState) => void;
}

export interface SignInResult {
  /** Where the provider finally sent the browser: the app's redirect_uri with ?code=… (or ?error=…). */
  callbackUrl: URL;
  /** The steps seen, in order (e.g. password, enrol-totp, recovery-codes, done). */
  steps: string[];
  states: InteractionState[];
  authenticator?: Authenticator;
  recoveryCodes?: string[];
  /** Every URL the browser GOT while following redirects (the JSON steps excluded). */
  visited: URL[];
}

/**
 * Sends the browser to `authorizationUrl` and completes the JSON sign-in steps as the web app would,
 * until the provider redirects away from the portal. Enrols an authenticator when asked; with SSO
 * (a session in the jar) it may complete without any step.
 */
export async function signInThroughInteraction(browser: Browser, authorizationUrl: string | URL, options: SignInOptions): Promise<SignInResult> {
  const result: SignInResult = { callbackUrl: new URL('about:blank'), steps: [], states: [], authenticator: options.authenticator, visited: [] };
  let { stoppedAt, hops } = await browser.follow(authorizationUrl);
  result.visited.push(...hops);
  for (let guard = 0; guard < 10; guard++) {
    const uid = interactionUidOf(stoppedAt);
    if (!uid || stoppedAt.origin !== browser.origin) {
      result.callbackUrl = stoppedAt;
      return result;
    }
    let state = await step(browser, result, options, 'GET', `/interaction/${uid}/state`);
    while (state.step !== 'done') {
      state = await nextStep(browser, result, options, uid, state);
    }
    ({ stoppedAt, hops } = await browser.follow(browser.url(state.redirectTo as string)));
    result.visited.push(...hops);
  }
  throw new Error('Too many interactions in one sign-in');
}

async function nextStep(browser: Browser, result: SignInResult, options: SignInOptions, uid: string, state: InteractionState): Promise<InteractionState> {
  const base = `/interaction/${uid}`;
  switch (state.step) {
    case 'password':
      return step(browser, result, options, 'POST', `${base}/password`, { email: options.email, password: options.password });
    case 'enrol-totp': {
      if (!state.enrolment) throw new Error('enrol-totp without enrolment');
      result.authenticator = new Authenticator(state.enrolment.secret);
      return step(browser, result, options, 'POST', `${base}/enrolment`, { code: await result.authenticator.nextCode() });
    }
    case 'recovery-codes':
      result.recoveryCodes = state.recoveryCodes;
      return step(browser, result, options, 'POST', `${base}/finish`, {});
    case 'totp':
      if (options.recoveryCode) return step(browser, result, options, 'POST', `${base}/recovery`, { code: options.recoveryCode });
      if (!result.authenticator) throw new Error('The portal asks for a TOTP code, but no authenticator was given');
      return step(browser, result, options, 'POST', `${base}/totp`, { code: await result.authenticator.nextCode() });
    case 'consent':
      return step(browser, result, options, 'POST', `${base}/consent`, { approve: options.approveConsent ?? true });
    default:
      throw new Error(`Unexpected sign-in step ${state.step}`);
  }
}

async function step(browser: Browser, result: SignInResult, options: SignInOptions, method: 'GET' | 'POST', path: string, json?: unknown): Promise<InteractionState> {
  const response = method === 'GET' ? await browser.get(path) : await browser.postJson(path, json);
  if (response.status !== 200) throw new Error(`${method} ${path} → ${response.status} ${response.text}`);
  const state = response.json() as InteractionState;
  result.steps.push(state.step);
  result.states.push(state);
  options.onState?.(state);
  return state;
}

/** GETs the sign-in state of a sign-in page URL (e.g. to read the email pre-filled from login_hint). */
export async function interactionState(browser: Browser, pageUrl: URL): Promise<InteractionState> {
  const uid = interactionUidOf(pageUrl);
  if (!uid) throw new Error(`Not a sign-in page: ${pageUrl}`);
  const response = await browser.get(`/interaction/${uid}/state`);
  if (response.status !== 200) throw new Error(`state → ${response.status} ${response.text}`);
  return response.json() as InteractionState;
}

/* ------------------------------------------------------------------ openid-client -------------- */

/** http:// is fine for a loopback test portal. */
export const INSECURE_OK = { execute: [client.allowInsecureRequests] };

export function issuerOf(portalUrl: string): string {
  return `${portalUrl.replace(/\/$/, '')}/oidc`;
}

/** An openid-client Configuration for a confidential app (client_secret_basic) or a public one (none). */
export function discoverAs(portalUrl: string, clientId: string, clientSecret?: string): Promise<client.Configuration> {
  const issuer = new URL(issuerOf(portalUrl));
  if (clientSecret === undefined) return client.discovery(issuer, clientId, { token_endpoint_auth_method: 'none' }, client.None(), INSECURE_OK);
  return client.discovery(issuer, clientId, { client_secret: clientSecret }, client.ClientSecretBasic(clientSecret), INSECURE_OK);
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  /** Undefined when the request was built without PKCE. */
  codeVerifier?: string;
}

/** An authorization request with state, nonce and (unless `pkce: false`) S256 PKCE. */
export async function authorizationRequest(
  config: client.Configuration,
  params: { redirect_uri: string; scope?: string; pkce?: boolean; [key: string]: string | boolean | undefined },
): Promise<AuthorizationRequest> {
  const { pkce = true, scope = 'openid profile email groups', ...rest } = params;
  const state = client.randomState();
  const nonce = client.randomNonce();
  const extra: Record<string, string> = {};
  for (const [key, value] of Object.entries(rest)) if (typeof value === 'string') extra[key] = value;
  let codeVerifier: string | undefined;
  if (pkce) {
    codeVerifier = client.randomPKCECodeVerifier();
    extra['code_challenge'] = await client.calculatePKCECodeChallenge(codeVerifier);
    extra['code_challenge_method'] = 'S256';
  }
  const url = client.buildAuthorizationUrl(config, { ...extra, scope, state, nonce });
  return { url, state, nonce, codeVerifier };
}

/** Redeems the code in `callbackUrl` with every check openid-client offers. */
export function redeem(config: client.Configuration, callbackUrl: URL, request: AuthorizationRequest) {
  return client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: request.codeVerifier,
    expectedState: request.state,
    expectedNonce: request.nonce,
    idTokenExpected: true,
  });
}

/** at_hash / c_hash of RFC-style ID tokens signed with a SHA-256 algorithm (RS256, ES256). */
export async function leftHalfHash(value: string, algorithm: 'SHA-256' | 'SHA-512' = 'SHA-256'): Promise<string> {
  const digest = Buffer.from(await crypto.subtle.digest(algorithm, new TextEncoder().encode(value)));
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/* ------------------------------------------------------------------ RP server ----------------- */

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A relying party's own HTTP server on 127.0.0.1: records every request; POSTs to any path with a
 * `logout_token` form field are back-channel logouts (answered 200, as the spec asks).
 */
export class RpServer {
  readonly received: ReceivedRequest[] = [];
  readonly logoutTokens: string[] = [];
  private waiters: Array<() => void> = [];
  private server?: http.Server;
  private base = '';
  /** Status to answer back-channel logouts with (e.g. 500 to simulate a broken app). */
  logoutStatus = 200;

  static async start(): Promise<RpServer> {
    const rp = new RpServer();
    await rp.listen();
    return rp;
  }

  private listen(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        const token = req.method === 'POST' ? new URLSearchParams(body).get('logout_token') : null;
        if (token) this.logoutTokens.push(token);
        res.writeHead(token ? this.logoutStatus : 200, { 'cache-control': 'no-store', 'content-type': 'text/plain' });
        res.end('ok');
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    return new Promise((resolve) =>
      (this.server as http.Server).listen(0, '127.0.0.1', () => {
        this.base = `http://127.0.0.1:${((this.server as http.Server).address() as AddressInfo).port}`;
        resolve();
      }),
    );
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  /** Waits until at least `count` logout tokens arrived (default: one more than now is not assumed). */
  async waitForLogoutTokens(count: number, timeoutMs = 5000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.logoutTokens.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} logout token(s), got ${this.logoutTokens.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.logoutTokens.slice(0, count);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/* ------------------------------------------------------------------ fixtures ------------------ */

export function uniqueEmail(prefix = 'person'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}@acme.test`;
}

export interface Person {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** An active account with a password and no authenticator yet (its first sign-in enrols one). */
export async function createPerson(app: INestApplication, input: { name?: string; groups?: string[]; isAdmin?: boolean } = {}): Promise<Person> {
  const email = uniqueEmail();
  const name = input.name ?? 'Marie-Claire Dubois';
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const user = await app.get(AccountsService).createUser({ email, name, password, groups: input.groups, isAdmin: input.isAdmin }, 'test', CLI_CONTEXT);
  return { id: user.id, email: user.email, name, password };
}

/** An app registered by an administrator (first-party), through the real registry. */
export function registerApp(app: INestApplication, input: Partial<CreateAppRequest> & { redirectUris: string[] }): Promise<CreatedAppClient> {
  return app.get(ClientsService).create({ name: `Test app ${randomBytes(3).toString('hex')}`, ...input }, 'test', CLI_CONTEXT);
}

/** The hidden fields of the first <form> with this id in an HTML page, plus its action. */
export function parseForm(html: string, formId: string): { action: string; fields: Record<string, string> } {
  const form = new RegExp(`<form[^>]*id="${formId.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</form>`, 'i').exec(html);
  if (!form) throw new Error(`No form #${formId} in the page`);
  const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? '';
  const fields: Record<string, string> = {};
  for (const input of form[1].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]*)"/i.exec(input[0])?.[1];
    const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? '';
    if (name) fields[name] = value.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  }
  return { action, fields };
}
