import { WebRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { VIEWPORTS, openPage, screenshots, settle, visibleText, waitForText } from './support/browser';
import { ADMIN_PASSWORD } from './support/server';
import { horizontalOverflow, useFreshStack } from './support/stack';

// Field labels in English (the pages are opened with an English browser); tolerant of small wording changes.
const FIELDS = {
  organisation: /organi[sz]ation/i,
  name: /^\s*(your |full )?name\b/i,
  email: /e-?mail/i,
  password: /^\s*password/i,
  confirmation: /confirm|repeat/i,
};
const SUCCESS = /created|success|all set|is ready|welcome/i;
const ALREADY_USED = /already|been used|no longer/i;
const INVALID = /invalid|not valid|isn.t valid|not recogni[sz]ed|unknown|broken/i;

async function fillSetupForm(page: Page): Promise<void> {
  await page.getByLabel(FIELDS.organisation).fill('Acme Cooperative');
  await page.getByLabel(FIELDS.name).fill('Ada Lovelace');
  await page.getByLabel(FIELDS.email).fill('ada@acme.test');
  await page.getByLabel(FIELDS.password).fill(ADMIN_PASSWORD);
  await page.getByLabel(FIELDS.confirmation).fill(ADMIN_PASSWORD);
}

/** The same link with one character of the token changed (in the middle: every bit there counts). */
function tamper(link: string): string {
  const [base, fragment] = link.split('#token=');
  const i = Math.floor(fragment.length / 2);
  const swapped = fragment[i] === 'A' ? 'B' : 'A';
  return `${base}#token=${fragment.slice(0, i)}${swapped}${fragment.slice(i + 1)}`;
}

describe('the one-time setup link', () => {
  const stack = useFreshStack();

  it('is printed by the server on an empty database and points at this server', async () => {
    const link = await stack.server.setupLink();
    expect(link.startsWith(stack.url(WebRoutes.setup + '#token='))).withContext(link).toBeTrue();
  });

  it('opens a form that creates the administrator and then shows success', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      await page.goto(await stack.server.setupLink());
      await page.getByLabel(FIELDS.password).waitFor();
      await screenshots(page, 'setup-form');
      await fillSetupForm(page);
      await page.getByRole('button', { name: /create/i }).click();
      await waitForText(page, SUCCESS, 20_000); // argon2 hashing takes a moment
      await screenshots(page, 'setup-done');
    } finally {
      await close();
    }
  });

  it('once used, says so instead of showing the form again', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      await page.goto(await stack.server.setupLink());
      await waitForText(page, ALREADY_USED);
      await settle(page);
      expect(await page.getByLabel(FIELDS.password).count()).withContext('password fields on the used link').toBe(0);
      await screenshots(page, 'setup-link-used');
    } finally {
      await close();
    }
  });
});

describe('a tampered setup link', () => {
  const stack = useFreshStack();

  it('shows an invalid-link message and no form', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      await page.goto(tamper(await stack.server.setupLink()));
      const text = await waitForText(page, INVALID);
      expect(text).not.toMatch(ALREADY_USED);
      expect(await page.getByLabel(FIELDS.password).count()).withContext('password fields on a tampered link').toBe(0);
      await screenshots(page, 'setup-link-invalid');
    } finally {
      await close();
    }
  });

  it('leaves the genuine link working, and its form fits a 390 px phone', async () => {
    const { page, close } = await openPage(stack.browser, { viewport: VIEWPORTS.phone });
    try {
      await page.goto(await stack.server.setupLink());
      await page.getByLabel(FIELDS.password).waitFor();
      await settle(page);
      expect(await horizontalOverflow(page)).withContext(`sideways overflow (px) on: ${(await visibleText(page)).slice(0, 80)}`).toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});
