// Reading the dashboard as a person sees it (rows, tiles, requestable apps), the language switcher,
// and the navigations a click causes (to prove no sign-in page came on the way to an app).
import type { Page, Request } from 'playwright-core';
import { settle } from './browser';

/** The sizes the issue asks screenshots of the dashboard at: a phone and a laptop. */
export const DASHBOARD_SIZES = { '390': { width: 390, height: 844 }, '1440': { width: 1440, height: 900 } } as const;

export interface ShownSection {
  name: string;
  apps: string[];
}

/** Waits for the dashboard's rows (or its empty state) to replace the skeleton. */
export async function waitForDashboard(page: Page): Promise<void> {
  await page.getByTestId('dashboard').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="row-favourites"], [data-testid="dashboard-empty"]').first().waitFor({ timeout: 20_000 });
  await settle(page);
}

/** The section rows: each heading and the names on its tiles, in order. */
export function dashboardSections(page: Page): Promise<ShownSection[]> {
  return page.getByTestId('row-section').evaluateAll((rows) =>
    rows.map((row) => ({
      name: row.querySelector('h2')?.textContent?.trim() ?? '',
      apps: Array.from(row.querySelectorAll('[data-testid="tile"] .tile__name')).map((name) => name.textContent?.trim() ?? ''),
    })),
  );
}

/** The names of the apps offered under "Apps you can ask for". */
export function requestableNames(page: Page): Promise<string[]> {
  return page.getByTestId('requestable').evaluateAll((tiles) => tiles.map((tile) => tile.querySelector('.request-tile__name')?.textContent?.trim() ?? ''));
}

/** The header's language switcher (English / Français): changes the page at once, no reload. */
export async function setPortalLanguage(page: Page, locale: 'en' | 'fr'): Promise<void> {
  await page.locator(`.lang-switch__option[lang="${locale}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
  await settle(page);
}

/** Waits for a demo app's page to name the signed-in person. */
export async function showsSignedIn(page: Page, name: string): Promise<void> {
  const shown = page.getByTestId('demo-user-name');
  await shown.waitFor({ timeout: 20_000 });
  const text = (await shown.innerText()).trim();
  if (text !== name) throw new Error(`the demo app at ${page.url()} shows ${JSON.stringify(text)} signed in, not ${JSON.stringify(name)}`);
}

export interface Navigations {
  /** Every top-level navigation request, redirects included, in order. */
  readonly urls: string[];
  stop(): void;
  /** The portal's sign-in pages among them (/sign-in, /interaction/…): a "second prompt". */
  prompts(portalUrl: string): string[];
}

export function trackNavigations(page: Page): Navigations {
  const urls: string[] = [];
  const onRequest = (request: Request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) urls.push(request.url());
  };
  page.on('request', onRequest);
  return {
    urls,
    stop: () => page.off('request', onRequest),
    prompts(portalUrl) {
      const origin = new URL(portalUrl).origin;
      return urls.filter((u) => {
        const url = new URL(u);
        return url.origin === origin && (url.pathname === '/sign-in' || url.pathname.startsWith('/interaction/'));
      });
    },
  };
}
