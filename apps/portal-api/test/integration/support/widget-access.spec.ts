import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SupportRoutes, WIDGET_CONNECT_MESSAGE_TYPE, type WidgetConnectMessage } from '@passerelle/contracts';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { CatalogAdminService } from '../../../src/app/catalog/admin/catalog-admin.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { auditOf, PortalClock } from '../../support/guests';
import { Browser, createPerson, signInThroughInteraction } from '../../support/oidc-rp';
import { fromSite, registeredApp, SAMPLES, signedInPerson, upload, widgetToken } from '../../support/support-edge';
import { usePortal } from '../../support/test-portal';

/** The connect page's JSON data (origin and the message it posts to the opener). */
function connectData(html: string): { origin: string; message: WidgetConnectMessage } {
  const json = /<script type="application\/json" id="passerelle-connect">([\s\S]*?)<\/script>/.exec(html)?.[1];
  if (!json) throw new Error(`No connect data in ${html}`);
  return JSON.parse(json);
}

describe('Support widget access', () => {
  const portal = usePortal();

  describe('tokens', () => {
    it('are issued for the portal’s own origin and registered apps’ origins only, audited once per connection', async () => {
      const site = await registeredApp(portal);
      const { person, browser } = await signedInPerson(portal, { name: 'Zoé Widget' });
      const own = await widgetToken(browser, new URL(portal.url).origin);
      expect(own.requester).toEqual(jasmine.objectContaining({ id: person.id, name: 'Zoé Widget', email: person.email }));
      const onApp = await widgetToken(browser, site.origin);
      expect(Date.parse(onApp.expiresAt) - Date.now()).toBeLessThanOrEqual(8 * 3600_000 + 1000);
      const refused = await browser.postJson(SupportRoutes.widgetToken, { origin: 'https://evil.example.com' });
      expect(refused.status).toBe(400);
      expect(refused.json().fields.origin).toBeDefined();
      // Using the token is not another connection.
      await upload(portal, { token: onApp.token, origin: site.origin }, SAMPLES.text, 'notes.txt');
      const connected = await auditOf(portal.dataSource, 'support.widget.connected', person.id);
      expect(connected.map((e) => JSON.parse(e.details).origin).sort()).toEqual([new URL(portal.url).origin, site.origin].sort());
    });

    it('need a session cookie to be issued (a widget token can’t mint another)', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const token = await widgetToken(browser, site.origin);
      const viaToken = await fromSite(portal, SupportRoutes.widgetToken, { token: token.token, origin: site.origin, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ origin: site.origin }) });
      expect(viaToken.status).toBe(401);
      const anonymous = await fromSite(portal, SupportRoutes.widgetToken, { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ origin: site.origin }) });
      expect(anonymous.status).toBe(401);
    });

    it('open requester routes from their own origin, never agent or administrator routes', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal, { isAdmin: true });
      const { token } = await widgetToken(browser, site.origin);
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(201);
      // An administrator's token still can't reach administrator routes, even with the cookie sent along.
      expect((await fromSite(portal, SupportRoutes.webhooks, { token, origin: site.origin })).status).toBe(401);
      const cookie = browser.jar.headerFor(new URL(portal.at(SupportRoutes.webhooks))) as string;
      expect((await fromSite(portal, SupportRoutes.webhooks, { token, headers: { cookie } })).status).toBe(401);
      expect((await browser.get(SupportRoutes.webhooks)).status).toBe(200);
    });

    it('are refused from another origin, and when forged or altered', async () => {
      const site = await registeredApp(portal);
      const other = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const { token } = await widgetToken(browser, site.origin);
      expect((await upload(portal, { token, origin: other.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
      const altered = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
      expect((await upload(portal, { token: altered, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
      expect((await upload(portal, { token: 'not-a-token', origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
    });

    it('die with the session: after signing out', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const { token } = await widgetToken(browser, site.origin);
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(201);
      expect((await browser.postJson('/api/auth/sign-out')).status).toBe(204);
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
    });

    it('die when the person’s access ends (a guest’s end date passes)', async () => {
      const site = await registeredApp(portal);
      const { person, browser } = await signedInPerson(portal);
      const { token } = await widgetToken(browser, site.origin);
      await portal.dataSource.getRepository(UserEntity).update({ id: person.id }, { accessEndsAt: new Date(Date.now() + 60_000) });
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(201);
      const clock = new PortalClock(portal);
      clock.advance(2 * 60_000);
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
    });

    it('stop working within a minute once their app is removed from the catalog', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const { token } = await widgetToken(browser, site.origin);
      await portal.app.get(CatalogAdminService).deleteApp(site.id, 'test', CLI_CONTEXT);
      const clock = new PortalClock(portal);
      clock.advance(31_000);
      expect((await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(401);
      expect((await browser.postJson(SupportRoutes.widgetToken, { origin: site.origin })).status).toBe(400);
    });
  });

  describe('CORS and cross-site writes', () => {
    it('answer preflights for registered apps’ origins only', async () => {
      const site = await registeredApp(portal);
      const preflight = (origin: string) =>
        fromSite(portal, SupportRoutes.attachments, { method: 'OPTIONS', origin, headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, x-file-name' } });
      const allowed = await preflight(site.origin);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(site.origin);
      expect(allowed.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type, X-File-Name');
      expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
      expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
      expect(allowed.headers.get('vary')).toContain('Origin');
      const refused = await preflight('https://evil.example.com');
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      // Agent and administrator routes never answer other sites.
      const admin = await fromSite(portal, SupportRoutes.webhooks, { method: 'OPTIONS', origin: site.origin, headers: { 'access-control-request-method': 'GET' } });
      expect(admin.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('put the allowed origin and Retry-After in the answers to the widget', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const { token } = await widgetToken(browser, site.origin);
      const answer = await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'a.txt');
      expect(answer.headers.get('access-control-allow-origin')).toBe(site.origin);
      expect(answer.headers.get('access-control-expose-headers')).toContain('Retry-After');
    });

    it('still refuse a cookie-authenticated write from another site', async () => {
      const site = await registeredApp(portal);
      const { browser } = await signedInPerson(portal);
      const cookie = browser.jar.headerFor(new URL(portal.at(SupportRoutes.widgetToken))) as string;
      const token = await fromSite(portal, SupportRoutes.widgetToken, { origin: site.origin, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ origin: site.origin }) });
      expect(token.status).toBe(403);
      const raw = await fromSite(portal, SupportRoutes.attachments, { origin: site.origin, headers: { cookie, 'content-type': 'text/plain', 'x-file-name': 'a.txt' }, body: 'hello' });
      expect(raw.status).toBe(403);
      // A form can't set X-File-Name: a raw body without it is refused even from the portal's pages.
      const form = await fromSite(portal, SupportRoutes.attachments, { origin: new URL(portal.url).origin, headers: { cookie, 'content-type': 'text/plain' }, body: 'hello' });
      expect(form.status).toBe(403);
      expect((await upload(portal, browser, SAMPLES.text, 'a.txt')).status).toBe(201);
    });
  });

  describe('the connect popup', () => {
    it('sends a signed-out person to sign in (TOTP enrolment included) and back, then hands over a token bound to the origin', async () => {
      const site = await registeredApp(portal);
      const person = await createPerson(portal.app, { name: 'Popup Person' });
      const browser = new Browser(portal.url);
      const connect = `${SupportRoutes.widgetConnect}?${new URLSearchParams({ origin: site.origin, state: 'state-1234567890' })}`;
      const first = await browser.get(connect);
      expect(first.status).toBe(302);
      expect(first.location?.pathname).toBe('/api/auth/sign-in');
      expect(first.location?.searchParams.get('returnTo')).toBe(connect);
      const signIn = await signInThroughInteraction(browser, first.location as URL, person);
      expect(signIn.steps).toContain('enrol-totp');
      expect(`${signIn.callbackUrl.pathname}${signIn.callbackUrl.search}`).toBe(connect);

      const page = await browser.get(connect);
      expect(page.status).toBe(200);
      expect(page.headers.get('cross-origin-opener-policy')).toBe('unsafe-none');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.text).toContain('<script src="/widget/connect.js"></script>');
      expect(page.text).toContain('You can close this window.');
      const data = connectData(page.text);
      expect(data.origin).toBe(site.origin);
      expect(data.message.type).toBe(WIDGET_CONNECT_MESSAGE_TYPE);
      expect(data.message.state).toBe('state-1234567890');
      expect(data.message.requester.name).toBe('Popup Person');
      expect((await upload(portal, { token: data.message.token, origin: site.origin }, SAMPLES.text, 'a.txt')).status).toBe(201);
      expect((await upload(portal, { token: data.message.token, origin: new URL(portal.url).origin }, SAMPLES.text, 'a.txt')).status).toBe(401);

      const script = await browser.get('/widget/connect.js');
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toContain('javascript');
      expect(script.text).toContain('window.opener.postMessage(data.message, data.origin)');
    });

    it('answers a readable 400 page for an origin that is not registered, or a malformed request', async () => {
      const { browser } = await signedInPerson(portal);
      const page = await browser.get(`${SupportRoutes.widgetConnect}?${new URLSearchParams({ origin: 'https://evil.example.com', state: 'state-1234567890' })}`);
      expect(page.status).toBe(400);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(page.text).toContain('https://evil.example.com is not an app registered with Passerelle');
      expect(page.text).not.toContain('passerelle-connect');
      const malformed = await browser.get(`${SupportRoutes.widgetConnect}?origin=${encodeURIComponent('https://a.example.com/path')}&state=x`);
      expect(malformed.status).toBe(400);
    });

    it('speaks French to a French browser', async () => {
      const browser = new Browser(portal.url);
      const response = await browser.request(`${SupportRoutes.widgetConnect}?origin=nope&state=x`, { headers: { 'accept-language': 'fr-CH,fr;q=0.9' } });
      expect(response.status).toBe(400);
      expect(response.text).toContain('Connexion au support impossible');
    });
  });
});

describe('The widget script', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-widget-'));
  fs.writeFileSync(path.join(dist, 'main.js'), 'export const widget = "passerelle-support";\n');
  fs.writeFileSync(path.join(dist, 'chunk-ABC123.js'), 'export const chunk = 1;\n');
  const portal = usePortal({ env: { WIDGET_DIST_DIR: dist } });

  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('is served at /widget/support.js to any site, never cached stale', async () => {
    const response = await fromSite(portal, SupportRoutes.widgetScript, { origin: 'https://any.example.com' });
    expect(response.status).toBe(200);
    expect(response.text).toContain('passerelle-support');
    expect(response.headers.get('content-type')).toContain('application/javascript');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const chunk = await fromSite(portal, '/widget/chunk-ABC123.js');
    expect(chunk.status).toBe(200);
    expect((await fromSite(portal, '/widget/missing.js')).status).toBe(404);
    expect((await fromSite(portal, '/widget/..%2Fpassword.js')).status).toBe(404);
  });
});

describe('The widget script, not built', () => {
  const portal = usePortal({ env: { WIDGET_DIST_DIR: path.join(os.tmpdir(), 'passerelle-no-widget-here') } });

  it('answers 503 with a readable JavaScript comment', async () => {
    const response = await fromSite(portal, SupportRoutes.widgetScript);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toContain('application/javascript');
    expect(response.text).toMatch(/^\/\* Passerelle support widget is not built yet/);
  });
});
