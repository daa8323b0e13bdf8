import { type AlertCounts, AlertRoutes, type PostAlertRequest, type PostAlertResponse } from '@passerelle/contracts';
import * as client from 'openid-client';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { errorsMatching, openPage, screenshotsAt, settle, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// The notification centre on the demo, end to end: the demo CRM gets a token from Passerelle's own
// provider (client_credentials, scope alerts:write) and posts an alert to Claire through the real
// push API; her open dashboard shows it at once — the bell's count and the CRM tile's badge — without
// a reload. She opens the bell's panel, marks it read, reloads: it is still read. Screenshots at 390
// and 1440 px; axe on the open panel and on /alerts.
const FLOW_TIMEOUT_MS = 120_000;
const LIVE_TIMEOUT_MS = 10_000;
const CSP = /content security policy|content-security-policy|refused to/i;

describe('alerts, end to end on the demo', () => {
  const stack = useDemoStack();
  let claire: TrackedPage;

  beforeAll(async () => {
    claire = await openPage(stack.browser, { viewport: DASHBOARD_SIZES['1440'] });
  });

  afterAll(async () => {
    await claire?.close();
  });

  /** The demo CRM's token for the push API, from the portal's token endpoint. */
  async function crmToken(): Promise<string> {
    const { clientId, clientSecret } = stack.seeded.demoApps.crm;
    const config = await client.discovery(new URL(stack.issuer), clientId, clientSecret, undefined, { execute: [client.allowInsecureRequests] });
    const grant = await client.clientCredentialsGrant(config, { scope: 'alerts:write' });
    expect(grant.scope?.split(' ')).toContain('alerts:write');
    return grant.access_token;
  }

  async function postAlert(token: string, alert: PostAlertRequest): Promise<PostAlertResponse> {
    const response = await fetch(stack.url(AlertRoutes.alerts), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(alert),
    });
    const text = await response.text();
    expect(response.status).withContext(`POST ${AlertRoutes.alerts}: ${text}`).toBe(202);
    return JSON.parse(text) as PostAlertResponse;
  }

  /** The number on the bell (0 when it shows none). */
  async function bellCount(page: Page): Promise<number> {
    const badge = page.getByTestId('alert-bell-badge');
    return (await badge.count()) ? Number((await badge.innerText()).replace('+', '')) : 0;
  }

  /** The number on a tile's badge (0 when it shows none). */
  async function tileCount(page: Page, appId: string): Promise<number> {
    const badge = page.locator(`[data-testid="row-section"] [data-app-id="${appId}"] [data-testid="tile-badge"]`);
    return (await badge.count()) ? Number((await badge.innerText()).replace('+', '')) : 0;
  }

  async function waitForCount(read: () => Promise<number>, expected: number, what: string): Promise<void> {
    const deadline = Date.now() + LIVE_TIMEOUT_MS;
    let now = await read();
    while (now !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      now = await read();
    }
    expect(now).withContext(what).toBe(expected);
  }

  it(
    'shows an alert posted by the demo CRM live on the bell and the CRM tile, and keeps it read after a reload',
    async () => {
      const { page, errors } = claire;
      const person = stack.person('claire');
      await signInToPortal(page, stack, person);
      await waitForDashboard(page);
      const crm = stack.seeded.demoApps.crm.appId;
      // The live stream is open, and the badges show what the server counts (the demo may have posted some).
      await page.locator('[data-testid="alert-bell"][data-stream="live"]').waitFor({ timeout: LIVE_TIMEOUT_MS });
      const counts = (await page.evaluate(async (path) => (await fetch(path)).json(), AlertRoutes.counts)) as AlertCounts;
      const bellBefore = counts.unread;
      const tileBefore = counts.byApp[crm] ?? 0;
      await waitForCount(() => bellCount(page), bellBefore, 'the bell before the post');
      await waitForCount(() => tileCount(page, crm), tileBefore, 'the CRM tile before the post');

      // Anything that reloads the page would clear this mark.
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      const title = `Quote Q-2041 awaits your approval (${Date.now().toString(36)})`;
      const token = await crmToken();
      const stored = await postAlert(token, {
        recipients: { users: [person.email] },
        title,
        body: 'Atelier Dupont asks for **12 400 €**. <script>window.__alertScriptRan = true</script>',
        severity: 'critical',
        link: `${stack.demo.urls.crm}/`,
        dedupeKey: `e2e-quote-${title}`,
      });
      expect(stored.recipients).toBe(1);

      await waitForCount(() => bellCount(page), bellBefore + 1, 'the bell after the post, without reload');
      await waitForCount(() => tileCount(page, crm), tileBefore + 1, 'the CRM tile after the post, without reload');
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).withContext('no reload happened').toBeTrue();
      expect(await page.getByTestId('alert-bell').getAttribute('aria-label')).toMatch(/^Notifications, \d+ unread, \d+ critical$/);
      const tileUnread = page.locator(`[data-testid="row-section"] [data-app-id="${crm}"] [data-testid="tile-unread"]`);
      expect(await tileUnread.textContent()).toMatch(/^, \d+ unread notifications?$/);
      await screenshotsAt(page, 'alerts-dashboard-badges', DASHBOARD_SIZES);

      // The panel: the new alert on top, critical, sanitised.
      await page.getByTestId('alert-bell').click();
      const panel = page.getByTestId('alert-panel');
      await panel.waitFor({ state: 'visible' });
      const item = panel.locator('[data-testid="alert"]').filter({ hasText: title });
      await item.waitFor();
      expect(await item.getAttribute('data-severity')).toBe('critical');
      expect(await item.getAttribute('data-read')).toBe('false');
      expect(await page.evaluate(() => (window as unknown as { __alertScriptRan?: boolean }).__alertScriptRan)).toBeUndefined();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('alert-panel-title');
      await settle(page);
      const panelViolations = await axeViolations(page);
      expect(panelViolations).withContext(`axe with the panel open:\n${panelViolations.join('\n')}\n`).toEqual([]);
      await screenshotsAt(page, 'alerts-panel', DASHBOARD_SIZES);
      expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);

      // Mark read: the server is told, the badges follow.
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && new URL(r.url()).pathname.startsWith(`${AlertRoutes.mine}/`));
      await item.getByTestId('alert-toggle-read').click();
      expect((await saved).status()).toBe(204);
      await waitForCount(() => bellCount(page), bellBefore, 'the bell after marking it read');
      expect(await item.getAttribute('data-read')).toBe('true');

      // Escape closes the panel and gives the focus back to the bell.
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('alert-bell');

      // After a reload it is still read.
      await page.reload();
      await waitForDashboard(page);
      await waitForCount(() => tileCount(page, crm), tileBefore, 'the CRM tile after the reload');
      await page.getByTestId('alert-bell').click();
      const again = page.getByTestId('alert-panel').locator('[data-testid="alert"]').filter({ hasText: title });
      await again.waitFor();
      expect(await again.getAttribute('data-read')).toBe('true');
      expect(await bellCount(page)).toBe(bellBefore);

      // The full page: the same alert, read; filters; axe.
      await page.getByTestId('alert-panel-all').click();
      await page.waitForURL((url) => url.pathname === '/alerts');
      const row = page.getByTestId('alerts-list').locator('[data-testid="alert"]').filter({ hasText: title });
      await row.waitFor();
      expect(await row.getAttribute('data-read')).toBe('true');
      expect(await row.getByTestId('alert-link').getAttribute('target')).toBe('_blank');
      await settle(page);
      const pageViolations = await axeViolations(page);
      expect(pageViolations).withContext(`axe on /alerts:\n${pageViolations.join('\n')}\n`).toEqual([]);
      await screenshotsAt(page, 'alerts-page', DASHBOARD_SIZES);
      await page.setViewportSize(DASHBOARD_SIZES['390']);
      await settle(page);
      expect(await horizontalOverflow(page)).withContext('/alerts at 390 px: scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
      await page.setViewportSize(DASHBOARD_SIZES['1440']);

      expect(errorsMatching(errors, CSP)).toEqual([]);
      expect(errors).withContext('console errors').toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});
