import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { FeedPollerService } from '../../../src/app/alerts/feeds/feed-poller.service';
import { createCatalogApp } from '../../support/catalog';
import { startTestPortal, usePortal, type TestPortal } from '../../support/test-portal';

/**
 * Several portal processes share one database (PostgreSQL in production): each runs the feed loop,
 * and a due feed is claimed by one UPDATE … WHERE next_check_at <= now, so it is polled once, by
 * whichever process got it — never by both.
 */
describe('Feeds polled by two portals sharing a database', () => {
  const env = { FEED_ALLOW_PRIVATE: '127.0.0.1', SECRET_KEY: randomBytes(32).toString('hex') };
  const first = usePortal({ env });
  let second: TestPortal;
  const requests: string[] = [];
  // Slow on purpose, so both passes are under way at the same time.
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    setTimeout(() => res.end(`<rss version="2.0"><channel><title>t</title><item><guid>${req.url}</guid><title>Item</title></item></channel></rss>`), 200);
  });

  beforeAll(async () => {
    first.app.get(FeedPollerService).stopJob();
    const shared: Record<string, string> = first.config.database.kind === 'postgres' ? { DATABASE_URL: first.config.database.url } : { DATA_DIR: first.config.dataDir };
    second = await startTestPortal({ ...env, ...shared });
    second.app.get(FeedPollerService).stopJob();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await second?.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('polls each due feed once, whichever process claims it', async () => {
    const port = (server.address() as AddressInfo).port;
    for (let i = 0; i < 6; i++) await createCatalogApp(first.app, { name: `Feed ${i}`, visibility: 'everyone', feedUrl: `http://127.0.0.1:${port}/feed-${i}.rss` });
    const [a, b] = await Promise.all([first.app.get(FeedPollerService).pollDue(), second.app.get(FeedPollerService).pollDue()]);
    expect(a.polled + b.polled).toBe(6);
    expect(requests.sort()).toEqual(Array.from({ length: 6 }, (_, i) => `/feed-${i}.rss`));
    // Nothing is due any more, for either.
    const again = await Promise.all([first.app.get(FeedPollerService).pollDue(), second.app.get(FeedPollerService).pollDue()]);
    expect(again.map((r) => r.polled)).toEqual([0, 0]);
    expect(requests.length).toBe(6);
  });
});
