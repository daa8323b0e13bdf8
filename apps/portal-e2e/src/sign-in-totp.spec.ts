import { DESKTOP_AND_NARROW, errorsMatching, openPage, screenshotsAt, settle, waitForText, type TrackedPage } from './support/browser';
import { createPerson, registerApp, type Person } from './support/people';
import { startRelyingParty, type RelyingParty } from './support/relying-party';
import { completeSetupViaApi } from './support/server';
import { completeInteraction, nextInteractionStep, signOutOfPortal, submitPassword, submitTotp, type InteractionStep } from './support/sign-in';
import { horizontalOverflow, useFreshStack } from './support/stack';
import { codeForStep, freshCode, wrongCode } from './support/totp';

// The key flow: a person opens an app registered with Passerelle, is sent to Passerelle, signs in
// with their password, sets up an authenticator by typing the key shown on the page, keeps their
// recovery codes and lands back in the app, signed in. Later sign-ins ask for a code, which works
// once. The app is a real relying party (openid-client, authorization code + PKCE).
const DESKTOP_ONLY = { desktop: DESKTOP_AND_NARROW.desktop };
const CLOCK_HINT = /clock/i;
const ALREADY_USED = /already been used/i;
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000; // a second sign-in may wait up to 30 s for a fresh code

describe('signing in to an app with a password and an authenticator code', () => {
  const stack = useFreshStack();
  let rp: RelyingParty;
  let person: Person;
  let tracked: TrackedPage;

  beforeAll(async () => {
    rp = await startRelyingParty();
    await completeSetupViaApi(stack.server);
    person = await createPerson(stack.server, 'noemie.laurent@acme.test', 'Noémie Laurent');
    const app = await registerApp(stack.server, 'Test app', rp.redirectUri, rp.backchannelLogoutUri);
    await rp.configure(`${stack.server.baseUrl}/oidc`, app.clientId, app.clientSecret);
    // One browser context for the whole story: the person keeps their cookies between sign-ins.
    tracked = await openPage(stack.browser);
  }, 60_000);

  afterAll(async () => {
    await tracked?.close();
    await rp?.stop();
  });

  /** Fails with the app's own problems when it shows no signed-in person. */
  async function expectSignedInToApp(page: TrackedPage['page']): Promise<void> {
    await page.waitForURL(`${rp.url}/`, { timeout: 20_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\nrelying party problems: ${rp.problems.join('\n') || 'none'}`);
    });
    expect(await page.getByTestId('rp-user').innerText()).toBe(`Signed in as ${person.email}`);
  }

  /** Signs out of Passerelle from its header and waits for the app to be told (back-channel logout). */
  async function signOutEverywhere(page: TrackedPage['page']): Promise<void> {
    const notified = rp.loggedOut.length;
    await page.goto(stack.url('/'));
    await page.getByTestId('user-menu-button').waitFor();
    await signOutOfPortal(page);
    for (let i = 0; i < 100 && rp.loggedOut.length === notified; i++) await page.waitForTimeout(100);
    expect(rp.loggedOut.length).withContext(`back-channel logouts received (problems: ${rp.problems.join('; ') || 'none'})`).toBe(notified + 1);
  }

  /** Opens the app; it sends the browser to Passerelle, where the password is asked again. */
  async function openAppAndGiveThePassword(page: TrackedPage['page']): Promise<void> {
    await page.goto(rp.url);
    await page.waitForURL((url) => url.pathname.startsWith('/interaction/'), { timeout: 20_000 });
    expect(await nextInteractionStep(page, null)).withContext('first step after signing out').toBe('password');
    await submitPassword(page, person.email, person.password);
    expect(await nextInteractionStep(page, 'password')).withContext('step after the password').toBe('totp');
  }

  it('takes a new person from the app through password, authenticator set-up and recovery codes back to the app', async () => {
    const { page, errors } = tracked;
    const seen: InteractionStep[] = [];
    await page.goto(rp.url);
    await completeInteraction(page, person, {
      async onStep(step, p) {
        seen.push(step);
        await settle(p);
        if (step === 'password') {
          expect(await p.getByTestId('interaction-app').innerText()).toContain('Test app');
          await screenshotsAt(p, 'sign-in-password', DESKTOP_ONLY);
        }
        if (step === 'enrol-totp') {
          const qr = p.getByTestId('enrol-qr');
          expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).withContext('QR code image loaded').toBeTrue();
          expect(await p.getByTestId('enrol-key').innerText()).toMatch(/^[A-Z2-7]{4}(\s+[A-Z2-7]{1,4})+$/);
          await screenshotsAt(p, 'sign-in-enrol', DESKTOP_AND_NARROW);
          await p.setViewportSize(DESKTOP_AND_NARROW['360']);
          await settle(p);
          expect(await horizontalOverflow(p)).withContext('enrolment at 360 px: scrollWidth − innerWidth').toBeLessThanOrEqual(0);
          await p.setViewportSize(DESKTOP_AND_NARROW.desktop);
        }
        if (step === 'recovery-codes') await screenshotsAt(p, 'sign-in-recovery-codes', DESKTOP_AND_NARROW);
      },
    });
    expect(seen).toEqual(['password', 'enrol-totp', 'recovery-codes']);
    expect(person.recoveryCodes?.length).withContext(`recovery codes: ${person.recoveryCodes?.join(', ')}`).toBe(10);
    expect(new Set(person.recoveryCodes).size).withContext('distinct recovery codes').toBe(10);
    await expectSignedInToApp(page);
    await screenshotsAt(page, 'sign-in-back-in-app', DESKTOP_ONLY);
    expect(errorsMatching(errors, CSP)).withContext('CSP errors').toEqual([]);
    expect(errors).withContext('console errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('after signing out of Passerelle, asks for the password and a fresh code, and says a wrong code may be the clock', async () => {
    const { page } = tracked;
    await signOutEverywhere(page);
    await openAppAndGiveThePassword(page);
    await settle(page);
    await screenshotsAt(page, 'sign-in-code', DESKTOP_AND_NARROW);
    await page.setViewportSize(DESKTOP_AND_NARROW['360']);
    await settle(page);
    expect(await horizontalOverflow(page)).withContext('code step at 360 px: scrollWidth − innerWidth').toBeLessThanOrEqual(0);
    await page.setViewportSize(DESKTOP_AND_NARROW.desktop);
    expect(await page.getByTestId('use-recovery').innerText()).toMatch(/recovery code instead/i);

    await submitTotp(page, wrongCode(person.secret ?? ''));
    const banner = page.getByTestId('interaction-error');
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(CLOCK_HINT);
    await screenshotsAt(page, 'sign-in-code-wrong', DESKTOP_AND_NARROW);

    const { code, step } = await freshCode(person.secret ?? '', person.lastStep ?? null);
    await submitTotp(page, code);
    person.lastStep = step;
    await expectSignedInToApp(page);
    expect(errorsMatching(tracked.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('refuses a code that was already used, then accepts the next one', async () => {
    const { page } = tracked;
    await signOutEverywhere(page);
    await openAppAndGiveThePassword(page);

    await submitTotp(page, codeForStep(person.secret ?? '', person.lastStep ?? 0));
    await waitForText(page, ALREADY_USED);
    expect(await page.getByTestId('interaction-error').innerText()).toMatch(ALREADY_USED);
    await settle(page);
    await screenshotsAt(page, 'sign-in-code-reused', DESKTOP_ONLY);

    const { code, step } = await freshCode(person.secret ?? '', person.lastStep ?? null);
    await submitTotp(page, code);
    person.lastStep = step;
    await expectSignedInToApp(page);
    expect(errorsMatching(tracked.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);
});
