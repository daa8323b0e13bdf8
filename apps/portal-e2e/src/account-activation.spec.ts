import { WebRoutes } from '@passerelle/contracts';
import { axeViolations } from './support/a11y';
import { VIEWPORTS, openPage, screenshots, settle, visibleText, waitForText, type ViewportName } from './support/browser';
import { ADMIN_PASSWORD, completeSetupViaApi, runCli } from './support/server';
import { horizontalOverflow, useFreshStack } from './support/stack';

// An administrator creates an account with the ops CLI, which prints a one-time activation link; the
// person opens it, sets a password, and the link is spent. Copy is matched loosely (English browser).
const PASSWORD = /^\s*password/i;
const CONFIRMATION = /confirm|repeat/i;
const SUCCESS = /account is ready|all set|success/i;
const ALREADY_USED = /already|been used|no longer/i;

interface CreatedUser {
  user: { email: string; name: string };
  activationLink?: string;
  activationLinkExpiresAt?: string;
}

describe('account activation from a CLI-made link', () => {
  const stack = useFreshStack();
  let link = '';

  beforeAll(async () => {
    await completeSetupViaApi(stack.server); // an installed portal, named "Acme Test"
    const result = await runCli(stack.server, ['user', 'create', '--email', 'lea@acme.test', '--name', 'Léa Roux', '--json']);
    if (result.code !== 0) throw new Error(`user create exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
    const created = JSON.parse(result.stdout) as CreatedUser;
    link = created.activationLink ?? '';
    if (!link) throw new Error(`user create printed no activationLink: ${result.stdout}`);
  }, 60_000);

  it('prints a one-time link to the activate page of this server', () => {
    expect(link.startsWith(stack.url(WebRoutes.activate + '#token='))).withContext(link).toBeTrue();
  });

  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    it(`shows a form with no axe violations and no sideways scroll at ${viewport} width`, async () => {
      const { page, close } = await openPage(stack.browser, { viewport: VIEWPORTS[viewport] });
      try {
        await page.goto(link);
        await page.getByLabel(PASSWORD).waitFor();
        await settle(page);
        const violations = await axeViolations(page);
        expect(violations).withContext(`axe on the activate page (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
        expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
      } finally {
        await close();
      }
    });
  }

  it('greets the person, sets the password and shows success with a way to sign in', async () => {
    const { page, errors, close } = await openPage(stack.browser);
    try {
      await page.goto(link);
      await page.getByLabel(PASSWORD).waitFor();
      expect(page.url()).withContext('the token leaves the address bar').toBe(stack.url(WebRoutes.activate));
      const text = await visibleText(page);
      expect(text).toContain('Léa Roux');
      expect(text).toContain('lea@acme.test');
      expect(text).toContain('Acme Test');
      expect(await page.getByRole('textbox', { name: /e-?mail/i }).count()).withContext('email is shown as text, not a field').toBe(0);
      await screenshots(page, 'activate-form');

      await page.getByLabel(PASSWORD).fill(ADMIN_PASSWORD);
      await page.getByLabel(CONFIRMATION).fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: /set my password/i }).click();
      await waitForText(page, SUCCESS, 20_000); // argon2 hashing takes a moment
      await screenshots(page, 'activate-done');

      await page.getByRole('link', { name: /sign-?in/i }).click();
      // /sign-in hands over to the provider at once: the person lands on the sign-in steps.
      await page.waitForURL(/\/interaction\/[\w-]+$/);
      expect(errors).withContext('console errors').toEqual([]);
    } finally {
      await close();
    }
  });

  it('once used, says so and shows no password field', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      await page.goto(link);
      await waitForText(page, ALREADY_USED);
      await settle(page);
      expect(await page.getByLabel(PASSWORD).count()).withContext('password fields on the used link').toBe(0);
      await screenshots(page, 'activate-link-used');
    } finally {
      await close();
    }
  });
});
