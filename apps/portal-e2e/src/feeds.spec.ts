import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { errorsMatching, launchBrowser, openPage, screenshotsAt, settle, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, setPortalLanguage } from './support/dashboard';
import { createPerson, type Person } from './support/people';
import { startServer, type TestServer } from './support/server';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow, type Stack } from './support/stack';

// An administrator gives an app a feed in the console's app editor, sees how polling goes on the
// app's page (working, then failing with the reason, in English and French), and a feed on a
// private address is blocked. The portal may reach the test's feed server on 127.0.0.1 because
// FEED_ALLOW_PRIVATE allows exactly that address; 127.0.0.2, loopback too, is not allowed.
const FLOW_TIMEOUT_MS = 120_000;
const CSP = /content security policy|content-security-policy|refused to/i;

describe('app feeds in the console', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: TrackedPage;
  let person: Person;
  let failWith: number | null = null;
  const feed = http.createServer((_req, res) => {
    if (failWith) {
      res.statusCode = failWith;
      return void res.end();
    }
    res.setHeader('content-type', 'application/rss+xml');
    res.end('<rss version="2.0"><channel><title>Backups</title><item><guid>b-1</guid><title>Backup of 6 December succeeded</title></item></channel></rss>');
  });
  const feedUrl = (host: string) => `http://${host}:${(feed.address() as AddressInfo).port}/status.rss`;

  beforeAll(async () => {
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    [server, browser] = await Promise.all([startServer({ FEED_ALLOW_PRIVATE: '127.0.0.1' }), launchBrowser()]);
    person = await createPerson(server, 'irene.it@example.com', 'Irène IT', { admin: true });
    admin = await openPage(browser, { viewport: DASHBOARD_SIZES['1440'] });
    const stack: Stack = { server, browser, url: (pathname) => server.baseUrl + pathname };
    await signInToPortal(admin.page, stack, person, '/admin/apps/new');
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await admin?.close();
    await browser?.close();
    await server?.stop();
    feed.closeAllConnections();
    await new Promise((resolve) => feed.close(resolve));
  });

  it('takes a feed URL in the app editor and shows how polling goes, in English and French', async () => {
    const { page } = admin;
    await page.locator('#app-name').waitFor();
    await page.locator('#app-name').fill('Backups');
    await page.locator('#app-launchUrl').fill('https://backups.example.com/');
    await page.getByTestId('app-visibility-everyone').check();
    await page.locator('#app-feedUrl').fill('status.example.com/feed');
    await page.getByTestId('app-form-submit').click();
    await page.locator('#app-feedUrl-error').waitFor();
    expect(await page.locator('#app-feedUrl-error').innerText()).toContain('https:// or http://');

    await page.locator('#app-feedUrl').fill(feedUrl('127.0.0.1'));
    await page.getByTestId('app-form-submit').click();
    const card = page.getByTestId('app-feed');
    await card.waitFor({ timeout: 20_000 });
    await card.getByTestId('feed-facts').waitFor();

    await card.getByTestId('feed-check').click();
    await card.getByTestId('feed-checked').waitFor();
    expect(await card.getByTestId('feed-state').innerText()).toBe('Working');
    expect(await card.getByTestId('feed-items').innerText()).toBe('1');
    await card.scrollIntoViewIfNeeded();
    await screenshotsAt(page, 'feed-working-en', { '1440': DASHBOARD_SIZES['1440'], '390': DASHBOARD_SIZES['390'] });

    failWith = 503;
    await card.getByTestId('feed-check').click();
    await card.getByTestId('feed-problem').waitFor();
    expect(await card.getByTestId('feed-state').innerText()).toBe('Failing');
    expect(await card.getByTestId('feed-problem-text').innerText()).toBe('The feed answered 503.');
    expect(await card.getByTestId('feed-failures').innerText()).toBe('1');
    await card.scrollIntoViewIfNeeded();
    await screenshotsAt(page, 'feed-failing-en', { '1440': DASHBOARD_SIZES['1440'], '390': DASHBOARD_SIZES['390'] });

    await setPortalLanguage(page, 'fr');
    await settle(page);
    expect(await card.getByTestId('feed-state').innerText()).toBe('En échec');
    expect(await card.getByTestId('feed-problem-text').innerText()).toBe('Le flux a répondu 503.');
    await page.setViewportSize(DASHBOARD_SIZES['390']);
    await settle(page);
    expect(await horizontalOverflow(page)).withContext('no sideways scroll at 390 px').toBeLessThanOrEqual(0);
    await card.scrollIntoViewIfNeeded();
    await screenshotsAt(page, 'feed-failing-fr', { '390': DASHBOARD_SIZES['390'] });
    await page.setViewportSize(DASHBOARD_SIZES['1440']);
    await setPortalLanguage(page, 'en');
    expect(await axeViolations(page)).toEqual([]);
    failWith = null;
  });

  it('blocks a feed on a private address that is not allowed', async () => {
    const { page } = admin;
    await page.locator('#app-feedUrl').fill(feedUrl('127.0.0.2'));
    await page.getByTestId('app-form-submit').click();
    await page.getByTestId('app-form-saved').waitFor();
    const card = page.getByTestId('app-feed');
    await card.getByTestId('feed-url').filter({ hasText: '127.0.0.2' }).waitFor();
    await card.getByTestId('feed-check').click();
    await card.getByTestId('feed-problem').waitFor();
    expect(await card.getByTestId('feed-state').innerText()).toBe('Blocked');
    expect(await card.getByTestId('feed-problem-text').innerText()).toBe('The address 127.0.0.2 is refused: it is a loopback address (the server itself).');
    expect(await card.getByTestId('feed-problem').innerText()).toContain('FEED_ALLOW_PRIVATE');
    await card.scrollIntoViewIfNeeded();
    await screenshotsAt(page, 'feed-blocked-en', { '1440': DASHBOARD_SIZES['1440'], '390': DASHBOARD_SIZES['390'] });
    expect(errorsMatching(admin.errors, CSP)).toEqual([]);
  });
});
