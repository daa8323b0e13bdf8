import { AlertRoutes, AuthRoutes, SupportRoutes, SupportWebRoutes, type AlertCounts, type CreateTicketResponse } from '@passerelle/contracts';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { errorsMatching, openPage, screenshotsAt, settle, VIEWPORTS, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, showsSignedIn, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { completeInteraction, signInToPortal } from './support/sign-in';
import { WORKSPACE_ROOT } from './support/server';
import { horizontalOverflow } from './support/stack';

// The support widget, end to end on the demo ("What must be shown" #1). The portal runs at
// http://127.0.0.1:<port> and the demo CRM at http://localhost:<port>: another SITE for Chromium, so
// the portal's cookies are third-party there. Claire (Direction) opens the widget in the CRM, which
// signs her in through its first-party popup, pastes a screenshot and sends; Julien (administrator,
// so an agent) finds the ticket in the queue with its context and the screenshot, and replies; back
// on the portal Claire sees the bell and the widget's badge, and the reply in "My tickets".
// Screenshots of each step: test-results/e2e/support-*.
const FLOW_TIMEOUT_MS = 180_000;
const CSP = /content security policy|content-security-policy|refused to/i;
const DESKTOP = { desktop: VIEWPORTS.desktop } as const;
const PHONE = { '390': VIEWPORTS.phone } as const;

describe('support widget, end to end on the demo, the CRM on another site', () => {
  const stack = useDemoStack({ hosts: { crm: 'localhost' } });
  let claire: TrackedPage;
  let julien: TrackedPage;
  /** The ticket the first spec files; the later specs build on it. */
  let filed: { id: string; number: number; subject: string } | undefined;
  const replyText = `Bonjour Claire, the quote is unlocked again — try once more (${Date.now().toString(36)}).`;

  beforeAll(async () => {
    claire = await openPage(stack.browser, { viewport: VIEWPORTS.desktop });
    julien = await openPage(stack.browser, { viewport: DASHBOARD_SIZES['1440'] });
  });

  afterAll(async () => {
    await claire?.close();
    await julien?.close();
  });

  afterEach(() => {
    expect(stack.problems()).withContext(`demo app problems:\n${stack.log()}`).toEqual([]);
  });

  /** The widget on a page (the demo pages' element, the dashboard's, or `/support`'s inline one). */
  const widgetOn = (page: Page): Locator => page.locator('passerelle-support');

  /** Julien, the demo's administrator (so an agent), signed in to the portal once for the group. */
  let agentSignedIn = false;
  async function agentPage(returnTo: string): Promise<Page> {
    if (!agentSignedIn) {
      await signInToPortal(julien.page, stack, stack.person('julien'), returnTo);
      agentSignedIn = true;
    } else {
      await julien.page.goto(stack.url(returnTo));
    }
    return julien.page;
  }

  /**
   * Follows one request to `url` through the DevTools protocol: its status (readable even when CORS
   * hides it from the page), the cookies sent, and those Chromium kept back with its reasons.
   */
  async function watchPortalProbe(page: Page, url: string): Promise<{ result: Promise<{ status: number; sentCookies: string[]; blocked: Array<{ name: string; reasons: string[] }> }> }> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // The ExtraInfo events may come before or after requestWillBeSent: keep them all by request id.
    const ids = new Set<string>();
    const cookies = new Map<string, { sent: string[]; blocked: Array<{ name: string; reasons: string[] }> }>();
    const statuses = new Map<string, number>();
    const result = new Promise<{ status: number; sentCookies: string[]; blocked: Array<{ name: string; reasons: string[] }> }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer seen for ${url} (requests ${[...ids]}, cookies ${[...cookies.keys()]}, statuses ${[...statuses]})`)), 10_000);
      const check = () => {
        for (const id of ids) {
          const sent = cookies.get(id);
          const status = statuses.get(id);
          if (sent && status !== undefined) {
            clearTimeout(timer);
            void cdp.detach().catch(() => undefined);
            resolve({ status, sentCookies: sent.sent, blocked: sent.blocked });
            return;
          }
        }
      };
      cdp.on('Network.requestWillBeSent', (e) => {
        if (e.request.url !== url) return;
        ids.add(e.requestId);
        check();
      });
      cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
        const all = e.associatedCookies.map((c) => ({ name: c.cookie.name, reasons: c.blockedReasons }));
        cookies.set(e.requestId, { sent: all.filter((c) => !c.reasons.length).map((c) => c.name), blocked: all.filter((c) => c.reasons.length) });
        check();
      });
      cdp.on('Network.responseReceivedExtraInfo', (e) => {
        statuses.set(e.requestId, e.statusCode);
        check();
      });
    });
    result.catch(() => undefined); // awaited later; don't let an early failure go unhandled
    return { result };
  }

  /** Signs Claire in to the CRM through the portal (OIDC), which also gives her a portal session. */
  async function signInToCrm(page: Page): Promise<void> {
    await page.goto(`${stack.demo.urls.crm}/login?iss=${encodeURIComponent(stack.issuer)}`);
    await completeInteraction(page, stack.person('claire'));
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.crm).origin && url.pathname === '/', { timeout: 20_000 });
    await showsSignedIn(page, 'Claire Dubois');
  }

  /** Dispatches a real `paste` event whose clipboard holds a PNG drawn on a canvas (what a screenshot paste gives). */
  async function pasteScreenshot(target: Locator): Promise<void> {
    await target.evaluate(async (element) => {
      const canvas = document.createElement('canvas');
      canvas.width = 480;
      canvas.height = 270;
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2d canvas');
      g.fillStyle = '#f4eef8';
      g.fillRect(0, 0, 480, 270);
      g.fillStyle = '#7a3e9d';
      g.fillRect(0, 0, 480, 40);
      g.fillStyle = '#b00020';
      g.font = '22px sans-serif';
      g.fillText('Error 500 — quote Q-2041 is locked', 20, 140);
      const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
      const clipboard = new DataTransfer();
      clipboard.items.add(new File([blob], 'image.png', { type: 'image/png' }));
      element.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true, composed: true }));
    });
  }

  /**
   * Screenshots of the viewport only, at each size: the widget floats (position: fixed), and a
   * full-page capture would paint it in the middle of a long page.
   */
  async function viewportShots(page: Page, name: string, sizes: Readonly<Record<string, { width: number; height: number }>>): Promise<void> {
    const dir = path.join(WORKSPACE_ROOT, 'test-results', 'e2e');
    mkdirSync(dir, { recursive: true });
    const original = page.viewportSize();
    for (const [label, size] of Object.entries(sizes)) {
      await page.setViewportSize(size);
      await settle(page);
      await page.screenshot({ path: path.join(dir, `${name}-${label}.png`) });
    }
    if (original) await page.setViewportSize(original);
  }

  async function expectAxeClean(page: Page, where: string): Promise<void> {
    await settle(page);
    const violations = await axeViolations(page);
    expect(violations).withContext(`axe on ${where}:\n${violations.join('\n')}\n`).toEqual([]);
  }

  it(
    'files a ticket from the CRM on another site: the widget signs in through its popup, takes a pasted screenshot, shows the context, sends once',
    async () => {
      const { page, errors } = claire;
      await signInToCrm(page);
      const crmOrigin = new URL(stack.demo.urls.crm).origin;
      const portalOrigin = new URL(stack.server.baseUrl).origin;
      expect(new URL(crmOrigin).hostname).toBe('localhost');
      expect(new URL(portalOrigin).hostname).toBe('127.0.0.1');

      // The premise: from the CRM, the portal's session cookie does not travel. Even a cookie of the
      // portal's made as permissive as can be (SameSite=None; Secure) stays behind: this headless
      // Chromium blocks third-party cookies by default (no switch needed; the cookies are kept back
      // for "UserPreferences"), and the session cookie is SameSite=Lax anyway.
      await page.context().addCookies([{ name: 'e2e_third_party_probe', value: '1', domain: '127.0.0.1', path: '/', sameSite: 'None', secure: true }]);
      // The page may not read the answer (no CORS there), so read it off the network through the
      // DevTools protocol: the status the portal gave, and which cookies Chromium kept back and why.
      const seen = await watchPortalProbe(page, stack.url(AuthRoutes.me));
      const fetched = await page.evaluate(async (url) => {
        try {
          return `status ${(await fetch(url, { credentials: 'include' })).status}`;
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      }, stack.url(AuthRoutes.me));
      const probe = await seen.result;
      expect(probe.status).withContext(`GET ${AuthRoutes.me} from the CRM page (the page's fetch: ${fetched})`).toBe(401);
      expect(probe.sentCookies).withContext('cookies sent cross-site to the portal').toEqual([]);
      // "UserPreferences" is Chromium's reason for a cookie kept back because third-party cookies are
      // blocked; the portal's session (the provider's `_session`) is kept back for that reason too.
      const keptBack = JSON.stringify(probe.blocked);
      const reasonsOf = (name: string) => probe.blocked.find((c) => c.name === name)?.reasons ?? [];
      expect(reasonsOf('e2e_third_party_probe')).withContext(`cookies kept back: ${keptBack}`).toContain('UserPreferences');
      expect(reasonsOf('_session')).withContext(`cookies kept back: ${keptBack}`).toContain('UserPreferences');
      // For people reading the results: which cookies, and Chromium's reasons.
      mkdirSync(path.join(WORKSPACE_ROOT, 'test-results', 'e2e'), { recursive: true });
      writeFileSync(path.join(WORKSPACE_ROOT, 'test-results', 'e2e', 'support-cookie-probe.json'), JSON.stringify({ page: crmOrigin, request: stack.url(AuthRoutes.me), fetched, ...probe }, null, 2));
      expect(fetched).not.toBe('status 200');

      // The widget: the launcher, the panel asks to connect, the popup (first-party: the portal's
      // session is there) hands back a token and closes by itself.
      const widget = widgetOn(page);
      await widget.getByTestId('launcher').click();
      const panel = widget.getByTestId('panel');
      await panel.waitFor();
      await widget.getByTestId('connect').waitFor();
      await viewportShots(page, 'support-1-crm-widget-connect', DESKTOP);
      const connects: Array<{ url: string }> = [];
      const signInPages: string[] = [];
      const onRequest = (r: Request) => {
        const { pathname } = new URL(r.url());
        if (pathname === SupportRoutes.widgetConnect) connects.push({ url: r.url() });
        if (r.isNavigationRequest() && (pathname === AuthRoutes.signIn || pathname === '/sign-in' || pathname.startsWith('/interaction/'))) signInPages.push(r.url());
      };
      page.context().on('request', onRequest);
      // A popup of the CRM page (a top-level window, not a frame): the portal is first-party there.
      const popupOpened = page.waitForEvent('popup');
      await widget.getByTestId('connect').click();
      const popup = await popupOpened;
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
      page.context().off('request', onRequest);
      expect(connects.length).withContext('requests to the connect page').toBe(1);
      const connectUrl = new URL(connects[0].url);
      expect(connectUrl.origin).withContext('the connect popup runs on the portal').toBe(portalOrigin);
      expect(connectUrl.searchParams.get('origin')).toBe(crmOrigin);
      // First-party there, the session cookie is sent: no sign-in page came up on the way.
      expect(signInPages).withContext('sign-in pages in the popup').toEqual([]);

      // The form, as Claire (the options answer with her as requester), the CRM named as the app.
      const subject = widget.getByTestId('subject');
      await subject.waitFor({ timeout: 15_000 });
      const requests: Request[] = [];
      page.on('request', (r) => {
        if (r.url().startsWith(portalOrigin + '/api/support/')) requests.push(r);
      });
      const subjectText = `Quote Q-2041 won't save (${Date.now().toString(36)})`;
      await widget.getByTestId('category').selectOption({ label: 'Software and apps' });
      await subject.fill(subjectText);
      const description = widget.getByTestId('description');
      await description.fill('Saving the quote shows "Error 500". Screenshot attached.');

      // Paste a screenshot into the form: uploaded at once, listed.
      const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === stack.url(SupportRoutes.attachments));
      await pasteScreenshot(description);
      const upload = await uploaded;
      expect(upload.status()).withContext(`upload: ${await upload.text()}`).toBe(201);
      const attachment = widget.getByTestId('attachment');
      await attachment.waitFor();
      expect(await attachment.innerText()).toMatch(/\.png/);

      // The context, shown before sending.
      const context = (await widget.getByTestId('context-list').innerText()).replace(/\s+/g, ' ');
      expect(context).withContext('app').toContain('CRM');
      expect(context).withContext('page URL').toContain(`${crmOrigin}/`);
      expect(context).withContext('browser').toMatch(/Chrom(e|ium) \d+/);
      expect(context).withContext('OS').toContain('Linux');
      expect(context).withContext('screen').toMatch(/\d+\s*[×x]\s*\d+/);
      expect(context).withContext('language').toContain('en-GB');
      expect(context).withContext('time').toMatch(/\d{1,2}:\d{2}/);
      await viewportShots(page, 'support-2-crm-widget-form', DESKTOP);
      await widget.getByTestId('context').scrollIntoViewIfNeeded();
      await viewportShots(page, 'support-2b-crm-widget-screenshot-and-context', DESKTOP);
      await expectAxeClean(page, 'the widget panel in the CRM');

      // Two clicks in a row (a double click, before anything re-renders): one request, one ticket.
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === stack.url(SupportRoutes.tickets));
      await widget.getByTestId('send').evaluate((button: HTMLButtonElement) => {
        button.click();
        button.click();
      });
      const createdResponse = await created;
      expect(createdResponse.status()).withContext(await createdResponse.text()).toBe(201);
      const body = (await createdResponse.json()) as CreateTicketResponse;
      expect(body.created).toBeTrue();
      await widget.getByTestId('ticket-number').waitFor();
      // "Request #12 sent…" / "Demande n° 12 envoyée…" (Claire's language is French).
      expect(await widget.getByTestId('ticket-number').innerText()).toMatch(new RegExp(`(#|n°\\s*)${body.ticket.number}\\b`));
      const posts = requests.filter((r) => r.method() === 'POST' && new URL(r.url()).pathname === SupportRoutes.tickets);
      expect(posts.length).withContext('POSTs to file the ticket').toBe(1);

      // The widget's calls carry its bearer token, never a cookie; the ticket is Claire's, from the CRM.
      const sent = await posts[0].allHeaders();
      expect(sent['authorization']).toMatch(/^Bearer \S+$/);
      expect(sent['cookie']).toBeUndefined();
      expect(body.ticket.app?.name).toBe('CRM');
      expect(body.ticket.context.origin).toBe(crmOrigin);
      expect(body.ticket.context.pageUrl).toBe(`${crmOrigin}/`);
      expect(body.ticket.attachments.map((a) => a.contentType)).toEqual(['image/png']);

      // A retried request (same requestId) gets the same ticket back, not a second one.
      const retry = await fetch(posts[0].url(), {
        method: 'POST',
        headers: { authorization: sent['authorization'], 'content-type': 'application/json', origin: crmOrigin },
        body: posts[0].postData() ?? '',
      });
      const retried = (await retry.json()) as CreateTicketResponse;
      expect(retry.status).withContext(JSON.stringify(retried)).toBe(200);
      expect(retried.created).toBeFalse();
      expect(retried.ticket.number).toBe(body.ticket.number);

      await viewportShots(page, 'support-3-crm-widget-sent', DESKTOP);
      filed = { id: body.ticket.id, number: body.ticket.number, subject: subjectText };
      expect(errorsMatching(errors, CSP)).withContext(errors.join('\n')).toEqual([]);
      // The premise's fetch is refused (CORS) and logged; nothing else may be.
      const others = errors.filter((e) => !e.includes(AuthRoutes.me));
      expect(others).withContext('console errors in the CRM page').toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows the ticket to the agent in the queue with its context and screenshot; the reply reaches Claire on the dashboard (bell, widget badge) and in My tickets',
    async () => {
      if (!filed) throw new Error('the previous spec filed no ticket');
      const ticket = filed;
      const agent = await agentPage(SupportWebRoutes.queue);

      // The queue: the ticket's number, subject, app.
      const row = agent.locator('[data-testid="queue-row"]').filter({ hasText: ticket.subject });
      await row.waitFor({ timeout: 15_000 });
      const rowText = (await row.innerText()).replace(/\s+/g, ' ');
      expect(rowText).toContain(`#${ticket.number}`);
      expect(rowText).toContain('CRM');
      expect(rowText).toContain('Claire Dubois');
      await screenshotsAt(agent, 'support-4-agent-queue', DASHBOARD_SIZES);
      await expectAxeClean(agent, 'the queue');

      // The ticket: the screenshot listed, the context.
      await row.getByTestId('queue-ticket-link').click();
      await agent.waitForURL((url) => url.pathname === SupportWebRoutes.queueTicket(ticket.id));
      await agent.getByTestId('ticket-heading').waitFor();
      expect(await agent.getByTestId('ticket-heading').innerText()).toContain(`#${ticket.number}`);
      const files = agent.getByTestId('ticket-description').getByTestId('ticket-attachment');
      expect(await files.count()).withContext('attachments on the ticket').toBe(1);
      expect(await files.innerText()).toMatch(/\.png/);
      expect((await agent.getByTestId('ticket-context-app').innerText()).trim()).toBe('CRM');
      expect(await agent.getByTestId('ticket-context-page').innerText()).toContain(`${new URL(stack.demo.urls.crm).origin}/`);
      const contextText = (await agent.getByTestId('ticket-context').innerText()).replace(/\s+/g, ' ');
      expect(contextText).toContain('en-GB');
      expect(contextText).toContain('Linux');
      await screenshotsAt(agent, 'support-5-agent-ticket', DASHBOARD_SIZES);
      await expectAxeClean(agent, 'the agent’s ticket view');

      // Claire's unread counts before the reply, read with her portal session.
      const claireContext: BrowserContext = claire.page.context();
      const before = (await (await claireContext.request.get(stack.url(AlertRoutes.counts))).json()) as AlertCounts;

      // The reply.
      await agent.getByTestId('composer-body').fill(replyText);
      const replied = agent.waitForResponse((r) => r.request().method() === 'POST' && r.url() === stack.url(SupportRoutes.queueMessages(ticket.id)));
      await agent.getByTestId('composer-send').click();
      expect((await replied).status()).toBe(201);
      await agent.getByTestId('ticket-message').filter({ hasText: replyText }).waitFor();
      await screenshotsAt(agent, 'support-6-agent-replied', DESKTOP);

      // Claire, back on the dashboard (the portal's own site): the bell has one more, and the
      // widget's launcher shows the unread ticket.
      const { page, errors } = claire;
      await page.goto(stack.url('/'));
      await waitForDashboard(page);
      const bell = page.getByTestId('alert-bell-badge');
      await bell.waitFor({ timeout: 10_000 });
      expect(Number((await bell.innerText()).replace('+', ''))).withContext('the bell').toBe(before.unread + 1);
      const badge = widgetOn(page).getByTestId('unread-badge');
      await badge.waitFor({ timeout: 15_000 });
      expect((await badge.innerText()).trim()).withContext('the widget launcher badge').toBe('1');
      await viewportShots(page, 'support-7-dashboard-badges', DASHBOARD_SIZES);

      // The bell's panel names the ticket.
      await page.getByTestId('alert-bell').click();
      const alert = page.getByTestId('alert-panel').locator('[data-testid="alert"]').filter({ hasText: `#${ticket.number}` });
      await alert.waitFor();
      await screenshotsAt(page, 'support-8-dashboard-alert', DESKTOP);
      await page.keyboard.press('Escape');

      // My tickets: the ticket, then its conversation with the agent's reply.
      await page.goto(stack.url(SupportWebRoutes.myTickets));
      const item = widgetOn(page).getByTestId(`ticket-${ticket.number}`);
      await item.waitFor({ timeout: 15_000 });
      expect(await item.innerText()).toContain(ticket.subject);
      await screenshotsAt(page, 'support-9-my-tickets', DASHBOARD_SIZES);
      await item.click();
      const conversation = widgetOn(page).getByTestId('conversation');
      await conversation.filter({ hasText: replyText }).waitFor();
      await screenshotsAt(page, 'support-10-my-ticket-reply', DASHBOARD_SIZES);
      await expectAxeClean(page, 'My tickets with the conversation');
      expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);

      // Seen now: the unread count is back to 0.
      const unread = (await (await claireContext.request.get(stack.url(SupportRoutes.unread))).json()) as { unread: number };
      expect(unread.unread).toBe(0);
      expect(errorsMatching(errors, CSP)).withContext(errors.join('\n')).toEqual([]);
      expect(errorsMatching(julien.errors, CSP)).withContext(julien.errors.join('\n')).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'shows HTML in a description as text in the agent’s view, and runs none of it',
    async () => {
      const hostile = '<img src=x onerror="window.__supportXss=1"> <script>window.__supportXss=2</script> & "quotes"';
      const subject = `HTML in a ticket (${Date.now().toString(36)})`;
      // Filed by Claire with her portal session (the requester routes take the cookie too).
      const response = await claire.page.context().request.post(stack.url(SupportRoutes.tickets), {
        headers: { origin: new URL(stack.server.baseUrl).origin },
        data: { requestId: randomUUID(), categoryId: 'b7f0c1a2-0004-4c3e-9a51-5e0a11c0de04', subject: `${subject} <b>bold</b>`, description: hostile, urgency: 'normal' },
      });
      expect(response.status()).withContext(await response.text()).toBe(201);
      const { ticket } = (await response.json()) as CreateTicketResponse;

      const agent = await agentPage(SupportWebRoutes.queueTicket(ticket.id));
      const description = agent.getByTestId('ticket-description');
      await description.waitFor();
      expect(await description.innerText()).toContain(hostile);
      expect(await agent.getByTestId('ticket-heading').innerText()).toContain('<b>bold</b>');
      expect(await description.locator('img, script').count()).withContext('elements made from the text').toBe(0);
      expect(await agent.evaluate(() => (window as unknown as { __supportXss?: number }).__supportXss)).toBeUndefined();
      await screenshotsAt(agent, 'support-11-agent-html-as-text', DESKTOP);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'fits the widget panel on a 390 px phone in the CRM (a bottom sheet), axe clean',
    async () => {
      const { page } = claire;
      await page.setViewportSize(VIEWPORTS.phone);
      await page.goto(stack.demo.urls.crm);
      await showsSignedIn(page, 'Claire Dubois');
      const widget = widgetOn(page);
      await widget.getByTestId('launcher').click();
      const panel = widget.getByTestId('panel');
      await panel.waitFor();
      // A new page load forgot the token (memory only): the popup connects again.
      const popupOpened = page.waitForEvent('popup');
      await widget.getByTestId('connect').click();
      const popup = await popupOpened;
      if (!popup.isClosed()) await popup.waitForEvent('close', { timeout: 15_000 });
      await widget.getByTestId('subject').waitFor({ timeout: 15_000 });
      const box = await panel.boundingBox();
      expect(box).not.toBeNull();
      if (box) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(VIEWPORTS.phone.width + 0.5);
      }
      expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
      await viewportShots(page, 'support-12-crm-widget-phone', PHONE);
      await expectAxeClean(page, 'the widget panel on a phone');
      await page.setViewportSize(VIEWPORTS.desktop);
    },
    FLOW_TIMEOUT_MS,
  );
});
