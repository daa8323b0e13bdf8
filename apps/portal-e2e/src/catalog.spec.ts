import path from 'node:path';
import { CatalogRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { errorsMatching, openPage, screenshots, screenshotsAt, settle, waitForText, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, dashboardSections, requestableNames, showsSignedIn, trackNavigations, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { WORKSPACE_ROOT } from './support/server';
import { completeInteraction, signInToPortal } from './support/sign-in';

// Who may open what is decided by Passerelle, at the provider, and changed from the console:
// someone outside the CRM's groups is stopped on a "no access" page (the CRM never signs them in),
// asks for access, an administrator approves it, and the CRM opens from a tile. Then the
// administrator adds a section and a plain-link app for one group, with an uploaded icon, moves it
// to the top, and only that group's members see it on their dashboard.
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;
const ICON = path.join(WORKSPACE_ROOT, 'apps/portal-web/public/icons/icon-192.png');
const NEW_SECTION = 'Atelier';
const NEW_APP = { name: 'Carnet de commandes', description: 'Commandes des clients et délais de fabrication', url: 'https://commandes.atelier-lumiere.example/' };

describe('entitlements at the provider and the console catalog, with the demo data', () => {
  const stack = useDemoStack();
  let amina: TrackedPage; // Design: no CRM
  let admin: TrackedPage; // Julien, IT administrator

  beforeAll(async () => {
    amina = await openPage(stack.browser, { locale: 'fr-CH', viewport: DASHBOARD_SIZES['1440'] });
    admin = await openPage(stack.browser, { viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await amina?.close();
    await admin?.close();
  });

  async function openConsole(pathname: string, ready: string): Promise<Page> {
    const { page } = admin;
    if (!(await page.getByTestId('user-menu-button').count())) {
      await signInToPortal(page, stack, stack.person('julien'), pathname);
    } else {
      await page.goto(stack.url(pathname));
    }
    await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
    await settle(page);
    return page;
  }

  it('someone outside the CRM’s groups opens the CRM: Passerelle shows "no access", the CRM never signs her in', async () => {
    const { page } = amina;
    // The CRM's third-party login, as a bookmark or another app's link would start it.
    await page.goto(`${stack.demo.urls.crm}/login?iss=${encodeURIComponent(stack.issuer)}`);
    const steps: string[] = [];
    await completeInteraction(page, stack.person('amina'), { until: 'no-access', onStep: async (step) => void steps.push(step) });
    expect(steps).toEqual(['password', 'enrol-totp', 'recovery-codes', 'no-access']);
    expect(new URL(page.url()).origin).withContext('still at Passerelle').toBe(new URL(stack.server.baseUrl).origin);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toMatch(/CRM/);
    expect(await page.getByTestId('no-access-body').innerText()).toContain(stack.person('amina').email);
    await screenshotsAt(page, 'no-access-fr', DASHBOARD_SIZES);
    expect(stack.demo.apps.crm.sessions.count).withContext('CRM sessions').toBe(0);

    // The CRM is requestable: she asks from this page.
    await page.getByTestId('no-access-request').click();
    await page.getByTestId('no-access-requested').waitFor();
    await screenshotsAt(page, 'no-access-requested-fr', { '390': DASHBOARD_SIZES['390'] });

    await page.goto(stack.demo.urls.crm);
    expect(await page.getByTestId('demo-signed-out').count()).withContext('the CRM home page').toBe(1);
    expect(stack.demo.apps.crm.sessions.count).withContext('CRM sessions').toBe(0);

    // Her dashboard: no CRM tile; the CRM among the apps to ask for, with her request pending.
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    expect((await dashboardSections(page)).flatMap((s) => s.apps)).not.toContain('CRM');
    expect(await requestableNames(page)).toContain('CRM');
    const crmRequest = page.locator(`[data-testid="requestable"][data-app-id="${stack.seeded.demoApps.crm.appId}"]`);
    expect(await crmRequest.getByTestId('requestable-status').count()).withContext('"request sent" on the CRM').toBe(1);
    expect(await crmRequest.getByTestId('requestable-button').count()).toBe(0);
    // Straight to the CRM's launch URL (a shared link): back to the dashboard, not into the CRM.
    await page.goto(stack.url(CatalogRoutes.launch(stack.seeded.demoApps.crm.appId)));
    await page.getByTestId('unavailable-notice').waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(stack.server.baseUrl).origin);
    expect(stack.demo.apps.crm.sessions.count).withContext('CRM sessions').toBe(0);
  }, FLOW_TIMEOUT_MS);

  it('an administrator approves the request on the console’s access requests page', async () => {
    const page = await openConsole('/admin/access-requests', 'request');
    const request = page.getByTestId('request').filter({ hasText: stack.person('amina').email });
    expect(await request.count()).toBe(1);
    expect(await request.getByTestId('request-app').innerText()).toBe('CRM');
    await screenshots(page, 'admin-access-requests');
    await request.getByTestId('request-approve').click();
    await page.getByTestId('request-decision-confirm').click();
    await page.getByTestId('requests-message').waitFor();
    await page.getByTestId('requests-empty').waitFor();
    expect(errorsMatching(admin.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('after the approval, the CRM tile is on her dashboard and opens the CRM signed in, without a prompt', async () => {
    const { page } = amina;
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    const sales = (await dashboardSections(page)).find((s) => s.name === 'Ventes');
    expect(sales?.apps).toEqual(['CRM', 'Catalogue produits']);
    expect(await requestableNames(page)).not.toContain('CRM');

    const hops = trackNavigations(page);
    await page.locator(`[data-row="section"] [data-app-id="${stack.seeded.demoApps.crm.appId}"] [data-testid="tile-link"]`).click();
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.crm).origin && url.pathname === '/', { timeout: 20_000 });
    await showsSignedIn(page, 'Amina Benali');
    hops.stop();
    expect(hops.prompts(stack.server.baseUrl)).withContext(`no sign-in page on the way:\n${hops.urls.join('\n')}`).toEqual([]);
    expect(stack.demo.apps.crm.sessions.count).toBe(1);
    expect(stack.problems()).withContext(`demo apps' log:\n${stack.log()}`).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('the administrator adds a section and a plain-link app for the Design group, with an uploaded icon, and moves its section to the top', async () => {
    let page = await openConsole('/admin/apps', 'catalog-section');
    await page.locator('#catalog-new-section-name').fill(NEW_SECTION);
    await page.getByTestId('catalog-new-section-submit').click();
    const section = page.getByTestId('catalog-section').filter({ has: page.getByRole('heading', { name: NEW_SECTION, exact: true }) });
    await section.waitFor();

    await page.getByTestId('catalog-add-app').click();
    await page.locator('#app-name').waitFor();
    await page.locator('#app-name').fill(NEW_APP.name);
    await page.locator('#app-description').fill(NEW_APP.description);
    await page.locator('#app-launchUrl').fill(NEW_APP.url);
    await page.locator('#app-sectionId').selectOption({ label: NEW_SECTION });
    await page.getByTestId('app-sso-none').check();
    await page.getByTestId('app-visibility-groups').check();
    await page.getByTestId('app-groups').locator('label', { hasText: /^\s*Design\b/ }).locator('input').check();
    await screenshots(page, 'admin-catalog-new-app');
    await page.getByTestId('app-form-submit').click();

    // Created: the editor of the new app, where its icon is chosen.
    await page.waitForURL((url) => /^\/admin\/apps\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'), { timeout: 20_000 });
    const appId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await page.getByTestId('icon-file').setInputFiles(ICON);
    await page.getByTestId('icon-save').click();
    await page.getByTestId('icon-message').waitFor();
    expect(await page.getByTestId('icon-error').count()).toBe(0);

    page = await openConsole('/admin/apps', 'catalog-section');
    const app = page.getByTestId('catalog-app').filter({ hasText: NEW_APP.name });
    expect(await app.getByTestId('catalog-app-sso').innerText()).toMatch(/link/i);
    expect(await app.getByTestId('catalog-app-visibility').innerText()).toContain('Design');
    // To the top, one step at a time with its "move up" button (each step is saved).
    const sectionTitles = () => page.getByTestId('catalog-section').locator('h2').allInnerTexts();
    let index = (await sectionTitles()).indexOf(NEW_SECTION);
    expect(index).withContext('the new section comes last').toBe(4);
    for (; index > 0; index--) {
      await section.getByTestId('catalog-section-up').click();
      await page.waitForFunction(
        ([name, at]) => Array.from(document.querySelectorAll('[data-testid="catalog-section"] h2'), (h) => h.textContent?.trim()).indexOf(name) === at,
        [NEW_SECTION, index - 1] as const,
      );
    }
    await waitForSaved(page);
    await page.reload();
    await page.getByTestId('catalog-section').first().waitFor();
    expect(await page.getByTestId('catalog-section').first().getByRole('heading').innerText()).toBe(NEW_SECTION);
    await settle(page);
    await screenshots(page, 'admin-catalog');
    expect(appId.length).toBeGreaterThan(0);
  }, FLOW_TIMEOUT_MS);

  it('a member of the group sees the new app first on her dashboard at the next navigation, with its icon; someone else does not', async () => {
    const { page } = amina;
    // She was on another page of the portal meanwhile; the header's home link is an in-app navigation.
    await page.goto(stack.url('/account'));
    await page.getByTestId('account-title').waitFor();
    await page.locator('a.brand').click();
    await waitForDashboard(page);
    const sections = await dashboardSections(page);
    expect(sections[0]).toEqual({ name: NEW_SECTION, apps: [NEW_APP.name] });
    const icon = page.locator('[data-row="section"] [data-testid="tile"]', { hasText: NEW_APP.name }).locator('img');
    await icon.waitFor();
    const src = (await icon.getAttribute('src')) ?? '';
    expect(src).toMatch(/^\/api\/catalog\/apps\/[^/]+\/icon\?v=/);
    expect(await icon.evaluate((img) => (img as HTMLImageElement).naturalWidth)).withContext('the icon loaded').toBeGreaterThan(0);
    expect(await page.locator('[data-row="section"] [data-testid="tile-link"]', { hasText: NEW_APP.name }).getAttribute('href')).toMatch(/^\/api\/dashboard\/apps\/.+\/launch$/);
    await screenshotsAt(page, 'dashboard-new-section-fr', DASHBOARD_SIZES);

    const claire = await openPage(stack.browser, { locale: 'fr-CH' });
    try {
      await signInToPortal(claire.page, stack, stack.person('claire'), '/');
      await waitForDashboard(claire.page);
      const hers = await dashboardSections(claire.page);
      expect(hers.map((s) => s.name)).not.toContain(NEW_SECTION);
      expect(hers.flatMap((s) => s.apps)).not.toContain(NEW_APP.name);
      expect(await requestableNames(claire.page)).not.toContain(NEW_APP.name);
      await claire.page.getByTestId('app-search').fill('carnet');
      await waitForText(claire.page, /aucune application ne correspond/i);
    } finally {
      await claire.close();
    }
    expect(errorsMatching(amina.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);
});

async function waitForSaved(page: Page): Promise<void> {
  const state = page.getByTestId('catalog-save-state');
  await page.waitForFunction(() => {
    const value = document.querySelector('[data-testid="catalog-save-state"]')?.getAttribute('data-state');
    return value === 'saved' || value === 'error';
  });
  expect(await state.getAttribute('data-state')).withContext(await state.innerText()).toBe('saved');
}
