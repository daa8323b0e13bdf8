import { DEMO_APPS } from '../apps';
import { DEMO_APP_PATHS } from './definition';
import { pathOnOrigin, startDemoAppServer, type DemoAppServer } from './demo-app-server';

/** The routes that need no provider (the apps' sign-in against the real portal is in the portal's integration specs). */
describe('a demo app without its client credentials yet', () => {
  const issuer = 'http://127.0.0.1:9/oidc'; // nothing listens there
  let app: DemoAppServer;
  const log: string[] = [];

  beforeAll(async () => {
    app = await startDemoAppServer({ definition: DEMO_APPS.crm, issuer, host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', log: (l) => log.push(l) });
  });
  afterAll(() => app.close());
  const get = (path: string, headers: Record<string, string> = {}) => fetch(app.url + path, { redirect: 'manual', headers });

  it('shows the signed-out page, in French for a French browser, with its security headers', async () => {
    const res = await get('/', { 'accept-language': 'fr-CH' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('Se connecter avec Passerelle');
    expect(res.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:9");
    // The portal's support widget: its script and its API calls, nothing inline.
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self' http://127.0.0.1:9");
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:9");
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin-allow-popups');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('serves its stylesheet in its own colour, its icon and a health check', async () => {
    const css = await get(DEMO_APP_PATHS.stylesheet);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect(await css.text()).toContain(`--accent:${DEMO_APPS.crm.colour}`);
    expect((await get(DEMO_APP_PATHS.icon)).headers.get('content-type')).toBe('image/svg+xml');
    expect((await get(DEMO_APP_PATHS.health)).status).toBe(200);
    expect((await get('/nope')).status).toBe(404);
  });

  it('third-party login: 400 without our issuer; 503 (not a crash) while it has no credentials', async () => {
    expect((await get(`${DEMO_APP_PATHS.login}?iss=${encodeURIComponent('https://evil.example/oidc')}`)).status).toBe(400);
    expect((await get(DEMO_APP_PATHS.login)).status).toBe(400);
    const unconfigured = await get(`${DEMO_APP_PATHS.login}?iss=${encodeURIComponent(issuer)}`);
    expect(unconfigured.status).toBe(503);
    expect(await unconfigured.text()).toContain('demo seed');
  });

  it('back-channel logout wants a form', async () => {
    const res = await fetch(app.url + DEMO_APP_PATHS.backchannelLogout, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('signing out is refused from another origin (other ports are the same site)', async () => {
    for (const origin of ['http://127.0.0.1:1', 'null']) {
      const res = await fetch(app.url + DEMO_APP_PATHS.signOut, { method: 'POST', redirect: 'manual', headers: { origin } });
      expect(res.status).withContext(origin).toBe(403);
    }
    // …which is why its pages keep the Origin of their own form posts (no-referrer would make it "null").
    expect((await get('/')).headers.get('referrer-policy')).toBe('same-origin');
  });

  it('a test alert needs the app’s own form and a signed-in person', async () => {
    const post = (headers: Record<string, string>) => fetch(app.url + DEMO_APP_PATHS.testAlert, { method: 'POST', redirect: 'manual', headers, body: '' });
    const signedOut = await post({ 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'fr' });
    expect(signedOut.status).toBe(401);
    const html = await signedOut.text();
    expect(html).toContain('data-testid="demo-sign-in-first"');
    expect(html).toContain('Connectez-vous d’abord');
    expect((await post({ 'content-type': 'application/x-www-form-urlencoded', origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await post({ 'content-type': 'application/json' })).status).toBe(415);
    expect((await get(DEMO_APP_PATHS.testAlert)).status).toBe(404);
  });

  it('signing out without a session just goes home', async () => {
    const res = await fetch(app.url + DEMO_APP_PATHS.signOut, { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('pathOnOrigin (where a third-party-initiated login lands)', () => {
  const base = 'http://localhost:3101';
  it('keeps a path and query on the app itself', () => {
    expect(pathOnOrigin('http://localhost:3101/pages/a?x=1', base, '/')).toBe('/pages/a?x=1');
    expect(pathOnOrigin('/pages/b', base, '/')).toBe('/pages/b');
  });
  it('goes home for another origin, a protocol-relative path, or nonsense', () => {
    for (const target of ['https://evil.example/', 'http://localhost:3102/', 'http://localhost:3101//evil.example/x', 'http://localhost:3101/\\evil.example', '//evil.example', 'http://[bad', null]) {
      expect(pathOnOrigin(target, base, '/')).withContext(String(target)).toBe('/');
    }
  });
});
