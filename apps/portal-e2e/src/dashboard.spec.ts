import { CatalogRoutes, type Dashboard } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { errorsMatching, openPage, screenshotsAt, settle, waitForText, type TrackedPage } from './support/browser';
import { DASHBOARD_SIZES, dashboardSections, requestableNames, setPortalLanguage, showsSignedIn, trackNavigations, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { completeInteraction, signInToPortal } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// The demo, end to end, as `npm run demo` starts it: a person signs in (enrolling their authenticator),
// sees exactly the apps the demo seed gives their groups, finds one by a misspelt name, pins and
// orders favourites that follow them to another device, opens the Wiki demo app without a second
// prompt, and "Sign out everywhere" ends the app's session too (back-channel logout).
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;

/** What the demo seed gives each group, section by section, in the administrator's order. */
const EVERYDAY = { name: 'Au quotidien', apps: ['Wiki', 'Files', 'Planning', 'Intranet RH'] };
const EXPECTED = {
  // Design: no CRM (Direction and Finance only), but the design library.
  noah: {
    sections: [EVERYDAY, { name: 'Ventes', apps: ['Catalogue produits'] }, { name: 'Finance', apps: ['Notes de frais'] }, { name: 'Outils', apps: ['Bibliothèque de design'] }],
    requestable: ['CRM', 'Comptabilité', 'Suivi de production'],
  },
  claire: {
    sections: [
      EVERYDAY,
      { name: 'Ventes', apps: ['CRM', 'Catalogue produits'] },
      { name: 'Finance', apps: ['Notes de frais', 'Salaires'] },
      { name: 'Outils', apps: ['Suivi de production'] },
    ],
    requestable: ['Bibliothèque de design', 'Comptabilité'],
  },
};

describe('the dashboard of the demo, end to end', () => {
  const stack = useDemoStack();
  let noah: TrackedPage;
  let otherDevice: TrackedPage | undefined;

  beforeAll(async () => {
    noah = await openPage(stack.browser, { viewport: DASHBOARD_SIZES['1440'] });
  });

  afterAll(async () => {
    await otherDevice?.close();
    await noah?.close();
  });

  /** Fails with what the demo apps logged when they met a problem. */
  function expectNoDemoAppProblems(): void {
    expect(stack.problems()).withContext(`demo apps' log:\n${stack.log()}`).toEqual([]);
  }

  const favouriteIds = (page: Page) => page.getByTestId('favourites').locator('[data-testid="tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-app-id')));
  const savedPins = (page: Page) => page.waitForResponse((r) => new URL(r.url()).pathname === CatalogRoutes.pins && r.request().method() === 'PUT');

  it('starts what `npm run demo` starts: the seeded organisation and three demo apps registered with Passerelle', async () => {
    expect(stack.seeded.organisation).toBe('Atelier Lumière SA');
    for (const key of ['wiki', 'crm', 'files'] as const) {
      expect(stack.seeded.demoApps[key].url).withContext(key).toBe(stack.demo.urls[key]);
      const health = await fetch(stack.demo.apps[key].endpoints.healthUrl);
      expect(health.status).withContext(`${key} health`).toBe(200);
    }
    const discovery = await fetch(`${stack.issuer}/.well-known/openid-configuration`);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(stack.issuer);
  });

  it('a Design member signs in for the first time (authenticator enrolment) and sees exactly the apps of her groups, by section', async () => {
    const { page } = noah;
    const steps: string[] = [];
    await signInToPortal(page, stack, stack.person('noah'), '/', { onStep: async (step) => void steps.push(step) });
    expect(steps).withContext('sign-in steps').toEqual(['password', 'enrol-totp', 'recovery-codes']);
    await waitForDashboard(page);
    expect(await dashboardSections(page)).toEqual(EXPECTED.noah.sections);
    expect((await requestableNames(page)).sort()).toEqual(EXPECTED.noah.requestable);
    expect(await page.getByTestId('favourites-empty').count()).withContext('no favourites yet').toBe(1);

    await screenshotsAt(page, 'dashboard-en', DASHBOARD_SIZES);
    await setPortalLanguage(page, 'fr');
    await screenshotsAt(page, 'dashboard-fr', DASHBOARD_SIZES);
    await setPortalLanguage(page, 'en');
    await page.setViewportSize(DASHBOARD_SIZES['390']);
    await settle(page);
    expect(await horizontalOverflow(page)).withContext('dashboard at 390 px: scrollWidth − innerWidth').toBeLessThanOrEqual(0);
    await page.setViewportSize(DASHBOARD_SIZES['1440']);
  }, FLOW_TIMEOUT_MS);

  it('someone of another group (Direction) sees the CRM and the payroll, and not the design library', async () => {
    const claire = await openPage(stack.browser, { locale: 'fr-CH', viewport: DASHBOARD_SIZES['1440'] });
    try {
      await signInToPortal(claire.page, stack, stack.person('claire'), '/');
      await waitForDashboard(claire.page);
      expect(await dashboardSections(claire.page)).toEqual(EXPECTED.claire.sections);
      expect((await requestableNames(claire.page)).sort()).toEqual(EXPECTED.claire.requestable);
      expect(await claire.page.evaluate(() => document.documentElement.lang)).toBe('fr');
      await screenshotsAt(claire.page, 'dashboard-direction-fr', DASHBOARD_SIZES);
      expect(errorsMatching(claire.errors, CSP)).withContext('CSP errors').toEqual([]);
    } finally {
      await claire.close();
    }
  }, FLOW_TIMEOUT_MS);

  it('search forgives a typo ("wkii"), arrow keys move through the results, Enter opens the highlighted app signed in', async () => {
    const { page } = noah;
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    // "/" focuses the search box from anywhere on the page.
    await page.locator('body').press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('app-search');

    const search = page.getByTestId('app-search');
    const results = page.getByTestId('app-search-results').getByRole('option');
    await search.fill('wkii');
    await waitForText(page, /1 app found/);
    expect(await results.allInnerTexts()).toEqual([jasmine.stringMatching(/^Wiki\b/)]);
    expect(await page.getByTestId('row-section').first().isVisible()).withContext('the rows hide while searching').toBeFalse();

    // "fi": Files by its name, then apps whose description mentions "fiches".
    await search.fill('fi');
    await waitForText(page, /\d+ apps found/);
    const names = (await results.locator('.result__name').allInnerTexts()).map((n) => n.trim());
    expect(names[0]).toBe('Files');
    expect(names.length).toBeGreaterThan(1);
    // The switcher changes the language in place: the query and its results stay.
    await setPortalLanguage(page, 'fr');
    await waitForText(page, /\d+ applications? trouvées?/i);
    await screenshotsAt(page, 'dashboard-search-fr', DASHBOARD_SIZES);
    await setPortalLanguage(page, 'en');
    await screenshotsAt(page, 'dashboard-search-en', DASHBOARD_SIZES);

    // The highlighted result (aria-selected), and the one the box points assistive technology to.
    const highlighted = (name: string) =>
      page.waitForFunction((n) => {
        const box = document.querySelector('[data-testid="app-search"]');
        const option = document.getElementById(box?.getAttribute('aria-activedescendant') ?? '');
        return option?.getAttribute('aria-selected') === 'true' && option.querySelector('.result__name')?.textContent?.trim() === n;
      }, name);
    await highlighted('Files');
    await search.press('ArrowDown');
    await highlighted(names[1]);
    await search.press('ArrowUp');
    await highlighted('Files');

    const hops = trackNavigations(page);
    await search.press('Enter');
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.files).origin, { timeout: 20_000 });
    await showsSignedIn(page, 'Noah Keller');
    hops.stop();
    expect(hops.prompts(stack.server.baseUrl)).withContext(`no sign-in page on the way:\n${hops.urls.join('\n')}`).toEqual([]);
    expect(await page.getByTestId('demo-user-email').innerText()).toBe(stack.person('noah').email);
    expectNoDemoAppProblems();
  }, FLOW_TIMEOUT_MS);

  it('pins two apps and reorders them with the keyboard and by dragging; the order survives a reload', async () => {
    const { page } = noah;
    const wiki = stack.seeded.demoApps.wiki.appId;
    const files = stack.seeded.demoApps.files.appId;
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    const pinButton = (appId: string) => page.locator(`[data-row="section"] [data-app-id="${appId}"] [data-testid="tile-pin"]`);
    for (const appId of [wiki, files]) {
      const saved = savedPins(page);
      await pinButton(appId).click();
      await saved;
      expect(await pinButton(appId).getAttribute('aria-pressed')).toBe('true');
    }
    expect(await favouriteIds(page)).toEqual([wiki, files]);

    // Keyboard: the Wiki's handle, → moves it one place later; the focus stays on its handle.
    const handle = (appId: string) => page.getByTestId('favourites').locator(`[data-handle-for="${appId}"]`);
    let saved = savedPins(page);
    await handle(wiki).focus();
    await page.keyboard.press('ArrowRight');
    await saved;
    expect(await favouriteIds(page)).toEqual([files, wiki]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-handle-for'))).withContext('focus after the move').toBe(wiki);
    await page.reload();
    await waitForDashboard(page);
    expect(await favouriteIds(page)).withContext('after a reload').toEqual([files, wiki]);

    // Drag: the Wiki's handle over the Files tile, back to the first place.
    saved = savedPins(page);
    await dragOnto(page, handle(wiki), page.getByTestId('favourites').locator(`[data-app-id="${files}"]`));
    await saved;
    expect(await favouriteIds(page)).toEqual([wiki, files]);
    await page.reload();
    await waitForDashboard(page);
    expect(await favouriteIds(page)).withContext('after a reload').toEqual([wiki, files]);
    await screenshotsAt(page, 'dashboard-favourites-en', { '1440': DASHBOARD_SIZES['1440'] });
  }, FLOW_TIMEOUT_MS);

  it('the favourites follow the person to another device (another browser, its own sign-in)', async () => {
    otherDevice = await openPage(stack.browser, { viewport: DASHBOARD_SIZES['390'] });
    await signInToPortal(otherDevice.page, stack, stack.person('noah'), '/');
    const api = await otherDevice.page.request.get(stack.url(CatalogRoutes.dashboard));
    expect(api.status()).toBe(200);
    const dashboard = (await api.json()) as Dashboard;
    expect(dashboard.pinned).toEqual([stack.seeded.demoApps.wiki.appId, stack.seeded.demoApps.files.appId]);
    await waitForDashboard(otherDevice.page);
    expect(await favouriteIds(otherDevice.page)).toEqual(dashboard.pinned);
  }, FLOW_TIMEOUT_MS);

  it('the Wiki tile opens the Wiki demo app, signed in as this person, without a second prompt', async () => {
    const { page } = noah;
    await page.goto(stack.url('/'));
    await waitForDashboard(page);
    const hops = trackNavigations(page);
    await page.locator(`[data-row="section"] [data-app-id="${stack.seeded.demoApps.wiki.appId}"] [data-testid="tile-link"]`).click();
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.wiki).origin && url.pathname === '/', { timeout: 20_000 });
    await showsSignedIn(page, 'Noah Keller');
    hops.stop();
    expect(hops.prompts(stack.server.baseUrl)).withContext(`no sign-in page on the way:\n${hops.urls.join('\n')}`).toEqual([]);
    expect(hops.urls.some((u) => u.includes(CatalogRoutes.launch(stack.seeded.demoApps.wiki.appId)))).withContext(hops.urls.join('\n')).toBeTrue();
    expect(stack.demo.apps.wiki.sessions.count).toBe(1);
    expectNoDemoAppProblems();
  }, FLOW_TIMEOUT_MS);

  it('the CRM, not for Design: the portal says "no access" and the CRM never signs this person in', async () => {
    const { page } = noah;
    await page.goto(`${stack.demo.urls.crm}/login?iss=${encodeURIComponent(stack.issuer)}`);
    await completeInteraction(page, stack.person('noah'), { until: 'no-access' });
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('no-access');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('CRM');
    expect(await page.getByTestId('no-access-body').innerText()).toContain(stack.person('noah').email);
    expect(await page.getByTestId('no-access-request').count()).withContext('"Request access" (the CRM is requestable)').toBe(1);
    await screenshotsAt(page, 'no-access-en', DASHBOARD_SIZES);
    expect(stack.demo.apps.crm.sessions.count).withContext('CRM sessions').toBe(0);
    await page.goto(stack.demo.urls.crm);
    expect(await page.getByTestId('demo-signed-out').count()).withContext('the CRM home page').toBe(1);
  }, FLOW_TIMEOUT_MS);

  it('"Sign out everywhere" on the account page ends the demo apps\' sessions (back-channel logout) and the other device\'s', async () => {
    const { page } = noah;
    await page.goto(stack.url('/account'));
    await page.getByTestId('sessions-everywhere').click();
    await page.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('home-signed-out').waitFor({ timeout: 20_000 });

    for (const key of ['wiki', 'files'] as const) {
      await waitUntil(async () => {
        await page.goto(stack.demo.urls[key]);
        return (await page.getByTestId('demo-signed-out').count()) === 1;
      }, `the ${key} demo app to show its signed-out page`);
      expect(stack.demo.apps[key].sessions.count).withContext(`${key} sessions`).toBe(0);
      // Ended by Passerelle's logout token to the app, not by anything in this browser.
      expect(stack.log()).toContain(`[${key}] back-channel logout: 1 session ended`);
    }
    const api = await otherDevice?.page.request.get(stack.url(CatalogRoutes.dashboard));
    expect(api?.status()).withContext('the other device’s dashboard API').toBe(401);
    expectNoDemoAppProblems();
    expect(errorsMatching(noah.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);
});

/** Drags with the mouse in small steps, as a person would (the CDK needs real pointer moves). */
async function dragOnto(page: Page, handle: ReturnType<Page['locator']>, target: ReturnType<Page['locator']>): Promise<void> {
  const from = await handle.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag: the handle or the target is not visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // A first small move starts the drag; then over the target's left part.
  await page.mouse.move(from.x + from.width / 2 - 8, from.y + from.height / 2, { steps: 4 });
  await page.mouse.move(to.x + to.width * 0.25, to.y + to.height / 2, { steps: 20 });
  await page.mouse.up();
}

/** Polls `check` until it is true (each check may navigate), failing after `timeoutMs`. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
