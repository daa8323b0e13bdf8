import { axeViolations } from './support/a11y';
import { DESKTOP_AND_NARROW, errorsMatching, openPage, screenshotsAt, settle, waitForText, type TrackedPage } from './support/browser';
import { createPerson, type Person } from './support/people';
import { completeSetupViaApi } from './support/server';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow, useFreshStack } from './support/stack';
import { codeForStep, freshCode } from './support/totp';

// A signed-in person's own page: where they are signed in, their two-step verification, and new
// recovery codes (which need a fresh code from the authenticator).
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;

describe('the account page of a signed-in person', () => {
  const stack = useFreshStack();
  let person: Person;
  let tracked: TrackedPage;

  beforeAll(async () => {
    await completeSetupViaApi(stack.server);
    person = await createPerson(stack.server, 'yusuf.benali@acme.test', 'Yusuf Benali');
    tracked = await openPage(stack.browser);
    await signInToPortal(tracked.page, stack, person, '/account'); // enrols the authenticator on the way
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await tracked?.close();
  });

  it('lists this browser\'s session as "This device" and shows two-step verification on, with 10 recovery codes', async () => {
    const { page } = tracked;
    expect(new URL(page.url()).pathname).toBe('/account');
    await page.getByTestId('session').first().waitFor();
    expect(await page.getByTestId('account-title').innerText()).toBe('Your account');
    const sessions = page.getByTestId('session');
    expect(await sessions.count()).withContext('sessions listed').toBe(1);
    expect(await sessions.first().getByTestId('session-current').innerText()).toBe('This device');
    const status = page.getByTestId('two-step-status');
    await status.waitFor();
    expect(await status.innerText()).toMatch(/Authenticator app\s+On/);
    expect(await page.getByTestId('two-step-codes-left').innerText()).toBe('10 left');
    expect(await page.getByText(`Signed in as ${person.name} (${person.email})`).count()).toBe(1);

    await settle(page);
    await screenshotsAt(page, 'account', DESKTOP_AND_NARROW);
    await page.setViewportSize(DESKTOP_AND_NARROW['360']);
    await settle(page);
    expect(await horizontalOverflow(page)).withContext('/account at 360 px: scrollWidth − innerWidth').toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP_AND_NARROW.desktop);
  });

  for (const [label, size] of Object.entries(DESKTOP_AND_NARROW)) {
    it(`has no axe violations at ${label} width`, async () => {
      const { page } = tracked;
      await page.setViewportSize(size);
      try {
        await page.goto(stack.url('/account'));
        await page.getByTestId('two-step-status').waitFor();
        await page.getByTestId('session').first().waitFor();
        await settle(page);
        const violations = await axeViolations(page);
        expect(violations).withContext(`axe on /account (${label}):\n${violations.join('\n')}\n`).toEqual([]);
      } finally {
        await page.setViewportSize(DESKTOP_AND_NARROW.desktop);
      }
    });
  }

  it('makes new recovery codes after a fresh authenticator code, and the old ones are replaced', async () => {
    const { page, errors } = tracked;
    await page.goto(stack.url('/account'));
    await page.getByTestId('two-step-new-codes').click();
    await page.locator('#two-step-proof').waitFor();
    await settle(page);
    await screenshotsAt(page, 'account-new-codes-proof', DESKTOP_AND_NARROW);

    const { code, step } = await freshCode(person.secret ?? '', person.lastStep ?? null);
    await page.locator('#two-step-proof').fill(code);
    await page.getByTestId('two-step-proof-submit').click();
    person.lastStep = step;

    await page.getByTestId('recovery-code').first().waitFor();
    const codes = (await page.getByTestId('recovery-code').allInnerTexts()).map((c) => c.trim());
    expect(codes.length).toBe(10);
    expect(codes.filter((c) => person.recoveryCodes?.includes(c))).withContext('codes shared with the first set').toEqual([]);
    expect(await page.getByTestId('recovery-codes-done').isDisabled()).withContext('"Done" before ticking the box').toBeTrue();
    await settle(page);
    await screenshotsAt(page, 'account-new-codes', DESKTOP_AND_NARROW);
    const violations = await axeViolations(page);
    expect(violations).withContext(`axe on the new codes:\n${violations.join('\n')}\n`).toEqual([]);

    await page.getByTestId('recovery-codes-saved').check();
    await page.getByTestId('recovery-codes-done').click();
    expect(await page.getByTestId('two-step-notice').innerText()).toMatch(/new recovery codes are ready/i);
    await waitForText(page, /Recovery codes\s*10 left/);
    person.recoveryCodes = codes;
    expect(errorsMatching(errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('refuses the code it just accepted when asked again ("already used")', async () => {
    const { page } = tracked;
    await page.getByTestId('two-step-new-codes').click();
    await page.locator('#two-step-proof').waitFor();
    await page.locator('#two-step-proof').fill(codeForStep(person.secret ?? '', person.lastStep ?? 0));
    await page.getByTestId('two-step-proof-submit').click();
    await waitForText(page, /already been used/i);
    await settle(page);
    await screenshotsAt(page, 'account-code-reused', { desktop: DESKTOP_AND_NARROW.desktop });
  });
});
