// One demo app on its own port: the routes every app shares (home, sign-in, callback, sign-out,
// back-channel logout), around the app's definition.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { AlertPoster, portalOrigin, postPatiently } from './alert-poster';
import { DEMO_APP_PATHS, type DemoAppDefinition } from './definition';
import { cookie, HttpError, readCookie, readForm, redirect, securityHeaders, sendHtml, sendText } from './http';
import { languageOf, notFoundPage, problemPage, signedInPage, signedOutPage, signInFirstPage, stylesheet, iconSvg, testAlert, type AlertNotice } from './pages';
import { LogoutTokenError, NotConfiguredError, RelyingParty, type Credentials } from './relying-party';
import { PENDING_TTL_MS, SessionStore } from './sessions';

const MAX_LOGIN_HINT_LENGTH = 320;
/**
 * How long an app keeps trying to post its own alerts after it got its credentials: `npm run demo`
 * gives the apps their credentials before the portal has started.
 */
export const STARTUP_ALERTS_PATIENCE_MS = 3 * 60 * 1000;

export interface DemoAppServerOptions {
  definition: DemoAppDefinition;
  /** Passerelle's issuer, `${PUBLIC_URL}/oidc`. */
  issuer: string;
  /** Address to listen on. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Host name in the app's URLs (what the browser uses), e.g. localhost. */
  publicHost: string;
  credentials?: Credentials;
  log: (line: string) => void;
}

export interface DemoAppServer {
  readonly definition: DemoAppDefinition;
  /** http://<publicHost>:<port>, no trailing slash. */
  readonly url: string;
  readonly sessions: SessionStore;
  readonly relyingParty: RelyingParty;
  readonly alertPoster: AlertPoster;
  /** Problems met (failed sign-ins, refused logout tokens, alerts Passerelle did not take), newest last, for logs and test failures. */
  readonly problems: string[];
  /** Gives the app its client credentials, then posts the app's own alerts (see DemoAppDefinition.alerts). */
  configure(credentials: Credentials): void;
  /** Settles once the app's own alerts were posted, or given up on (a problem is noted then). */
  startupAlerts(): Promise<void>;
  close(): Promise<void>;
}

export async function startDemoAppServer(options: DemoAppServerOptions): Promise<DemoAppServer> {
  const { definition: app } = options;
  const sessions = new SessionStore();
  const problems: string[] = [];
  /** What became of a session's last test alert, shown once on the next page (post/redirect/get). */
  const alertNotices = new Map<string, AlertNotice>();
  let announcing: { abort: AbortController; done: Promise<void> } | undefined;
  const cookieName = `demo_${app.key}`;
  // Bound to the path of the callback, so it only travels where it is needed.
  const pendingCookieName = `demo_${app.key}_signin`;
  const issuerOrigin = new URL(options.issuer).origin;
  const headers = securityHeaders(issuerOrigin);
  const note = (line: string) => {
    problems.push(line);
    if (problems.length > 100) problems.shift();
    options.log(`[${app.key}] ${line}`);
  };

  // The demo apps serve plain http on a loopback address; a real app would set Secure on its cookies.
  const secure = false;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const lang = languageOf(req);
      if (error instanceof HttpError) {
        sendHtml(res, error.status, problemPage(app, lang, error.message), headers);
      } else if (error instanceof NotConfiguredError) {
        note(error.message);
        sendHtml(res, 503, problemPage(app, lang, error.message), headers);
      } else {
        note(`${req.method} ${req.url?.split('?')[0]}: ${(error as Error).message}`);
        if (!res.headersSent) sendHtml(res, 502, problemPage(app, lang, 'Passerelle could not be reached or refused the request.', (error as Error).message), headers);
        else res.end();
      }
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const route = `${req.method} ${url.pathname}`;
    switch (route) {
      case `GET ${DEMO_APP_PATHS.home}`: {
        const session = sessions.get(readCookie(req, cookieName));
        const lang = languageOf(req, session);
        if (!session) return sendHtml(res, 200, signedOutPage(app, lang), headers);
        const alertNotice = alertNotices.get(session.id);
        alertNotices.delete(session.id);
        return sendHtml(res, 200, signedInPage(app, lang, session, { portalUrl: portalOrigin(options.issuer), alertNotice }), headers);
      }
      case `POST ${DEMO_APP_PATHS.testAlert}`:
        return sendTestAlert(req, res);
      case `GET ${DEMO_APP_PATHS.login}`:
      case `POST ${DEMO_APP_PATHS.login}`:
        return thirdPartyLogin(req, res, req.method === 'POST' ? await readForm(req) : url.searchParams);
      case `GET ${DEMO_APP_PATHS.signIn}`:
        return beginSignIn(res, { returnTo: DEMO_APP_PATHS.home });
      case `GET ${DEMO_APP_PATHS.callback}`:
        return callback(req, res, url);
      case `POST ${DEMO_APP_PATHS.signOut}`:
        return signOut(req, res);
      case `POST ${DEMO_APP_PATHS.backchannelLogout}`:
        return backchannelLogout(req, res);
      case `GET ${DEMO_APP_PATHS.health}`:
        return sendText(res, 200, 'ok', headers);
      case `GET ${DEMO_APP_PATHS.stylesheet}`:
        res.writeHead(200, { ...headers, 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' });
        return void res.end(stylesheet(app));
      case `GET ${DEMO_APP_PATHS.icon}`:
        res.writeHead(200, { ...headers, 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' });
        return void res.end(iconSvg(app));
      default:
        return sendHtml(res, 404, notFoundPage(app, languageOf(req)), headers);
    }
  }

  /**
   * OpenID Connect third-party-initiated login (Core 1.0, section 4): Passerelle's dashboard sends
   * the browser here with `iss` (must be our issuer), `login_hint` and `target_link_uri` (followed
   * only when it is on this app, so the endpoint can't be used to bounce people elsewhere).
   */
  async function thirdPartyLogin(req: http.IncomingMessage, res: http.ServerResponse, params: URLSearchParams): Promise<void> {
    const iss = params.get('iss');
    if (iss !== options.issuer) throw new HttpError(400, iss ? `This app trusts ${options.issuer}, not ${iss}.` : 'The "iss" parameter is missing.');
    const hint = params.get('login_hint') ?? '';
    return beginSignIn(res, {
      loginHint: hint && hint.length <= MAX_LOGIN_HINT_LENGTH ? hint : undefined,
      returnTo: pathOnOrigin(params.get('target_link_uri'), base, DEMO_APP_PATHS.home),
    });
  }

  async function beginSignIn(res: http.ServerResponse, options: { loginHint?: string; returnTo: string }): Promise<void> {
    const { url, pending } = await relyingParty.startSignIn(options);
    const id = sessions.startSignIn(pending);
    redirect(res, url.href, {
      ...headers,
      'set-cookie': cookie(pendingCookieName, id, { path: DEMO_APP_PATHS.callback, maxAge: PENDING_TTL_MS / 1000, secure }),
    });
  }

  async function callback(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const lang = languageOf(req);
    const pending = sessions.takeSignIn(readCookie(req, pendingCookieName));
    const clearPending = cookie(pendingCookieName, '', { path: DEMO_APP_PATHS.callback, maxAge: 0, secure });
    if (!pending) {
      // A stale or forged callback: nothing to finish (this is also what stops login CSRF).
      return sendHtml(res, 400, problemPage(app, lang, 'This sign-in expired or was started in another browser. Please sign in again.'), { ...headers, 'set-cookie': clearPending });
    }
    let signedIn;
    try {
      signedIn = await relyingParty.finishSignIn(url, pending);
    } catch (error) {
      if (error instanceof client.AuthorizationResponseError) {
        // E.g. access_denied: Passerelle says this person may not use this app.
        note(`sign-in refused by Passerelle: ${error.error}`);
        return sendHtml(res, 403, problemPage(app, lang, error.error_description ?? error.error), { ...headers, 'set-cookie': clearPending });
      }
      throw error;
    }
    // A fresh id at every sign-in (no fixation); the previous session of this browser ends.
    sessions.delete(readCookie(req, cookieName));
    const session = sessions.create({ ...signedIn, signedInAt: new Date() });
    redirect(res, pending.returnTo, {
      ...headers,
      'set-cookie': [clearPending, cookie(cookieName, session.id, { secure })],
    });
  }

  /**
   * The signed-in page's button: posts a test alert to the person signed in (by their `sub`), then
   * back to the page, which says whether Passerelle took it. A form of the app itself only, with its
   * session cookie (SameSite=Lax keeps other sites' posts without it; Origin keeps out other ports).
   */
  async function sendTestAlert(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    if (origin && origin !== new URL(base).origin) throw new HttpError(403, 'Ask for a test alert from the app itself.');
    await readForm(req);
    const session = sessions.get(readCookie(req, cookieName));
    const lang = languageOf(req, session);
    if (!session) return sendHtml(res, 401, signInFirstPage(app, lang), headers);
    let notice: AlertNotice;
    try {
      await alertPoster.post(testAlert(app, lang, session.person, base, `test-${randomUUID()}`));
      notice = { sent: true };
      options.log(`[${app.key}] test alert sent to ${session.person.email || session.person.sub}`);
    } catch (error) {
      const message = (error as Error).message;
      note(`test alert not sent: ${message}`);
      notice = { sent: false, problem: message };
    }
    if (alertNotices.size >= 10_000) alertNotices.delete(alertNotices.keys().next().value as string);
    alertNotices.set(session.id, notice);
    redirect(res, DEMO_APP_PATHS.home, headers, 303);
  }

  /** Posts the app's own alerts, patiently (the portal may still be starting); a new call replaces one under way. */
  function announce(): void {
    announcing?.abort.abort();
    const abort = new AbortController();
    const deadline = Date.now() + STARTUP_ALERTS_PATIENCE_MS;
    const done = (async () => {
      for (const alert of app.alerts(base)) {
        try {
          const result = await postPatiently(alertPoster, alert, { deadline, signal: abort.signal });
          options.log(`[${app.key}] alert "${alert.title}": ${result.status}, ${result.recipients} recipient${result.recipients === 1 ? '' : 's'}`);
        } catch (error) {
          if (abort.signal.aborted) return;
          note(`alert "${alert.title}" not posted: ${(error as Error).message}`);
        }
      }
    })();
    announcing = { abort, done };
  }

  /** Ends the app's session, then sends the browser to Passerelle to end its session too. */
  async function signOut(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Another page on this host name (other ports are the same site) must not sign people out.
    const origin = req.headers.origin;
    if (origin && origin !== new URL(base).origin) throw new HttpError(403, 'Sign out from the app itself.');
    const id = readCookie(req, cookieName);
    const session = sessions.get(id);
    sessions.delete(id);
    if (id) alertNotices.delete(id);
    const clear = cookie(cookieName, '', { maxAge: 0, secure });
    const target = session ? (await relyingParty.signOutUrl(session.idToken)).href : DEMO_APP_PATHS.home;
    redirect(res, target, { ...headers, 'set-cookie': clear }, 303);
  }

  async function backchannelLogout(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const answer = (status: number, body?: object) => {
      res.writeHead(status, { 'cache-control': 'no-store', ...(body ? { 'content-type': 'application/json' } : {}) });
      res.end(body ? JSON.stringify(body) : undefined);
    };
    let logout;
    try {
      logout = await relyingParty.verifyLogoutToken((await readForm(req)).get('logout_token') ?? '');
    } catch (error) {
      if (!(error instanceof LogoutTokenError || error instanceof HttpError)) throw error;
      note(`refused a back-channel logout: ${error.message}`);
      return answer(400, { error: 'invalid_request', error_description: error.message });
    }
    const ended = sessions.endFor(logout);
    options.log(`[${app.key}] back-channel logout: ${ended} session${ended === 1 ? '' : 's'} ended`);
    answer(200);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Known once listening; no request is handled before these lines run (no await in between).
  const port = (server.address() as AddressInfo).port;
  const host = options.publicHost.includes(':') ? `[${options.publicHost}]` : options.publicHost;
  const base = `http://${host}:${port}`;
  const relyingParty = new RelyingParty(
    { issuer: options.issuer, redirectUri: `${base}${DEMO_APP_PATHS.callback}`, postLogoutRedirectUri: `${base}${DEMO_APP_PATHS.home}` },
    options.credentials,
  );
  const alertPoster = new AlertPoster({ issuer: options.issuer, configuration: () => relyingParty.clientConfiguration() });
  if (options.credentials) announce();

  return {
    definition: app,
    url: base,
    sessions,
    relyingParty,
    alertPoster,
    problems,
    configure(credentials) {
      relyingParty.configure(credentials);
      announce();
    },
    startupAlerts: async () => {
      await announcing?.done;
    },
    close: () => {
      announcing?.abort.abort();
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}

/**
 * The path (and query) of `target` when it is on `base`'s origin, else `fallback`: where to go after a
 * third-party-initiated login. "//evil.example" as a path would leave the app (a protocol-relative redirect).
 */
export function pathOnOrigin(target: string | null, base: string, fallback: string): string {
  if (!target) return fallback;
  try {
    const parsed = new URL(target, base);
    const local = parsed.origin === new URL(base).origin && !/^\/[/\\]/.test(parsed.pathname);
    return local ? `${parsed.pathname}${parsed.search}` : fallback;
  } catch {
    return fallback;
  }
}
