import { axeViolations } from './support/a11y';
import { VIEWPORTS, errorsMatching, openPage, screenshots, settle, visibleText, waitForText, type TrackedPage, type ViewportName } from './support/browser';
import { createPerson, type Person } from './support/people';
import { ADMIN_PASSWORD, completeSetupViaApi } from './support/server';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow, useFreshStack } from './support/stack';

// The administration console, used by the first administrator (made by setup): people, apps and
// the audit log. Every admin page is checked with axe at desktop and phone width.
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;

describe('the administration console', () => {
  const stack = useFreshStack();
  const admin: Person = { email: 'ada@example.test', name: 'Ada Admin', password: ADMIN_PASSWORD };
  let tracked: TrackedPage;

  beforeAll(async () => {
    await completeSetupViaApi(stack.server);
    await createPerson(stack.server, 'bruno.mercier@acme.test', 'Bruno Mercier');
    tracked = await openPage(stack.browser);
    await signInToPortal(tracked.page, stack, admin, '/admin/users');
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await tracked?.close();
  });

  /** Opens an admin page and waits for its content (`ready`: test ids, any of them). */
  async function open(path: string, ready: string): Promise<void> {
    await tracked.page.goto(stack.url(path));
    await tracked.page.locator(ready.split(',').map((id) => `[data-testid="${id.trim()}"]`).join(', ')).first().waitFor();
    await settle(tracked.page);
  }

  it('lists the people with an account, the administrator enrolled in two-step verification', async () => {
    await open('/admin/users', 'user-row');
    const rows = tracked.page.getByTestId('user-row');
    const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(texts.length).toBe(2);
    const ada = texts.find((t) => t.includes('ada@example.test')) ?? '';
    expect(ada).toContain('Ada Admin');
    expect(ada).withContext('two-step column for the administrator').toContain('Set up');
    const bruno = texts.find((t) => t.includes('bruno.mercier@acme.test')) ?? '';
    expect(bruno).toContain('Not set up');
    expect(bruno).toMatch(/Never/);
    await screenshots(tracked.page, 'admin-users');
  });

  it('creates an account and shows its one-time activation link', async () => {
    const { page } = tracked;
    await open('/admin/users', 'user-row');
    await page.getByTestId('users-new').click();
    await page.locator('#new-user-email').fill('chloe.petit@acme.test');
    await page.locator('#new-user-name').fill('Chloé Petit');
    await page.locator('#new-user-groups').fill('Accounting, Paris office');
    await page.getByTestId('new-user-submit').click();
    const created = page.getByTestId('new-user-created');
    await created.waitFor();
    expect(await created.innerText()).toContain('The account of Chloé Petit is created');
    const link = (await page.getByTestId('new-user-link').innerText()).trim();
    expect(link.startsWith(stack.url('/activate#token='))).withContext(link).toBeTrue();
    await waitForText(page, /chloe\.petit@acme\.test/);
    expect(await page.getByTestId('user-row').count()).toBe(3);
    await settle(page);
    await screenshots(page, 'admin-user-created');
  });

  it('registers an app and shows its secret once', async () => {
    const { page } = tracked;
    await open('/admin/apps/clients', 'apps-register');
    await page.getByTestId('apps-register').click();
    await page.locator('#new-app-name').fill('Team wiki');
    await page.locator('#new-app-redirectUris').fill('https://wiki.acme.test/oidc/callback');
    await settle(page);
    await screenshots(page, 'admin-app-form');
    await page.getByTestId('new-app-submit').click();
    const panel = page.getByTestId('app-secret-panel');
    await panel.waitFor();
    const clientId = (await page.getByTestId('app-secret-client-id').innerText()).trim();
    const secret = (await page.getByTestId('app-secret-value').innerText()).trim();
    expect(clientId.length).withContext('client id').toBeGreaterThan(8);
    expect(secret.length).withContext('client secret').toBeGreaterThanOrEqual(32);
    expect(await page.getByTestId('app-secret-warning').innerText()).toContain('shown only this once');
    await settle(page);
    await screenshots(page, 'admin-app-secret');

    await page.getByTestId('app-secret-done').click();
    await panel.waitFor({ state: 'detached' });
    expect(await visibleText(page)).not.toContain(secret);
    await open('/admin/apps/clients', 'app');
    const text = await visibleText(page);
    expect(text).toContain('Team wiki');
    expect(text).toContain(clientId);
    expect(text).withContext('the secret after a reload').not.toContain(secret);
    expect(await page.content()).withContext('the secret anywhere in the page').not.toContain(secret);
    await screenshots(page, 'admin-apps');
  });

  it('grants alerts:write to the registered app, says what changed, and keeps it after a reload', async () => {
    const { page } = tracked;
    await open('/admin/apps/clients', 'app');
    const card = page.getByTestId('app').filter({ hasText: 'Team wiki' });
    expect(await card.getByTestId('app-api-scopes').innerText()).toBe('None: sign-in only');
    await card.getByTestId('app-edit-scopes').click();
    const alerts = card.getByTestId('app-scope-alerts:write');
    expect(await alerts.evaluate((el) => el === document.activeElement)).withContext('focus on the first checkbox').toBeTrue();
    await page.keyboard.press('Space');
    expect(await alerts.isChecked()).toBeTrue();
    await settle(page);
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      await page.setViewportSize(VIEWPORTS[viewport]);
      const violations = await axeViolations(page);
      expect(violations).withContext(`axe with the API access form open (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
      expect(await horizontalOverflow(page)).withContext(`scrollWidth − innerWidth (px), ${viewport}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshots(page, 'admin-app-scopes-form');

    await card.getByTestId('app-scopes-submit').click();
    const saved = card.getByTestId('app-scopes-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toBe('API access of Team wiki saved: added alerts:write.');
    expect(await card.getByTestId('app-edit-scopes').evaluate((el) => el === document.activeElement)).withContext('focus back on the button').toBeTrue();
    await settle(page);
    await screenshots(page, 'admin-app-scopes-saved');

    await open('/admin/apps/clients', 'app');
    expect(await page.getByTestId('app').filter({ hasText: 'Team wiki' }).getByTestId('app-api-scopes').innerText()).toContain('alerts:write');
  });

  it('shows the sign-in events in the audit log', async () => {
    await open('/admin/audit', 'audit-row');
    const rows = (await tracked.page.getByTestId('audit-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    for (const event of ['auth.password', 'totp.enrolled', 'auth.signed_in']) {
      expect(rows.some((r) => r.includes(event) && r.includes('Success'))).withContext(`a successful ${event} row in:\n${rows.join('\n')}`).toBeTrue();
    }
    await screenshots(tracked.page, 'admin-audit');
    expect(errorsMatching(tracked.errors, CSP)).withContext('CSP errors').toEqual([]);
  });

  const pages = [
    { path: '/admin/users', ready: 'user-row' },
    { path: '/admin/apps/clients', ready: 'app' },
    { path: '/admin/audit', ready: 'audit-row' },
    { path: '/admin/outbox', ready: 'mail, outbox-empty' },
  ];
  for (const target of pages) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      it(`${target.path} has no axe violations and no sideways scroll at ${viewport} width`, async () => {
        const { page } = tracked;
        await page.setViewportSize(VIEWPORTS[viewport]);
        try {
          await open(target.path, target.ready);
          const violations = await axeViolations(page);
          expect(violations).withContext(`axe on ${target.path} (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
          expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
        } finally {
          await page.setViewportSize(VIEWPORTS.desktop);
        }
      });
    }
  }
});
