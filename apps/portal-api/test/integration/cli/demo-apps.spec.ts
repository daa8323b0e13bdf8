import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEMO_APP_PATHS, startDemoApps, type StartedDemoApps } from '@passerelle/demo-apps';
import { AccountRoutes, AlertRoutes, type AlertList } from '@passerelle/contracts';
import { DEMO_PASSWORD, seedDemo, type DemoSeedResult } from '../../../src/cli/demo-seed';
import { Browser, issuerOf, signInThroughInteraction, type Authenticator, type BrowserResponse } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * The demo apps (apps/demo-apps) as `npm run demo` runs them: registered by the demo seed, signing
 * people in through the real portal, told by back-channel logout when the Passerelle session ends.
 */
describe('demo apps: real relying parties of Passerelle', () => {
  const portal = usePortal();
  const claire = { email: 'claire.dubois@atelier-lumiere.example', password: DEMO_PASSWORD, authenticator: undefined as Authenticator | undefined };
  let demo: StartedDemoApps;
  let seeded: DemoSeedResult;
  let browser: Browser;
  let issuer: string;

  beforeAll(async () => {
    issuer = issuerOf(portal.url);
    // Free ports first, then the seed registers the apps where they listen.
    demo = await startDemoApps({ issuer, apps: { wiki: { port: 0 }, crm: { port: 0 }, files: { port: 0 } } });
    seeded = await seedDemo(portal.app, { appUrls: demo.urls });
    demo.configure(seeded.demoApps);
    browser = new Browser(portal.url);
  });
  afterAll(async () => {
    expect(demo?.apps.wiki.problems ?? []).toEqual([]);
    await demo?.stop();
  });

  /** GETs `url`, follows the provider's redirects, and the apps' own ones back to a page. */
  async function visit(url: string | URL): Promise<{ page: BrowserResponse; visited: URL[] }> {
    const visited: URL[] = [];
    let next = new URL(url);
    for (let hop = 0; hop < 12; hop++) {
      visited.push(next);
      const response = await browser.get(next);
      if (!response.location || response.status < 300 || response.status >= 400) return { page: response, visited };
      next = response.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  function thirdPartyLogin(app: 'wiki' | 'crm' | 'files', params: Record<string, string>): URL {
    const url = new URL(demo.apps[app].endpoints.initiateLoginUri);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url;
  }

  const waitFor = async (condition: () => boolean, what: string) => {
    for (let i = 0; i < 50 && !condition(); i++) await new Promise((r) => setTimeout(r, 100));
    if (!condition()) throw new Error(`timed out waiting for ${what}`);
  };

  it('serves a signed-out page with a "Sign in with Passerelle" button and strict security headers', async () => {
    const { page } = await visit(demo.urls.wiki + '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="demo-signed-out"');
    expect(page.text).toContain(`href="${DEMO_APP_PATHS.signIn}"`);
    expect(page.text).not.toMatch(/<script|style=/i);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('third-party-initiated login: someone signed in to Passerelle lands on the page asked for, signed in, without a prompt', async () => {
    const portalSignIn = await signInThroughInteraction(browser, '/api/auth/sign-in', claire);
    expect(portalSignIn.steps).toContain('done');
    claire.authenticator = portalSignIn.authenticator;

    const start = await browser.get(thirdPartyLogin('wiki', { iss: issuer, login_hint: claire.email, target_link_uri: `${demo.urls.wiki}/?from=dashboard` }));
    expect(start.status).toBe(302);
    const authorization = start.location as URL;
    expect(authorization.href.startsWith(`${issuer}/auth`)).withContext(authorization.href).toBeTrue();
    const params = authorization.searchParams;
    expect(params.get('client_id')).toBe(seeded.demoApps.wiki.clientId);
    expect(params.get('redirect_uri')).toBe(demo.apps.wiki.endpoints.redirectUri);
    expect(params.get('login_hint')).toBe(claire.email);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('scope')).toBe('openid profile email groups');
    for (const name of ['state', 'nonce', 'code_challenge']) expect(params.get(name)).withContext(name).toMatch(/^[\w-]{20,}$/);

    const { page, visited } = await visit(authorization);
    expect(visited.some((u) => u.pathname.startsWith('/interaction/'))).withContext(visited.join('\n')).toBeFalse();
    expect(visited[visited.length - 1].href).toBe(`${demo.urls.wiki}/?from=dashboard`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="demo-user-name">Claire Dubois<');
    expect(page.text).toContain(`data-testid="demo-user-email">${claire.email}<`);
    expect(page.text).toContain('<li>Direction</li>');
    expect(page.text).toMatch(/data-testid="demo-session-id">[\w-]{10,}</);
    expect(page.text).toContain('lang="fr"'); // Claire's locale at Passerelle
    expect(demo.apps.wiki.sessions.count).toBe(1);
  });

  it('a second app signs in the same way; its cookie has its own name', async () => {
    const { page } = await visit(thirdPartyLogin('files', { iss: issuer, login_hint: claire.email }));
    expect(page.url.href).toBe(`${demo.urls.files}/`);
    expect(page.text).toContain('data-testid="demo-user-name">Claire Dubois<');
    expect(browser.jar.names()).toEqual(jasmine.arrayContaining(['demo_wiki', 'demo_files']));
  });

  /** The signed-in person's alerts at Passerelle (the dashboard's notification centre). */
  async function myAlerts(): Promise<AlertList> {
    const response = await browser.get(AlertRoutes.mine);
    expect(response.status).withContext(response.text).toBe(200);
    return response.json() as AlertList;
  }

  it('each app posted its own alerts through the push API once it had its credentials, to the people they concern', async () => {
    await Promise.all(Object.values(demo.apps).map((app) => app.startupAlerts()));
    expect(Object.values(demo.apps).flatMap((app) => app.problems)).toEqual([]);
    const { items } = await myAlerts();
    // Claire is in Direction (the CRM's alert) and everyone gets the Wiki's; the failed backup is for IT.
    const crm = items.find((a) => a.title === 'Offre Hôtel du Lac : validation attendue');
    expect(crm).withContext(JSON.stringify(items)).toEqual(
      jasmine.objectContaining({ source: 'app', appName: 'CRM', severity: 'warning', link: `${demo.urls.crm}/`, actions: [{ label: 'Valider', url: `${demo.urls.crm}/` }], read: false }),
    );
    expect(crm?.bodyHtml).toContain('<strong>40 suspensions</strong>');
    expect(items.find((a) => a.title === 'Nouvelle procédure : contrôle qualité des suspensions')).toEqual(
      jasmine.objectContaining({ appName: 'Wiki', severity: 'info', link: `${demo.urls.wiki}/` }),
    );
    expect(items.some((a) => a.title === 'Sauvegarde nocturne du partage échouée')).toBeFalse();
  });

  it('posting them again (new credentials, a restart) updates nothing and adds no copy', async () => {
    const before = (await myAlerts()).items.map((a) => a.id).sort();
    demo.configure(seeded.demoApps);
    await Promise.all(Object.values(demo.apps).map((app) => app.startupAlerts()));
    expect(Object.values(demo.apps).flatMap((app) => app.problems)).toEqual([]);
    expect((await myAlerts()).items.map((a) => a.id).sort()).toEqual(before);
  });

  it('"Send me a test alert" posts one to the person signed in, with a link back to the app, and says so once', async () => {
    const page = await browser.get(demo.urls.wiki + '/');
    expect(page.text).toContain('data-testid="demo-send-alert"');
    expect(page.text).toContain('M’envoyer une alerte de test');
    const sent = await browser.request(demo.urls.wiki + DEMO_APP_PATHS.testAlert, { method: 'POST', form: {}, headers: { origin: demo.urls.wiki } });
    expect(sent.status).withContext(sent.text).toBe(303);
    expect(sent.location?.href).toBe(`${demo.urls.wiki}/`);
    const confirmed = await browser.get(demo.urls.wiki + '/');
    expect(confirmed.text).toMatch(/data-testid="demo-alert-sent">Alerte envoyée — regardez votre <a href="[^"]+\/">tableau de bord Passerelle<\/a>/);
    expect((await browser.get(demo.urls.wiki + '/')).text).not.toContain('demo-alert-sent');

    const test = (await myAlerts()).items.find((a) => a.title === 'Alerte de test de Wiki');
    expect(test).toEqual(jasmine.objectContaining({ appName: 'Wiki', severity: 'info', link: `${demo.urls.wiki}/`, read: false }));
    expect(demo.apps.wiki.problems).toEqual([]);

    // From another port of this host (the same site), it is refused; and nobody is signed in to the CRM here.
    const crossOrigin = await browser.request(demo.urls.wiki + DEMO_APP_PATHS.testAlert, { method: 'POST', form: {}, headers: { origin: demo.urls.crm } });
    expect(crossOrigin.status).toBe(403);
    const signedOut = await browser.request(demo.urls.crm + DEMO_APP_PATHS.testAlert, { method: 'POST', form: {}, headers: { origin: demo.urls.crm } });
    expect(signedOut.status).toBe(401);
    expect((await myAlerts()).items.filter((a) => a.title.startsWith('Alerte de test')).length).toBe(1);
  });

  it('refuses a login request from another issuer, and never follows a target_link_uri off the app', async () => {
    const foreign = await browser.get(thirdPartyLogin('wiki', { iss: 'https://evil.example/oidc', target_link_uri: `${demo.urls.wiki}/` }));
    expect(foreign.status).toBe(400);
    expect(foreign.text).not.toContain('<script');
    const missing = await browser.get(thirdPartyLogin('wiki', {}));
    expect(missing.status).toBe(400);

    for (const target of ['https://evil.example/phish', '//evil.example/x', 'javascript:alert(1)', `${demo.urls.crm}/`]) {
      const { visited } = await visit(thirdPartyLogin('wiki', { iss: issuer, target_link_uri: target }));
      expect(visited[visited.length - 1].href).withContext(target).toBe(`${demo.urls.wiki}/`);
    }
  });

  it('a callback it did not start is refused (no login CSRF)', async () => {
    const forged = await new Browser(portal.url).get(`${demo.apps.wiki.endpoints.redirectUri}?code=abc&state=xyz&iss=${encodeURIComponent(issuer)}`);
    expect(forged.status).toBe(400);
    expect(forged.headers.getSetCookie().some((c) => c.startsWith('demo_wiki='))).toBeFalse();
  });

  it('answers 400 to a back-channel logout that is not a logout token from Passerelle', async () => {
    const post = (logoutToken: string) =>
      fetch(demo.apps.wiki.endpoints.backchannelLogoutUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: logoutToken }),
      });
    expect((await post('')).status).toBe(400);
    expect((await post('not.a.jwt')).status).toBe(400);
    // Well-formed, right claims, but signed by someone else's key.
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sid: 'x', events: { 'http://schemas.openid.net/event/backchannel-logout': {} }, jti: 'j1' })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid: (await exportJWK(publicKey)).n?.slice(0, 8) })
      .setIssuer(issuer)
      .setAudience(seeded.demoApps.wiki.clientId)
      .setSubject('someone')
      .setIssuedAt()
      .sign(privateKey);
    const refused = await post(forged);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(jasmine.objectContaining({ error: 'invalid_request' }));
    expect(demo.apps.wiki.sessions.count).toBe(1);
    demo.apps.wiki.problems.length = 0; // expected problems, not failures
  });

  it('signing out of the app ends its session and hands over to Passerelle’s end-session endpoint with id_token_hint', async () => {
    const signOut = await browser.request(demo.urls.files + DEMO_APP_PATHS.signOut, { method: 'POST', form: {}, headers: { origin: demo.urls.files } });
    expect(signOut.status).toBe(303);
    const endSession = signOut.location as URL;
    expect(endSession.href.startsWith(`${issuer}/session/end`)).withContext(endSession.href).toBeTrue();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${demo.urls.files}/`);
    const idToken = endSession.searchParams.get('id_token_hint') ?? '';
    expect(idToken.split('.').length).toBe(3);
    expect(demo.apps.files.sessions.count).toBe(0);
    expect((await browser.get(demo.urls.files + '/')).text).toContain('data-testid="demo-signed-out"');

    // An ID token is not a logout token (typ, nonce): refused.
    const replayed = await fetch(demo.apps.wiki.endpoints.backchannelLogoutUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: idToken }),
    });
    expect(replayed.status).toBe(400);
    demo.apps.wiki.problems.length = 0;

    // A page elsewhere on this host (another port is the same site) can't sign people out.
    const crossOrigin = await browser.request(demo.urls.wiki + DEMO_APP_PATHS.signOut, { method: 'POST', form: {}, headers: { origin: demo.urls.crm } });
    expect(crossOrigin.status).toBe(403);
    expect(demo.apps.wiki.sessions.count).toBe(1);
  });

  it('"sign out everywhere" at Passerelle ends the app’s session by back-channel logout', async () => {
    expect((await browser.get(demo.urls.wiki + '/')).text).toContain('data-testid="demo-user-name"');
    const everywhere = await browser.postJson(AccountRoutes.signOutEverywhere, {});
    expect(everywhere.status).withContext(everywhere.text).toBe(204);
    await waitFor(() => demo.apps.wiki.sessions.count === 0, 'the Wiki to receive the logout token');
    const page = await browser.get(demo.urls.wiki + '/');
    expect(page.text).toContain('data-testid="demo-signed-out"');
    expect(page.text).not.toContain('Claire Dubois');
  });

  it('after that, the app sends the person to sign in at Passerelle again', async () => {
    const { page } = await visit(thirdPartyLogin('wiki', { iss: issuer, login_hint: claire.email }));
    expect(page.url.pathname).toMatch(/^\/interaction\//);
  });
});
