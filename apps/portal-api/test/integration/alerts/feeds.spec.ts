import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CatalogAdminRoutes, FeedRoutes, type CatalogApp, type FeedStatus } from '@passerelle/contracts';
import { FeedItemEntity } from '../../../src/app/alerts/feeds/entities/feed-item.entity';
import { FeedPollerService } from '../../../src/app/alerts/feeds/feed-poller.service';
import { myAlerts } from '../../support/alerts';
import { createCatalogApp, createGroup } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { adminBrowser, auditOf, PortalClock } from '../../support/guests';
import { createPerson, type Browser } from '../../support/oidc-rp';
import { usePortal, type TestPortal } from '../../support/test-portal';

interface Item {
  guid: string;
  title: string;
  html: string;
}

/**
 * A real feed server on 127.0.0.1: serves RSS 2.0 built from `items`, with an ETag, answering 304
 * to a request that sends it back (unless `ignoreValidators`); `failWith` makes it answer that
 * status instead. It records every request.
 */
class FeedServer {
  items: Item[] = [];
  failWith: number | null = null;
  ignoreValidators = false;
  readonly requests: Array<{ path: string; ifNoneMatch: string | undefined }> = [];
  private readonly server = http.createServer((req, res) => {
    this.requests.push({ path: req.url ?? '', ifNoneMatch: req.headers['if-none-match'] });
    if (this.failWith) {
      res.statusCode = this.failWith;
      return void res.end('unavailable');
    }
    const body = this.rss();
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    res.setHeader('etag', etag);
    if (!this.ignoreValidators && req.headers['if-none-match'] === etag) {
      res.statusCode = 304;
      return void res.end();
    }
    res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
    res.end(body);
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  url(host = '127.0.0.1', path = '/status.rss'): string {
    return `http://${host}:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private rss(): string {
    const items = this.items
      .map((item) => `<item><guid isPermaLink="false">${item.guid}</guid><title>${item.title}</title><link>https://status.example.com/${item.guid}</link><description><![CDATA[${item.html}]]></description></item>`)
      .join('');
    return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Backups</title><link>https://status.example.com/</link><description>Status</description>${items}</channel></rss>`;
  }
}

async function feedStatus(admin: Browser, appId: string): Promise<FeedStatus> {
  const response = await admin.get(FeedRoutes.status(appId));
  if (response.status !== 200) throw new Error(`GET feed status → ${response.status} ${response.text}`);
  return response.json() as FeedStatus;
}

async function setFeedUrl(admin: Browser, appId: string, feedUrl: string | null) {
  return admin.request(CatalogAdminRoutes.app(appId), { method: 'PATCH', json: { feedUrl } });
}

/**
 * An app's feed, polled by the server (FEED_ALLOW_PRIVATE lets it reach the test's feed server on
 * 127.0.0.1). The loop is stopped: each spec runs the passes itself, on the portal's clock.
 */
describe('App feeds, polled into alerts', () => {
  const portal = usePortal({ env: { FEED_ALLOW_PRIVATE: '127.0.0.1', FEED_POLL_SECONDS: '300' } });
  const server = new FeedServer();
  let poller: FeedPollerService;
  let clock: PortalClock;
  let admin: Browser;
  let user: Browser;
  let outsider: Browser;
  let app: CatalogApp;

  beforeAll(async () => {
    await server.start();
    poller = portal.app.get(FeedPollerService);
    poller.stopJob();
    clock = new PortalClock(portal);
    admin = (await adminBrowser(portal)).browser;
    const group = await createGroup(portal.app, { name: `Backups ${Date.now()}` });
    const member = await createPerson(portal.app, { name: 'Bruno Backup', groups: [group.name] });
    const other = await createPerson(portal.app, { name: 'Olga Other' });
    user = (await signedInBrowser(portal.url, member)).browser;
    outsider = (await signedInBrowser(portal.url, other)).browser;
    app = await createCatalogApp(portal.app, { name: 'Backups', launchUrl: 'https://backups.example.com/', visibility: 'groups', groupIds: [group.id] });
  });

  afterAll(() => server.stop());

  it('takes a feed URL in the console’s app editor: http(s) only, at most 2000 characters', async () => {
    const ftp = await setFeedUrl(admin, app.id, 'ftp://127.0.0.1/feed.xml');
    expect(ftp.status).toBe(400);
    expect(ftp.json().fields).toEqual({ feedUrl: ['A feed URL starts with https:// or http://.'] });
    const garbage = await setFeedUrl(admin, app.id, 'not a url');
    expect(garbage.json().fields).toEqual({ feedUrl: [jasmine.stringMatching(/full URL/)] });
    const long = await setFeedUrl(admin, app.id, `https://x.example.com/${'a'.repeat(2000)}`);
    expect(long.status).toBe(400);
    expect(long.json().fields).toEqual({ feedUrl: ['Use at most 2000 characters.'] });
    expect((await admin.get(FeedRoutes.status(app.id))).status).toBe(404);

    const saved = await setFeedUrl(admin, app.id, server.url());
    expect(saved.status).withContext(saved.text).toBe(200);
    expect((saved.json() as CatalogApp).feedUrl).toBe(server.url());
    expect(await feedStatus(admin, app.id)).toEqual({
      appId: app.id,
      url: server.url(),
      state: 'never',
      lastCheckedAt: null,
      lastSuccessAt: null,
      nextCheckAt: null,
      consecutiveFailures: 0,
      message: null,
      problem: null,
      itemsSeen: 0,
    });
    const audit = await auditOf(portal.dataSource, 'catalog.app_updated', app.id);
    expect(audit.some((event) => JSON.parse(event.details).changed === 'feedUrl')).toBeTrue();
  });

  it('records the items already there at the first poll, without alerting anyone', async () => {
    server.items = [
      { guid: 'b-2', title: 'Backup of 6 December succeeded', html: '<p>All good.</p>' },
      { guid: 'b-1', title: 'Backup of 5 December succeeded', html: '<p>All good.</p>' },
    ];
    const report = await poller.pollDue();
    expect(report).toEqual({ polled: 1, alerted: 0 });
    const status = await feedStatus(admin, app.id);
    expect(status).toEqual(jasmine.objectContaining({ state: 'ok', consecutiveFailures: 0, message: null, itemsSeen: 2 }));
    expect(status.lastSuccessAt).toBe(status.lastCheckedAt);
    expect(new Date(status.nextCheckAt as string).getTime() - new Date(status.lastCheckedAt as string).getTime()).toBe(300_000);
    expect((await myAlerts(user, { appId: app.id })).items).toEqual([]);
    expect((await auditOf(portal.dataSource, 'feed.first_poll', app.id)).length).toBe(1);
    // Not due again before its interval.
    expect(await poller.pollDue()).toEqual({ polled: 0, alerted: 0 });
  });

  it('turns a new item into one alert for the app’s users — plain text, with its link — and never alerts it twice', async () => {
    server.items = [
      {
        guid: 'b-3',
        title: 'Backup of 7 December &lt;b&gt;failed&lt;/b&gt;',
        html: '<p>Disk <b>full</b> on <i>nas-2</i>.</p><script>alert("x")</script><p onclick="steal()">Retry tonight.</p>',
      },
      ...server.items,
    ];
    clock.advance(301_000);
    expect(await poller.pollDue()).toEqual({ polled: 1, alerted: 1 });

    const mine = (await myAlerts(user, { appId: app.id })).items;
    expect(mine.length).toBe(1);
    expect(mine[0]).toEqual(
      jasmine.objectContaining({
        source: 'feed',
        appId: app.id,
        appName: 'Backups',
        title: 'Backup of 7 December failed',
        body: 'Disk full on nas-2.\n\nRetry tonight.',
        link: 'https://status.example.com/b-3',
        severity: 'info',
        read: false,
      }),
    );
    expect(mine[0].bodyHtml).not.toMatch(/<script|onclick|<b>/);
    // Someone who may not use the app sees nothing of it.
    expect((await myAlerts(outsider, { appId: app.id })).items).toEqual([]);
    expect((await myAlerts(outsider)).items.some((a) => a.appId === app.id)).toBeFalse();
    expect((await feedStatus(admin, app.id)).itemsSeen).toBe(3);
    expect((await auditOf(portal.dataSource, 'feed.items_alerted', app.id)).length).toBe(1);

    // The same items in full again (a server that ignores validators): nothing new. What was seen
    // is in the database, so a restarted process knows it too.
    server.ignoreValidators = true;
    clock.advance(301_000);
    expect(await poller.pollDue()).toEqual({ polled: 1, alerted: 0 });
    server.ignoreValidators = false;
    expect(server.requests.at(-1)?.ifNoneMatch).toBeDefined();
    expect((await myAlerts(user, { appId: app.id })).items.length).toBe(1);
    expect(await portal.dataSource.getRepository(FeedItemEntity).countBy({ appId: app.id })).toBe(3);
  });

  it('asks conditionally; a 304 keeps everything as it was and alerts nothing', async () => {
    const before = await feedStatus(admin, app.id);
    const requests = server.requests.length;
    clock.advance(301_000);
    expect(await poller.pollDue()).toEqual({ polled: 1, alerted: 0 });
    expect(server.requests.length).toBe(requests + 1);
    expect(server.requests.at(-1)?.ifNoneMatch).toMatch(/^"[0-9a-f]{16}"$/);
    const after = await feedStatus(admin, app.id);
    expect(after).toEqual(jasmine.objectContaining({ state: 'not_modified', consecutiveFailures: 0, message: null, itemsSeen: before.itemsSeen }));
    expect(after.lastSuccessAt).toBe(after.lastCheckedAt);
    expect(new Date(after.lastCheckedAt as string).getTime()).toBeGreaterThan(new Date(before.lastCheckedAt as string).getTime());
    expect((await myAlerts(user, { appId: app.id })).items.length).toBe(1);
  });

  it('backs off on errors (interval × 2^failures) and shows the error until the feed recovers', async () => {
    server.failWith = 500;
    const requests = () => server.requests.length;

    clock.advance(301_000);
    await poller.pollDue();
    let status = await feedStatus(admin, app.id);
    expect(status).toEqual(
      jasmine.objectContaining({ state: 'error', message: 'The feed answered 500.', problem: { code: 'http_status', params: { status: '500' } }, consecutiveFailures: 1 }),
    );
    expect(new Date(status.nextCheckAt as string).getTime() - new Date(status.lastCheckedAt as string).getTime()).toBe(600_000);
    // The last success stays what it was.
    expect(new Date(status.lastSuccessAt as string).getTime()).toBeLessThan(new Date(status.lastCheckedAt as string).getTime());
    expect((await auditOf(portal.dataSource, 'feed.failing', app.id)).length).toBe(1);

    // Not asked again at the base interval…
    const asked = requests();
    clock.advance(301_000);
    expect(await poller.pollDue()).toEqual({ polled: 0, alerted: 0 });
    expect(requests()).toBe(asked);
    // …but after twice the interval; the next wait doubles again.
    clock.advance(300_000);
    await poller.pollDue();
    status = await feedStatus(admin, app.id);
    expect(status).toEqual(jasmine.objectContaining({ state: 'error', consecutiveFailures: 2 }));
    expect(new Date(status.nextCheckAt as string).getTime() - new Date(status.lastCheckedAt as string).getTime()).toBe(1_200_000);
    expect((await auditOf(portal.dataSource, 'feed.failing', app.id)).length).toBe(1);

    server.failWith = null;
    server.items = [{ guid: 'b-4', title: 'Backup of 8 December succeeded', html: 'OK' }, ...server.items];
    clock.advance(1_200_000);
    expect(await poller.pollDue()).toEqual({ polled: 1, alerted: 1 });
    status = await feedStatus(admin, app.id);
    expect(status).toEqual(jasmine.objectContaining({ state: 'ok', consecutiveFailures: 0, message: null, problem: null, itemsSeen: 4 }));
    expect((await auditOf(portal.dataSource, 'feed.recovered', app.id)).length).toBe(1);
  });

  it('says when the answer is not a feed', async () => {
    // The portal itself is on 127.0.0.1 too (allowlisted here): its address answers a web page.
    const page = await createCatalogApp(portal.app, { name: 'Web page', visibility: 'everyone', feedUrl: `${portal.url}/` });
    const checked = await admin.postJson(FeedRoutes.check(page.id));
    expect(checked.status).withContext(checked.text).toBe(200);
    expect(checked.json()).toEqual(
      jasmine.objectContaining({ state: 'error', message: 'Not a valid RSS, Atom or JSON feed.', problem: { code: 'not_a_feed', params: {} }, consecutiveFailures: 1 }),
    );
    expect((await auditOf(portal.dataSource, 'feed.check_requested', page.id)).length).toBe(1);
  });

  it('starts over when the feed URL changes (a new baseline, no flood of old items), and forgets a removed feed', async () => {
    const alertsBefore = (await myAlerts(user, { appId: app.id })).items.length;
    expect((await setFeedUrl(admin, app.id, server.url('127.0.0.1', '/status.rss?v=2'))).status).toBe(200);
    expect((await feedStatus(admin, app.id)).state).toBe('never');
    const checked = await admin.postJson(FeedRoutes.check(app.id));
    expect(checked.json()).toEqual(jasmine.objectContaining({ state: 'ok', itemsSeen: 4, url: server.url('127.0.0.1', '/status.rss?v=2') }));
    expect((await myAlerts(user, { appId: app.id })).items.length).toBe(alertsBefore);

    expect((await setFeedUrl(admin, app.id, null)).status).toBe(200);
    expect((await admin.get(FeedRoutes.status(app.id))).status).toBe(404);
    await poller.pollDue();
    expect(await portal.dataSource.getRepository(FeedItemEntity).countBy({ appId: app.id })).toBe(0);
  });

  it('lets only administrators see a feed’s status or poll it', async () => {
    expect((await user.get(FeedRoutes.status(app.id))).status).toBe(403);
    expect((await user.postJson(FeedRoutes.check(app.id))).status).toBe(403);
    expect((await admin.get(FeedRoutes.status('no-such-app'))).status).toBe(404);
  });
});

describe('App feeds on private addresses, without an allowlist', () => {
  const portal: TestPortal = usePortal();
  const server = new FeedServer();

  beforeAll(async () => {
    portal.app.get(FeedPollerService).stopJob();
    await server.start();
  });
  afterAll(() => server.stop());

  it('refuses a feed on a loopback address (`blocked`, with the reason) and never connects to it', async () => {
    const admin = (await adminBrowser(portal)).browser;
    server.items = [{ guid: '1', title: 'Internal', html: 'secret' }];
    for (const host of ['127.0.0.1', '[::ffff:127.0.0.1]', 'localhost']) {
      const app = await createCatalogApp(portal.app, { name: `Internal ${host}`, visibility: 'everyone', feedUrl: server.url(host) });
      const status = (await admin.postJson(FeedRoutes.check(app.id))).json() as FeedStatus;
      expect(status.state).withContext(host).toBe('blocked');
      expect(status.message).withContext(host).toMatch(/is refused: (127\.0\.0\.1|::1) is a loopback address \(this machine\)\. An administrator may allow it with FEED_ALLOW_PRIVATE\.$/);
      expect(status.problem).withContext(host).toEqual({
        code: 'address_refused',
        params: { address: jasmine.stringMatching(/^(127\.0\.0\.1|::1)$/), range: 'loopback', host: host === 'localhost' ? 'localhost' : '', redirect: '' },
      });
      expect(status.consecutiveFailures).toBe(1);
      expect((await auditOf(portal.dataSource, 'feed.blocked', app.id)).length).toBe(1);
    }
    expect(server.requests).toEqual([]);
  });
});
