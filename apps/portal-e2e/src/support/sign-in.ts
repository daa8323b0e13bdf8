// Drives the sign-in steps on /interaction/<uid> as a person would: email and password, then either
// enrolment (key read off the page, first code, recovery codes) or a code from the authenticator.
import type { Page } from 'playwright-core';
import type { Person } from './people';
import type { Stack } from './stack';
import { compactKey, freshCode } from './totp';

export type InteractionStep = 'password' | 'enrol-totp' | 'totp' | 'recovery-codes' | 'consent' | 'no-access' | 'done';

const STEP_TIMEOUT_MS = 20_000; // argon2 hashing and the 303 hops take a moment

export const onInteractionPage = (page: Page) => new URL(page.url()).pathname.startsWith('/interaction/');

/** The step the page shows now (null once the browser left the interaction pages). */
export async function currentInteractionStep(page: Page): Promise<InteractionStep | null> {
  if (!onInteractionPage(page)) return null;
  return (await page.locator('[data-step]').first().getAttribute('data-step', { timeout: 1_000 }).catch(() => null)) as InteractionStep | null;
}

/** Waits for a step other than `previous` (or for the browser to leave); fails on an error banner. */
export async function nextInteractionStep(page: Page, previous: InteractionStep | null): Promise<InteractionStep | null> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  let lastUrl = page.url();
  while (Date.now() < deadline) {
    lastUrl = page.url();
    if (!onInteractionPage(page)) return null;
    const banner = page.getByTestId('interaction-error');
    if (previous && (await banner.count()) > 0) {
      throw new Error(`the ${previous} step answered: ${(await banner.innerText()).replace(/\s+/g, ' ')}`);
    }
    const step = (await page.locator('[data-step]').first().getAttribute('data-step', { timeout: 200 }).catch(() => null)) as InteractionStep | null;
    if (step && step !== previous) return step;
    await page.waitForTimeout(100);
  }
  throw new Error(`no new sign-in step after ${previous} within ${STEP_TIMEOUT_MS} ms (at ${lastUrl})`);
}

export async function submitPassword(page: Page, email: string, password: string): Promise<void> {
  await page.locator('#interaction-email').fill(email);
  await page.locator('#interaction-password').fill(password);
  await page.getByTestId('password-submit').click();
}

/** Reads the manual key from the enrolment step (shown in groups of four). */
export async function readEnrolmentKey(page: Page): Promise<string> {
  return compactKey(await page.getByTestId('enrol-key').innerText());
}

export async function submitTotp(page: Page, code: string): Promise<void> {
  await page.locator('#interaction-totp-code').fill(code);
  await page.getByTestId('totp-submit').click();
}

export interface SignInHooks {
  /** Called once per step when it first shows, before it is answered (screenshots, extra checks). */
  onStep?(step: InteractionStep, page: Page): Promise<void>;
  /** Stop on this step instead of answering it (e.g. 'no-access', which has no way forward). */
  until?: InteractionStep;
}

/**
 * From the first interaction page to wherever the sign-in returns: answers every step for `person`,
 * recording the key, the spent step and the recovery codes on it. With `hooks.until`, stops when
 * that step shows (the browser stays on it).
 */
export async function completeInteraction(page: Page, person: Person, hooks: SignInHooks = {}): Promise<void> {
  await page.waitForURL((url) => url.pathname.startsWith('/interaction/'), { timeout: STEP_TIMEOUT_MS });
  let step = await nextInteractionStep(page, null);
  while (step) {
    if (step === 'done') {
      // "Done" shows while the browser follows the redirect, which may lead to another interaction
      // (e.g. "no access" after the sign-in steps): wait to leave this one, then read the next.
      const finished = new URL(page.url()).pathname;
      await page.waitForURL((url) => url.pathname !== finished, { timeout: STEP_TIMEOUT_MS });
      step = await nextInteractionStep(page, null);
      continue;
    }
    await hooks.onStep?.(step, page);
    if (step === hooks.until) return;
    switch (step) {
      case 'password':
        await submitPassword(page, person.email, person.password);
        break;
      case 'enrol-totp': {
        person.secret = await readEnrolmentKey(page);
        const { code, step: used } = await freshCode(person.secret, person.lastStep ?? null);
        await page.locator('#interaction-enrol-code').fill(code);
        await page.getByTestId('enrol-submit').click();
        person.lastStep = used;
        break;
      }
      case 'totp': {
        if (!person.secret) throw new Error(`${person.email} has no authenticator key in the test`);
        const { code, step: used } = await freshCode(person.secret, person.lastStep ?? null);
        await submitTotp(page, code);
        person.lastStep = used;
        break;
      }
      case 'recovery-codes':
        person.recoveryCodes = (await page.getByTestId('recovery-codes').locator('li').allInnerTexts()).map((c) => c.trim());
        await page.getByTestId('codes-saved').check();
        await page.getByTestId('codes-continue').click();
        break;
      case 'consent':
        await page.getByTestId('consent-allow').click();
        break;
    }
    step = await nextInteractionStep(page, step);
  }
  await page.waitForURL((url) => !url.pathname.startsWith('/interaction/'), { timeout: STEP_TIMEOUT_MS });
}

/** Signs in to the portal itself (/sign-in?returnTo=…) and waits to be back on `returnTo`. */
export async function signInToPortal(page: Page, stack: Stack, person: Person, returnTo = '/', hooks: SignInHooks = {}): Promise<void> {
  await page.goto(stack.url(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`));
  await completeInteraction(page, person, hooks);
  await page.waitForURL((url) => url.origin === new URL(stack.server.baseUrl).origin && url.pathname === returnTo, { timeout: STEP_TIMEOUT_MS });
  await page.getByTestId('user-menu-button').waitFor();
}

/** The header's user menu → "Sign out"; waits until the header offers to sign in again. */
export async function signOutOfPortal(page: Page): Promise<void> {
  await page.getByTestId('user-menu-button').click();
  await page.getByTestId('user-menu-sign-out').click();
  await page.getByTestId('user-menu-button').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
}
