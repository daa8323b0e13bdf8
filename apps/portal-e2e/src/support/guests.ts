// Dates as the guest pages show them, and small waits the guest story needs. The browser contexts
// of the guest specs run in one fixed time zone, so a day chosen in a date field (which the invite
// form turns into "the end of that day, local time") reads back as the same day everywhere.
import type { Page } from 'playwright-core';

/** The time zone of every page in the guest specs (the demo organisation is in Switzerland). */
export const GUEST_TIME_ZONE = 'Europe/Zurich';

/** The day of `at` in `timeZone`, as an <input type="date"> value ("2027-03-31"). */
export function dayIn(at: Date, timeZone = GUEST_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** `day` moved by whole calendar days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `day` moved by whole months, the 31st becoming the last day of a shorter month (as the invite form does). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** A day as the portal writes it in `locale` ("23 December 2026", "23 décembre 2026"). */
export function longDay(day: string, locale: 'en' | 'fr'): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Polls `check` until it is true (each check may navigate), failing with `what` after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The rows of a guests list (console or sponsor view) as text, whitespace collapsed. */
export async function guestRows(page: Page): Promise<string[]> {
  await page.locator('[data-testid="guest-row"], [data-testid="guests-empty"]').first().waitFor({ timeout: 20_000 });
  return (await page.getByTestId('guest-row').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}
