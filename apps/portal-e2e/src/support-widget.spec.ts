import { axeViolations } from './support/a11y';
import { errorsMatching, openPage, screenshotsAt, type TrackedPage } from './support/browser';
import { useDemoStack } from './support/demo-stack';
import { completeInteraction } from './support/sign-in';
import { horizontalOverflow } from './support/stack';

// The support widget as people meet it: on a demo app (another origin, the app's strict CSP:
// `default-src 'self'` plus the portal for script and connect), signing in through the portal's
// popup, filing a ticket with its context; then on the portal's dashboard (a token from the session
// cookie, at once) and the My tickets page. First proof; the full cross-origin scenario is the E2E suite's.
const CSP = /content security policy|content-security-policy|refused to/i;
const FLOW_TIMEOUT_MS = 120_000;
const SIZES = { desktop: { width: 1280, height: 800 }, '390': { width: 390, height: 844 } } as const;

describe('the support widget, end to end on the demo', () => {
  const stack = useDemoStack();
  let claire: TrackedPage;
  let subject = '';

  beforeAll(async () => {
    claire = await openPage(stack.browser, { viewport: SIZES.desktop });
  });

  afterAll(async () => {
    await claire?.close();
  });

  it('files a ticket from the demo CRM: connect popup, the context shown, one ticket for a double click, no CSP violation', async () => {
    const { page, errors } = claire;
    await page.goto(`${stack.demo.urls.crm}/login?iss=${encodeURIComponent(stack.issuer)}`);
    await completeInteraction(page, stack.person('claire'));
    await page.waitForURL((url) => url.origin === new URL(stack.demo.urls.crm).origin && url.pathname === '/', { timeout: 20_000 });

    const launcher = page.getByTestId('launcher');
    await launcher.waitFor();
    // Styled by its constructed stylesheet although the page's CSP forbids inline styles.
    expect(await launcher.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    await launcher.click();
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('connect').click()]);
    expect(new URL(popup.url()).origin).toBe(stack.server.baseUrl);
    await page.getByTestId('category').waitFor({ timeout: 20_000 });

    await page.getByTestId('category').selectOption({ label: 'Hardware' });
    subject = `Printer jammed ${Date.now()}`;
    await page.getByTestId('subject').fill(subject);
    await page.getByTestId('description').fill('Tray 2 is stuck since this morning.');
    await page.getByTestId('file-input').setInputFiles({ name: 'printer-log.txt', mimeType: 'text/plain', buffer: Buffer.from('E04 paper jam\n') });
    await page.getByTestId('attachment').waitFor({ timeout: 20_000 });
    await page.getByTestId('file-input').setInputFiles({ name: 'setup.exe', mimeType: 'application/x-msdownload', buffer: Buffer.from('MZ') });
    expect(await page.getByTestId('attachment-refusal').innerText()).toContain('setup.exe');
    const context = await page.getByTestId('context-list').innerText();
    expect(context).toContain('CRM');
    expect(context).toContain(stack.demo.urls.crm);
    await screenshotsAt(page, 'support-widget-demo-form', SIZES);
    expect(await axeViolations(page)).withContext('the form, open on the CRM').toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);

    await page.getByTestId('send').dblclick();
    const sent = await page.getByTestId('ticket-number').innerText({ timeout: 20_000 });
    expect(sent).toMatch(/#\d+ sent|n° \d+ envoyée/);
    await screenshotsAt(page, 'support-widget-demo-sent', SIZES);

    await page.getByTestId('open-sent').click();
    const conversation = await page.getByTestId('conversation').innerText({ timeout: 20_000 });
    expect(conversation).toContain('Tray 2 is stuck');
    expect(conversation).toContain('printer-log.txt');
    // One ticket for the double click.
    await page.getByTestId('back').click();
    await page.getByTestId('my-tickets').waitFor();
    expect(await page.getByTestId('my-tickets').getByText(subject).count()).toBe(1);
    expect(errorsMatching(errors, CSP)).toEqual([]);
  }, FLOW_TIMEOUT_MS);

  it('on the dashboard the launcher has its token at once, and My tickets lists the ticket', async () => {
    const { page, errors } = claire;
    await page.goto(stack.url('/'));
    await page.getByTestId('launcher').click();
    // No app is implied on the dashboard: the form asks which of Claire's apps it is about.
    const apps = page.getByTestId('app');
    await apps.waitFor({ timeout: 20_000 });
    expect(await apps.locator('option').allInnerTexts()).toContain('CRM');
    expect((await page.getByTestId('context-list').innerText()).replace(/\s+/g, ' ')).toContain('App Passerelle');
    await apps.selectOption({ label: 'CRM' });
    expect((await page.getByTestId('context-list').innerText()).replace(/\s+/g, ' ')).toContain('App CRM');
    await screenshotsAt(page, 'support-widget-dashboard-form', SIZES);
    expect(await axeViolations(page)).withContext('the form on the dashboard').toEqual([]);
    await page.getByTestId('tab-tickets').click();
    await page.getByTestId('my-tickets').getByText(subject).waitFor({ timeout: 20_000 });
    expect(await axeViolations(page)).withContext('the dashboard with the panel open').toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('panel').waitFor({ state: 'detached' });

    await page.goto(stack.url('/support'));
    await page.getByTestId('my-tickets').getByText(subject).waitFor({ timeout: 20_000 });
    await screenshotsAt(page, 'support-my-tickets', SIZES);
    expect(await axeViolations(page)).withContext('My tickets').toEqual([]);
    expect(errorsMatching(errors, CSP)).toEqual([]);
  }, FLOW_TIMEOUT_MS);
});
