// One Chromium per spec group, the system binary driven by playwright-core; pages record their console
// errors so specs can fail on them, and screenshots land in test-results/e2e/ for people to look at.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from './server';

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;
/** The narrowest phones in common use: the sign-in steps must still fit there. */
export const NARROW = { width: 360, height: 780 } as const;
/** Desktop and 360 px, for screens people mostly reach on their phone. */
export const DESKTOP_AND_NARROW = { desktop: VIEWPORTS.desktop, '360': NARROW } as const;

const SCREENSHOT_DIR = path.join(WORKSPACE_ROOT, 'test-results', 'e2e');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROME_BIN'] || '/usr/bin/chromium',
    // Root needs --no-sandbox; the rest keeps Chromium from calling home during tests.
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface TrackedPage {
  page: Page;
  /** Console messages of type "error" and uncaught page errors, in order. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * GET /api/auth/me answers 401 when nobody is signed in: that is how the app learns it (by design,
 * see SessionService), and Chromium logs every 4xx response as a console error. Not a fault.
 */
function isAnonymousSessionProbe(text: string, url: string): boolean {
  return /^Failed to load resource: .*\b401\b/.test(text) && url !== '' && new URL(url).pathname === '/api/auth/me';
}

/** A page in its own context (own cookies/storage), English unless told otherwise. */
export async function openPage(browser: Browser, options: BrowserContextOptions & { viewport?: { width: number; height: number } } = {}): Promise<TrackedPage> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: VIEWPORTS.desktop, ...options });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !isAnonymousSessionProbe(msg.text(), msg.location().url)) {
      errors.push(`console.error: ${msg.text()} (${msg.location().url})`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return { page, errors, close: () => context.close() };
}

/** Saves test-results/e2e/<name>-desktop.png and <name>-phone.png, then restores the viewport. */
export function screenshots(page: Page, name: string): Promise<void> {
  return screenshotsAt(page, name, VIEWPORTS);
}

/** Saves test-results/e2e/<name>-<label>.png for each size, then restores the viewport. */
export async function screenshotsAt(page: Page, name: string, sizes: Readonly<Record<string, { width: number; height: number }>>): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const original = page.viewportSize();
  for (const [label, size] of Object.entries(sizes)) {
    await page.setViewportSize(size);
    await settle(page);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-${label}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

/** Lets layout, fonts and animations finish after navigation or a resize. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Visible text of the page's main content (or body), whitespace collapsed. */
export async function visibleText(page: Page): Promise<string> {
  return (await page.locator('body').innerText()).replace(/\s+/g, ' ').trim();
}

/** Waits until the page's visible text matches, failing with what the page shows instead. */
export async function waitForText(page: Page, pattern: RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await visibleText(page).catch(() => '');
    if (pattern.test(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`Expected the page (${page.url()}) to show ${pattern} within ${timeoutMs} ms; it shows: "${text.slice(0, 500)}"`);
}

/** Fails with the collected messages if any console error matches. */
export function errorsMatching(errors: string[], pattern: RegExp): string[] {
  return errors.filter((e) => pattern.test(e));
}
