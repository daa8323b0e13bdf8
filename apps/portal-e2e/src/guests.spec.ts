import { CatalogRoutes, WebRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { axeViolations } from './support/a11y';
import { VIEWPORTS, errorsMatching, openPage, screenshotsAt, settle, waitForText, type TrackedPage, type ViewportName } from './support/browser';
import { DASHBOARD_SIZES, dashboardSections, setPortalLanguage, showsSignedIn, trackNavigations, waitForDashboard } from './support/dashboard';
import { useDemoStack } from './support/demo-stack';
import { GUEST_TIME_ZONE, addDays, addMonths, dayIn, guestRows, longDay, waitUntil } from './support/guests';
import { PERSON_PASSWORD, type Person } from './support/people';
import { completeInteraction, nextInteractionStep, onInteractionPage, signInToPortal, submitPassword } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// Issue 5, "what must be shown" 2, on the demo as `npm run demo` starts it: Julien (IT) invites a
// freelancer in the console for 30 days to the Wiki and Files, sponsored by Claire; the freelancer
// opens the link from the mail, sets a password and an authenticator, and sees exactly those two
// tiles with the end date; another app refuses them; "Revoke now" signs them out everywhere (the
// Wiki too, by back-channel logout) and sign-in then names the sponsor to ask. Amina, who may
// sponsor guests without being an administrator, sees her guest (Léa, from the seed) and not that one.
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;
/** Every page of this story is in the same time zone, so a chosen day reads back as that day. */
const CONTEXT = { timezoneId: GUEST_TIME_ZONE, viewport: DASHBOARD_SIZES['1440'] };
const LEA = { name: 'Léa Martin', email: 'lea.martin@studio-leman.example', company: 'Studio Léman' };

describe('guests, end to end: IT invites a freelancer, who sees only the apps given, until the access is revoked', () => {
  const stack = useDemoStack();
  const guest: Person = { email: 'marc.rochat@rochat-conseil.example', name: 'Marc Rochat', password: PERSON_PASSWORD };
  const company = 'Rochat Conseil';
  let julien: TrackedPage;
  let visitor: TrackedPage | undefined;
  let invitationLink = '';
  let guestId = '';
  let endDay = '';

  beforeAll(async () => {
    julien = await openPage(stack.browser, CONTEXT);
    await signInToPortal(julien.page, stack, stack.person('julien'), '/');
  }, FLOW_TIMEOUT_MS);

  afterAll(async () => {
    await visitor?.close();
    await julien?.close();
  });

  const appId = (key: 'wiki' | 'files' | 'crm') => stack.seeded.demoApps[key].appId;
  const claire = () => stack.person('claire');

  /** EN then FR screenshots at phone and laptop size, leaving the page in English. */
  async function bothLanguages(page: Page, name: string, ready?: (locale: 'en' | 'fr') => Promise<void>): Promise<void> {
    await ready?.('en');
    await screenshotsAt(page, `${name}-en`, DASHBOARD_SIZES);
    await setPortalLanguage(page, 'fr');
    await ready?.('fr');
    await screenshotsAt(page, `${name}-fr`, DASHBOARD_SIZES);
    await setPortalLanguage(page, 'en');
  }

  /** The guest's browser, opened when they accept the invitation. */
  function guestPage(): TrackedPage {
    if (!visitor) throw new Error('the guest has not opened the invitation (did the accept spec fail?)');
    return visitor;
  }

  function expectNoDemoAppProblems(): void {
    expect(stack.problems()).withContext(`demo apps' log:\n${stack.log()}`).toEqual([]);
  }

  it('the console lists the seeded guest as active, with her end date, sponsor and apps', async () => {
    const { page } = julien;
    // The console, from its navigation (the administrator's way in).
    await page.goto(stack.url('/admin/users'));
    await page.getByTestId('admin-nav-guests').click();
    await page.waitForURL((url) => url.pathname === '/admin/guests');
    const rows = await guestRows(page);
    expect(rows.length).withContext(rows.join('\n')).toBe(1);
    expect(rows[0]).toContain(LEA.name);
    expect(rows[0]).toContain(LEA.email);
    expect(rows[0]).toContain(LEA.company);
    expect(rows[0]).toContain('Amina Benali');
    expect(rows[0]).withContext('apps, by name').toContain('Files, Wiki');
    const row = page.getByTestId('guest-row').filter({ hasText: LEA.email });
    expect(await row.getByTestId('guest-status').getAttribute('data-status')).toBe('active');
    // The seed gives Léa 30 days from the moment it ran: the end shown is that day, in words.
    const ends = row.locator('time');
    const endsAt = new Date((await ends.getAttribute('datetime')) ?? '');
    const days = (endsAt.getTime() - Date.now()) / 86_400_000;
    expect(days).withContext('days left to Léa').toBeGreaterThan(29);
    expect(days).withContext('days left to Léa').toBeLessThanOrEqual(30);
    expect((await ends.innerText()).trim()).toBe(longDay(dayIn(endsAt), 'en'));
    expect(await row.getByTestId('guest-left').innerText()).toMatch(/^(29|30) days left$/);
    await bothLanguages(page, 'guests-console-list');
  }, FLOW_TIMEOUT_MS);

  it('Julien invites a guest for 30 days to the Wiki and Files, sponsored by Claire, and gets the invitation link', async () => {
    const { page } = julien;
    await page.getByTestId('guests-invite').click();
    await page.waitForURL((url) => url.pathname === '/admin/guests/new');
    await page.locator('#guest-email').waitFor();
    const today = dayIn(new Date());
    endDay = addDays(today, 30);

    await page.locator('#guest-email').fill(guest.email);
    await page.locator('#guest-name').fill(guest.name);
    await page.locator('#guest-company').fill(company);
    expect(await page.locator('#guest-sponsor').inputValue()).withContext('the default sponsor: the administrator').toBe(stack.person('julien').email);
    await page.locator('#guest-sponsor').fill(claire().email);
    // "+1 month" fills the end day; then the exact day in the field: 30 days from today.
    await page.getByTestId('guest-quick-1').click();
    expect(await page.locator('#guest-endDate').inputValue()).withContext('end after "+1 month"').toBe(addMonths(today, 1));
    await page.locator('#guest-endDate').fill(endDay);
    for (const key of ['wiki', 'files'] as const) await page.getByTestId(`guest-app-${appId(key)}`).check();
    expect(await page.getByTestId(`guest-app-${appId('crm')}`).isChecked()).withContext('CRM ticked').toBeFalse();
    await settle(page);
    await screenshotsAt(page, 'guests-invite-form-en', DASHBOARD_SIZES);

    await page.getByTestId('guest-invite-submit').click();
    const panel = page.getByTestId('invitation-panel');
    await panel.waitFor({ timeout: 20_000 });
    expect(await panel.getByRole('heading').innerText()).toBe(`${guest.name} is invited`);
    expect(await panel.innerText()).toContain(guest.email);
    invitationLink = await page.getByTestId('invitation-link').inputValue();
    expect(invitationLink.startsWith(stack.url(`${WebRoutes.activate}#token=`))).withContext(invitationLink).toBeTrue();
    await bothLanguages(page, 'guests-invited');

    // The guest's page: status, sponsor, end and apps as chosen.
    await page.getByTestId('guest-invite-open').click();
    await page.getByTestId('guest-title').waitFor();
    guestId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await page.getByTestId('guest-status').getAttribute('data-status')).toBe('invited');
    expect(await page.getByTestId('guest-sponsor').innerText()).toContain(claire().name);
    expect(await page.getByTestId('guest-app-names').innerText()).withContext('apps, by name').toBe('Files, Wiki');
    expect(await page.getByTestId('guest-ends').locator('time').innerText()).toContain(longDay(endDay, 'en'));
    expect(errorsMatching(julien.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('the invitation mail in the console outbox carries the same link', async () => {
    const { page } = julien;
    await page.goto(stack.url('/admin/outbox'));
    const mail = page.getByTestId('mail').filter({ hasText: guest.email }).filter({ hasText: 'invites you to Passerelle' });
    await mail.first().waitFor({ timeout: 20_000 });
    expect(await mail.count()).withContext('invitation mails to the guest').toBe(1);
    // The body is folded away under "Show the message", as a person would open it.
    await mail.locator('summary').click();
    const body = await mail.getByTestId('mail-body').innerText();
    expect(body).toContain(`Hello ${guest.name},`);
    expect(body).toContain('Claire Dubois gave you guest access');
    expect(body).toMatch(/^Apps: (Wiki, Files|Files, Wiki)\.$/m);
    const links = body.match(/https?:\/\/\S+#token=\S+/g) ?? [];
    expect(links).withContext(body).toEqual([invitationLink]);
  });

  it('the guest opens the link from the mail, sets a password and an authenticator, and sees only the Wiki and Files with the end date', async () => {
    visitor = await openPage(stack.browser, CONTEXT);
    const { page } = visitor;
    await page.goto(invitationLink);
    const password = page.getByLabel(/^\s*password/i);
    await password.waitFor({ timeout: 20_000 });
    expect(await page.locator('body').innerText()).toContain(guest.email);
    await screenshotsAt(page, 'guests-accept-en', DASHBOARD_SIZES);
    await password.fill(guest.password);
    await page.getByLabel(/confirm|repeat/i).fill(guest.password);
    await page.getByRole('button', { name: /set my password/i }).click();
    await waitForText(page, /account is ready|all set|success/i, 20_000);

    // From the success page to the sign-in steps: password, authenticator (mandatory), recovery codes.
    await page.getByRole('link', { name: /sign-?in/i }).click();
    const steps: string[] = [];
    await completeInteraction(page, guest, {
      async onStep(step, p) {
        steps.push(step);
        if (step === 'enrol-totp') {
          await settle(p);
          await screenshotsAt(p, 'guests-enrol-en', DASHBOARD_SIZES);
        }
      },
    });
    expect(steps).withContext('sign-in steps').toEqual(['password', 'enrol-totp', 'recovery-codes']);
    expect(guest.recoveryCodes?.length).withContext('recovery codes kept').toBe(10);
    await page.waitForURL((url) => url.origin === new URL(stack.server.baseUrl).origin && url.pathname === '/', { timeout: 20_000 });
    await waitForDashboard(page);

    expect(await dashboardSections(page)).toEqual([{ name: 'Au quotidien', apps: ['Wiki', 'Files'] }]);
    const tileIds = await page.locator('[data-row="section"] [data-testid="tile"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute('data-app-id')));
    expect(tileIds).toEqual([appId('wiki'), appId('files')]);
    expect(await page.getByTestId('requestable').count()).withContext('"Request access" tiles').toBe(0);

    const banner = page.getByTestId('guest-banner');
    expect((await banner.innerText()).replace(/\s+/g, ' ').trim()).toBe(`Guest access — ends ${longDay(endDay, 'en')} · Sponsor: ${claire().name}`);
    expect(await banner.getByRole('link', { name: claire().name }).getAttribute('href')).toBe(`mailto:${claire().email}`);
    await bothLanguages(page, 'guests-dashboard', async (locale) => {
      if (locale === 'fr') expect((await banner.innerText()).replace(/\s+/g, ' ').trim()).toBe(`Accès invité — jusqu’au ${longDay(endDay, 'fr')} · Responsable : ${claire().name}`);
    });
    await page.setViewportSize(DASHBOARD_SIZES['390']);
    await settle(page);
    expect(await horizontalOverflow(page)).withContext('guest dashboard at 390 px: scrollWidth − innerWidth').toBeLessThanOrEqual(0);
    await page.setViewportSize(DASHBOARD_SIZES['1440']);
    expect(errorsMatching(visitor.errors, CSP)).withContext('CSP errors').toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('the Wiki tile opens the Wiki signed in; the CRM says it is not available and never signs the guest in', async () => {
    const { page } = guestPage();
    const hops = trackNavigations(page);
    await page.locator(`[data-row="section"] [data-app-id="${appId('wiki')}"] [data-testid="tile-link"]`).click();
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.wiki).origin && url.pathname === '/', { timeout: 20_000 });
    await showsSignedIn(page, guest.name);
    hops.stop();
    expect(hops.prompts(stack.server.baseUrl)).withContext(`no sign-in page on the way:\n${hops.urls.join('\n')}`).toEqual([]);
    expect(stack.demo.apps.wiki.sessions.count).withContext('Wiki sessions').toBe(1);

    // The CRM's own sign-in: the portal knows the guest, and refuses the app.
    await page.goto(`${stack.demo.urls.crm}/login?iss=${encodeURIComponent(stack.issuer)}`);
    await completeInteraction(page, guest, { until: 'no-access' });
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('no-access');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('CRM');
    expect(await page.getByTestId('no-access-body').innerText()).toContain(guest.email);
    expect(await page.getByTestId('no-access-request').count()).withContext('"Request access" offered to a guest').toBe(0);
    await screenshotsAt(page, 'guests-no-access-en', DASHBOARD_SIZES);
    expect(stack.demo.apps.crm.sessions.count).withContext('CRM sessions').toBe(0);
    await page.goto(stack.demo.urls.crm);
    expect(await page.getByTestId('demo-signed-out').count()).withContext('the CRM home page').toBe(1);
    // Launching it from the portal is refused too.
    const launch = await page.request.get(stack.url(CatalogRoutes.launch(appId('crm'))), { maxRedirects: 0 });
    expect(launch.status()).toBe(302);
    expect(launch.headers()['location']).withContext('launching the CRM sends the guest back to the dashboard').toBe(`/?unavailable=${appId('crm')}`);
    expectNoDemoAppProblems();
  }, FLOW_TIMEOUT_MS);

  it('"Revoke now" signs the guest out everywhere; signing in again names the sponsor to ask', async () => {
    const { page } = julien;
    await page.goto(stack.url(`/admin/guests/${guestId}`));
    await page.getByTestId('guest-title').waitFor();
    expect(await page.getByTestId('guest-status').getAttribute('data-status')).withContext('after the guest accepted').toBe('active');
    await page.getByTestId('guest-revoke').click();
    const dialog = page.getByTestId('guest-confirm');
    await dialog.waitFor();
    await settle(page);
    await screenshotsAt(page, 'guests-revoke-confirm-en', DASHBOARD_SIZES);
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await page.getByTestId('guest-message').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('guest-message').innerText()).toBe(`The access of ${guest.name} has ended.`);
    expect(await page.getByTestId('guest-status').getAttribute('data-status')).toBe('ended');
    await bothLanguages(page, 'guests-revoked', async () => {
      await page.getByTestId('guest-ended').waitFor();
    });

    // The Wiki was told (back-channel logout): its session is gone.
    const gv = guestPage().page;
    await waitUntil(async () => {
      await gv.goto(stack.demo.urls.wiki);
      return (await gv.getByTestId('demo-signed-out').count()) === 1;
    }, 'the Wiki to show its signed-out page');
    expect(stack.demo.apps.wiki.sessions.count).withContext('Wiki sessions').toBe(0);
    expect(stack.log()).toContain('[wiki] back-channel logout: 1 session ended');

    // The portal: the next dashboard load finds no session.
    await gv.goto(stack.url('/'));
    await gv.getByTestId('home-signed-out').waitFor({ timeout: 20_000 });
    expect((await gv.request.get(stack.url(CatalogRoutes.dashboard))).status()).withContext('dashboard API').toBe(401);

    // Signing in again: refused at the password, with the end date and whom to ask.
    await gv.goto(stack.url('/sign-in?returnTo=%2F'));
    await gv.waitForURL((url) => url.pathname.startsWith('/interaction/'), { timeout: 20_000 });
    expect(await nextInteractionStep(gv, null)).toBe('password');
    await submitPassword(gv, guest.email, guest.password);
    const refusal = gv.getByTestId('interaction-error');
    await refusal.waitFor({ timeout: 20_000 });
    const today = dayIn(new Date());
    expect((await refusal.innerText()).trim()).toBe(`Your guest access ended on ${longDay(today, 'en')}. Ask ${claire().name} (${claire().email}) to extend it.`);
    await bothLanguages(gv, 'guests-access-ended', async (locale) => {
      if (locale === 'fr') {
        expect((await refusal.innerText()).trim()).toBe(`Votre accès invité a pris fin le ${longDay(today, 'fr')}. Demandez à ${claire().name} (${claire().email}) de le prolonger.`);
      }
    });
    expect(onInteractionPage(gv)).withContext('still on the sign-in step').toBeTrue();
    expectNoDemoAppProblems();
  }, FLOW_TIMEOUT_MS);

  describe('a sponsor who is not an administrator', () => {
    let amina: TrackedPage;

    beforeAll(async () => {
      amina = await openPage(stack.browser, CONTEXT);
      await signInToPortal(amina.page, stack, stack.person('amina'), '/');
    }, FLOW_TIMEOUT_MS);

    afterAll(async () => {
      await amina?.close();
    });

    it('finds "My guests" in her menu: her guest Léa, not the guest Claire sponsors', async () => {
      const { page } = amina;
      await page.getByTestId('user-menu-button').click();
      await page.getByTestId('user-menu-guests').click();
      await page.waitForURL((url) => url.pathname === '/guests');
      const rows = await guestRows(page);
      expect(rows.length).withContext(rows.join('\n')).toBe(1);
      expect(rows[0]).toContain(LEA.name);
      expect(rows.join('\n')).not.toContain(guest.email);
      await bothLanguages(page, 'guests-sponsor-list');
      // Not the console: its guard sends her to her dashboard.
      await page.goto(stack.url('/admin/guests'));
      await page.waitForURL((url) => url.pathname === '/', { timeout: 10_000 });
    }, FLOW_TIMEOUT_MS);

    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      it(`/guests has no axe violations and no sideways scroll at ${viewport} width`, async () => {
        await expectAccessible(amina.page, '/guests', 'guest-row', viewport);
      });
    }
  });

  const consolePages = [
    { path: '/admin/guests', ready: 'guest-row' },
    { path: '/admin/guests/new', ready: 'guest-invite-submit' },
  ];
  for (const target of consolePages) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      it(`${target.path} has no axe violations and no sideways scroll at ${viewport} width`, async () => {
        await expectAccessible(julien.page, target.path, target.ready, viewport);
      });
    }
  }

  async function expectAccessible(page: Page, path: string, ready: string, viewport: ViewportName): Promise<void> {
    await page.setViewportSize(VIEWPORTS[viewport]);
    try {
      await page.goto(stack.url(path));
      await page.getByTestId(ready).first().waitFor({ timeout: 20_000 });
      await settle(page);
      const violations = await axeViolations(page);
      expect(violations).withContext(`axe on ${path} (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
      expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
    } finally {
      await page.setViewportSize(DASHBOARD_SIZES['1440']);
    }
  }
});
