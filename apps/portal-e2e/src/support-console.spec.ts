import { SupportRoutes, SupportWebRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { errorsMatching, openPage, screenshotsAt, settle, type TrackedPage } from './support/browser';
import { setPortalLanguage } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// Issue 7, the support console on the demo: Amina files a ticket (through the API, as the widget
// does with her session); Julien (IT, administrator) works it in the queue — filters, the ticket
// with its context, an internal note and a reply — and looks after the support settings.
const FLOW_TIMEOUT_MS = 120_000;
const SIZES = { '1280': { width: 1280, height: 800 }, '390': { width: 390, height: 844 } } as const;
// A 1×1 PNG: attachments are recognised from their bytes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A call with the page's session cookie, as the portal's own pages make it. */
async function api<T>(page: Page, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const result = await page.evaluate(
    async ({ method, url, body, headers, raw }) => {
      const response = await fetch(url, {
        method,
        headers: raw ? headers : { 'Content-Type': 'application/json', ...headers },
        body: raw ? new Uint8Array(raw) : body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, url, body: Buffer.isBuffer(body) ? undefined : body, headers, raw: Buffer.isBuffer(body) ? Array.from(body) : null },
  );
  if (result.status >= 400) throw new Error(`${method} ${url} → ${result.status}: ${result.text}`);
  return (result.text ? JSON.parse(result.text) : null) as T;
}

async function expectCleanPage(page: Page, name: string): Promise<void> {
  await settle(page);
  expect(await axeViolations(page)).withContext(`axe on ${name}`).toEqual([]);
  await screenshotsAt(page, name, SIZES);
  await page.setViewportSize(SIZES['390']);
  expect(await horizontalOverflow(page)).withContext(`${name} at 390 px`).toBe(0);
  await page.setViewportSize(SIZES['1280']);
}

describe('support console: an agent works the queue, an administrator sets support up', () => {
  const stack = useDemoStack();
  const pages: TrackedPage[] = [];
  let ticketId = '';

  afterAll(async () => {
    for (const tracked of pages) await tracked.close();
  });

  async function signedIn(key: 'julien' | 'amina', returnTo = '/'): Promise<TrackedPage> {
    const tracked = await openPage(stack.browser, { viewport: SIZES['1280'] });
    pages.push(tracked);
    await signInToPortal(tracked.page, stack, stack.person(key), returnTo);
    return tracked;
  }

  it('Amina files a ticket with a screenshot', async () => {
    const { page } = await signedIn('amina');
    const options = await api<{ categories: Array<{ id: string; name: string; fields: Array<{ key: string; type: string; required: boolean; options?: string[] }> }> }>(page, 'GET', SupportRoutes.options);
    const category = options.categories[0];
    const fields = Object.fromEntries(category.fields.filter((f) => f.required).map((f) => [f.key, f.type === 'checkbox' ? true : f.type === 'select' ? (f.options?.[0] ?? 'x') : 'Timesheets']));
    const upload = await api<{ id: string }>(page, 'POST', SupportRoutes.attachments, PNG, { 'X-File-Name': encodeURIComponent('écran.png'), 'Content-Type': 'application/octet-stream' });
    const created = await api<{ ticket: { id: string; number: number } }>(page, 'POST', SupportRoutes.tickets, {
      requestId: 'e2e-support-console-1',
      categoryId: category.id,
      subject: 'The printer on floor 2 says <b>offline</b>',
      description: 'Since this morning.\nI restarted it twice.',
      urgency: 'high',
      fields,
      attachmentIds: [upload.id],
      context: { pageUrl: `${stack.server.baseUrl}/`, browser: 'Chrome 131', os: 'macOS 15', screen: '1440×900', viewport: '1440×800', language: 'fr-CH', timeZone: 'Europe/Zurich', clientTime: new Date().toISOString() },
    });
    ticketId = created.ticket.id;
    expect(created.ticket.number).toBeGreaterThan(0);

    // Not an agent: the queue is not for her, and its API says so too.
    await page.goto(`${stack.server.baseUrl}${SupportWebRoutes.queue}`);
    await page.waitForURL((url) => url.pathname === '/');
    await expectAsync(api(page, 'GET', SupportRoutes.queue)).toBeRejectedWithError(/→ 403/);
  }, FLOW_TIMEOUT_MS);

  it('Julien finds it in the queue, filters, and opens it with its context', async () => {
    const julien = await signedIn('julien', SupportWebRoutes.queue);
    const { page } = julien;
    const row = page.getByTestId('queue-row').filter({ hasText: 'The printer on floor 2' });
    await row.waitFor();
    expect(await row.getByTestId('queue-requester').innerText()).toBe('Amina Benali');
    expect(await row.getByTestId('queue-sla').innerText()).toMatch(/left|overdue/);
    await expectCleanPage(page, 'support-queue');

    await page.getByTestId('queue-urgency').selectOption('high');
    await page.waitForURL((url) => url.searchParams.get('urgency') === 'high');
    await row.waitFor();
    await page.getByTestId('queue-urgency').selectOption('low');
    await page.getByTestId('queue-empty').waitFor();
    await page.getByTestId('queue-clear').click();
    await row.waitFor();

    await row.getByTestId('queue-ticket-link').click();
    await page.waitForURL((url) => url.pathname === SupportWebRoutes.queueTicket(ticketId));
    await page.getByTestId('ticket-heading').waitFor();
    expect(await page.getByTestId('ticket-heading').innerText()).toContain('The printer on floor 2 says <b>offline</b>');
    expect(await page.getByTestId('ticket-context').innerText()).toContain('macOS 15');
    expect(await page.getByTestId('ticket-attachment').first().innerText()).toContain('.png');
    await expectCleanPage(page, 'support-ticket');
    expect(errorsMatching(julien.errors, /./)).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('Julien assigns it to himself, writes an internal note, then replies and waits for Amina', async () => {
    const { page } = pages[1];
    await page.getByTestId('ticket-assign-me').click();
    await page.getByTestId('ticket-notice').waitFor();
    expect(await page.getByTestId('ticket-assignee').inputValue()).not.toBe('');

    await page.getByTestId('composer-note').check();
    await page.getByTestId('composer-body').fill('Same printer as last week: check the network cable.');
    await page.getByTestId('composer-send').click();
    await page.locator('[data-testid="ticket-message"][data-kind="note"]').waitFor();

    await page.getByTestId('composer-reply').check();
    await page.getByTestId('composer-body').fill('Thanks Amina, could you tell us the printer’s name on its label?');
    await page.getByTestId('composer-status').selectOption('waiting');
    await page.getByTestId('composer-send').click();
    await page.locator('[data-testid="ticket-status-badge"]', { hasText: 'Waiting for requester' }).waitFor();
    await expectCleanPage(page, 'support-ticket-replied');
  }, FLOW_TIMEOUT_MS);

  it('Julien sets support up: categories, SLA, canned replies and a webhook whose secret shows once', async () => {
    const { page } = pages[1];
    await page.goto(`${stack.server.baseUrl}${SupportWebRoutes.admin}`);
    await page.getByTestId('category-row').first().waitFor();
    await expectCleanPage(page, 'support-settings-categories');
    await page.getByTestId('category-edit').first().click();
    await page.getByTestId('category-form').waitFor();
    await page.getByTestId('category-field-add').click();
    await page.getByTestId('category-field-label').last().fill('Asset tag');
    await expectCleanPage(page, 'support-settings-category-form');
    await page.getByTestId('category-save').click();
    await page.getByTestId('categories-notice').waitFor();

    await page.getByTestId('support-settings-nav-sla').click();
    await page.getByTestId('sla-form').waitFor();
    await page.getByTestId('sla-urgent-firstResponse').fill('30');
    await page.getByTestId('sla-urgent-firstResponse-unit').selectOption('minutes');
    await page.getByTestId('sla-save').click();
    await page.getByTestId('sla-notice').waitFor();
    await expectCleanPage(page, 'support-settings-sla');

    await page.getByTestId('support-settings-nav-canned').click();
    await page.getByTestId('canned-new').click();
    await page.getByTestId('canned-title').fill('Printer offline');
    await page.getByTestId('canned-body').fill('Please check that the printer is switched on and its cable plugged in.');
    await page.getByTestId('canned-save').click();
    await page.getByTestId('canned-row').first().waitFor();
    await expectCleanPage(page, 'support-settings-canned');

    await page.getByTestId('support-settings-nav-webhooks').click();
    await page.getByTestId('webhook-new').click();
    await page.getByTestId('webhook-url').fill('https://helpdesk.example.test/hooks/passerelle');
    await page.getByTestId('webhook-description').fill('Zammad');
    await page.getByTestId('webhook-save').click();
    await page.getByTestId('webhook-secret').waitFor();
    expect((await page.getByTestId('webhook-secret-value').innerText()).length).toBeGreaterThan(16);
    await expectCleanPage(page, 'support-settings-webhooks');
    await page.getByTestId('webhook-secret-done').click();
    await page.getByTestId('webhook-log').click();
    await page.getByTestId('webhook-deliveries').waitFor();
    await expectCleanPage(page, 'support-settings-webhook-log');
    expect(errorsMatching(pages[1].errors, /./)).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('the queue and the ticket read in French', async () => {
    const { page } = pages[1];
    await page.goto(`${stack.server.baseUrl}${SupportWebRoutes.queue}`);
    await page.getByTestId('queue-row').first().waitFor();
    await setPortalLanguage(page, 'fr');
    await page.getByRole('heading', { name: 'File du support' }).waitFor();
    expect(await page.getByTestId('queue-status-cell').first().innerText()).toBe('En attente du demandeur');
    await expectCleanPage(page, 'support-queue-fr');
    await page.getByTestId('queue-ticket-link').first().click();
    await page.getByText('Note interne').first().waitFor();
    await expectCleanPage(page, 'support-ticket-fr');
    await setPortalLanguage(page, 'en');
  }, FLOW_TIMEOUT_MS);
});
