import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CATALOG_LIMITS, CatalogAdminRoutes, CatalogRoutes, type AuditEventView, type CatalogApp, type Page } from '@passerelle/contracts';
import { usePortal } from '../../support/test-portal';
import { Browser, type BrowserResponse, createPerson, signInThroughInteraction } from '../../support/oidc-rp';
import { createCatalogApp, pngImage, pngOfSize } from '../../support/catalog';

/** A tiny HTTP server serving fixed answers by path, counting requests. */
class ImageServer {
  readonly hits = new Map<string, number>();
  private server?: http.Server;
  base = '';
  constructor(private readonly routes: Record<string, (res: http.ServerResponse) => void>) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const path = req.url ?? '/';
      this.hits.set(path, (this.hits.get(path) ?? 0) + 1);
      const route = this.routes[path];
      if (route) route(res);
      else res.writeHead(404).end('not found');
    });
    await new Promise<void>((resolve) => (this.server as http.Server).listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${((this.server as http.Server).address() as AddressInfo).port}`;
    return this;
  }

  url(path: string): string {
    return `${this.base}${path}`;
  }

  close(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Icons: uploaded or fetched once, checked from their bytes, stored, and served with safe headers. */
describe('Admin catalog API: icons', () => {
  const portal = usePortal();
  let browser: Browser;
  let images: ImageServer;
  const png = pngImage(4);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  const svg = Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

  const put = (appId: string, json: unknown) => browser.request(CatalogAdminRoutes.appIcon(appId), { method: 'PUT', json });

  function expectRefused(response: BrowserResponse, field: string, message: RegExp): void {
    expect(response.status).withContext(response.text).toBe(400);
    expect(response.json().code).toBe('validation_failed');
    expect(response.json().fields[field]?.[0]).withContext(response.text).toMatch(message);
  }

  beforeAll(async () => {
    const admin = await createPerson(portal.app, { isAdmin: true });
    browser = new Browser(portal.url);
    await signInThroughInteraction(browser, '/api/auth/sign-in', admin);
    images = await new ImageServer({
      '/logo.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end(png),
      '/moved': (res) => res.writeHead(302, { location: '/logo.png' }).end(),
      '/loop': (res) => res.writeHead(302, { location: '/loop' }).end(),
      '/away': (res) => res.writeHead(302, { location: 'http://icons.example.com/logo.png' }).end(),
      '/page.png': (res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<!doctype html><script>alert(1)</script>'),
      '/huge.png': (res) => {
        // No content-length: the reader itself must stop.
        res.writeHead(200, { 'content-type': 'image/png', 'transfer-encoding': 'chunked' });
        res.end(pngOfSize(CATALOG_LIMITS.iconBytesMax + 1));
      },
      '/gone.png': (res) => res.writeHead(410).end(),
      '/slow.png': () => undefined,
    }).start();
  });

  afterAll(() => images.close());

  it('stores an uploaded PNG and serves it to signed-in people with safe, cacheable headers', async () => {
    const app = await createCatalogApp(portal.app);
    const response = await put(app.id, { image: png.toString('base64') });
    expect(response.status).withContext(response.text).toBe(200);
    const updated = response.json() as CatalogApp;
    expect(updated.iconUrl).toMatch(new RegExp(`^/api/catalog/apps/${app.id}/icon\\?v=[A-Za-z0-9_-]{12}$`));

    const person = await createPerson(portal.app);
    const viewer = new Browser(portal.url);
    await signInThroughInteraction(viewer, '/api/auth/sign-in', person);
    const served = await fetch(viewer.url(updated.iconUrl as string), { headers: { cookie: viewer.jar.headerFor(viewer.url('/api/')) ?? '' } });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBeTrue();
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toBe("default-src 'none'");
    // Revalidation answers 304 without the bytes.
    const etag = served.headers.get('etag') as string;
    const revalidated = await fetch(viewer.url(updated.iconUrl as string), { headers: { cookie: viewer.jar.headerFor(viewer.url('/api/')) ?? '', 'if-none-match': etag } });
    expect(revalidated.status).toBe(304);
    // An old version is not cached for ever.
    const stale = await viewer.get(CatalogRoutes.icon(app.id, 'old'));
    expect(stale.headers.get('cache-control')).toBe('private, no-cache');
    // Signed out: no icon.
    expect((await new Browser(portal.url).get(updated.iconUrl as string)).status).toBe(401);
    // Someone who doesn't see the tile (not theirs, not requestable) learns nothing of the app.
    const hidden = await createCatalogApp(portal.app, { visibility: 'rules' });
    const hiddenIcon = (await put(hidden.id, { image: png.toString('base64') })).json() as CatalogApp;
    expect((await viewer.get(hiddenIcon.iconUrl as string)).status).toBe(404);
    expect((await browser.get(hiddenIcon.iconUrl as string)).status).toBe(200);

    // A data: URL is accepted too; the type always comes from the bytes.
    const jpg = await put(app.id, { image: `data:image/png;base64,${jpeg.toString('base64')}`, contentType: 'image/png' });
    expect(jpg.status).withContext(jpg.text).toBe(200);
    expect((jpg.json() as CatalogApp).iconUrl).not.toBe(updated.iconUrl);
    expect((await viewer.get((jpg.json() as CatalogApp).iconUrl as string)).headers.get('content-type')).toBe('image/jpeg');

    const removed = await browser.request(CatalogAdminRoutes.appIcon(app.id), { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).iconUrl).toBeNull();
    expect((await viewer.get(updated.iconUrl as string)).status).toBe(404);
    const audit = (await browser.get(`/api/admin/audit?event=catalog.icon_&actor=${app.id}`)).json() as Page<AuditEventView>;
    expect(audit.items.map((e) => e.event)).toEqual(['catalog.icon_removed', 'catalog.icon_set', 'catalog.icon_set']);
  });

  it('refuses SVG, HTML disguised as PNG, bad base64, empty and too-large images — keeping the icon it had', async () => {
    const app = await createCatalogApp(portal.app);
    const withIcon = (await put(app.id, { image: png.toString('base64') })).json() as CatalogApp;
    expectRefused(await put(app.id, { image: svg.toString('base64') }), 'image', /SVG images are refused/);
    expectRefused(await put(app.id, { image: Buffer.from('<html><script>alert(1)</script></html>').toString('base64'), contentType: 'image/png' }), 'image', /not a PNG, JPEG, WebP or GIF/);
    expectRefused(await put(app.id, { image: 'not base64!' }), 'image', /not valid base64/);
    expectRefused(await put(app.id, { image: '' }), 'image', /empty/);
    expectRefused(await put(app.id, {}), 'image', /either an image/);
    expectRefused(await put(app.id, { image: png.toString('base64'), url: images.url('/logo.png') }), 'image', /either an image/);
    // Just over the limit: refused by the size check (413 if the body itself is beyond what the API reads).
    const tooBig = await put(app.id, { image: pngOfSize(CATALOG_LIMITS.iconBytesMax + 1).toString('base64') });
    expect([400, 413]).withContext(tooBig.text).toContain(tooBig.status);
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).iconUrl).toBe(withIcon.iconUrl);
    expect((await put('no-such-app', { image: png.toString('base64') })).status).toBe(404);
  });

  it('accepts an icon of the largest allowed size', async () => {
    const app = await createCatalogApp(portal.app);
    const response = await put(app.id, { image: pngOfSize(CATALOG_LIMITS.iconBytesMax).toString('base64') });
    expect(response.status).withContext(response.text.slice(0, 300)).toBe(200);
  });

  it('fetches an icon URL once (following a redirect) and serves the stored copy without fetching again', async () => {
    const app = await createCatalogApp(portal.app);
    const response = await put(app.id, { url: images.url('/moved') });
    expect(response.status).withContext(response.text).toBe(200);
    expect(images.hits.get('/logo.png')).toBe(1);
    const iconUrl = (response.json() as CatalogApp).iconUrl as string;
    for (let i = 0; i < 3; i++) {
      const served = await browser.get(iconUrl);
      expect(served.status).toBe(200);
      expect(served.headers.get('content-type')).toBe('image/png');
    }
    expect(images.hits.get('/logo.png')).withContext('never hot-linked: served from the stored copy').toBe(1);
  });

  it('refuses icon URLs that are not images, too large, unreachable, slow, redirect too often or leave https', async () => {
    const app = await createCatalogApp(portal.app);
    expectRefused(await put(app.id, { url: images.url('/page.png') }), 'url', /not a PNG, JPEG, WebP or GIF/);
    expectRefused(await put(app.id, { url: images.url('/huge.png') }), 'url', /too large/);
    expectRefused(await put(app.id, { url: images.url('/gone.png') }), 'url', /answered 410/);
    expectRefused(await put(app.id, { url: images.url('/loop') }), 'url', /redirects more than 3 times/);
    expectRefused(await put(app.id, { url: images.url('/away') }), 'url', /redirects to http:\/\/icons\.example\.com\/logo\.png: Use https/);
    expectRefused(await put(app.id, { url: 'http://icons.example.com/logo.png' }), 'url', /Use https/);
    expectRefused(await put(app.id, { url: 'file:///etc/passwd' }), 'url', /full URL/);
    const closed = new ImageServer({});
    await closed.start();
    const deadUrl = closed.url('/logo.png');
    await closed.close();
    expectRefused(await put(app.id, { url: deadUrl }), 'url', /could not be reached/);
    const started = Date.now();
    expectRefused(await put(app.id, { url: images.url('/slow.png') }), 'url', /did not answer within 5 seconds/);
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(((await browser.get(CatalogAdminRoutes.app(app.id))).json() as CatalogApp).iconUrl).toBeNull();
  }, 20_000);
});
