import { WebRoutes } from '@passerelle/contracts';
import { axeViolations } from './support/a11y';
import { VIEWPORTS, openPage, settle, type TrackedPage, type ViewportName } from './support/browser';
import { useDemoStack } from './support/demo-stack';
import { completeSetupViaApi } from './support/server';
import { signInToPortal } from './support/sign-in';
import { horizontalOverflow, useFreshStack } from './support/stack';

// axe-core finds the mechanical accessibility faults (labels, contrast, landmarks, ARIA misuse);
// each page is checked at desktop and phone width, where layouts differ.
describe('accessibility and small screens', () => {
  const stack = useFreshStack();
  let setupLink = '';
  beforeAll(async () => {
    setupLink = await stack.server.setupLink();
  });

  const pages: { name: string; url: () => string; ready: RegExp }[] = [
    { name: 'setup form', url: () => setupLink, ready: /password/i },
    { name: 'sign-in page', url: () => stack.url(WebRoutes.signIn), ready: /sign in|log in/i },
    { name: 'not-found page', url: () => stack.url('/does/not/exist'), ready: /not found|exist|404/i },
    // /sign-in sends the browser on to the provider's interaction page (/interaction/<uid>): the password step.
    { name: 'sign-in password step', url: () => stack.url('/sign-in?returnTo=%2Faccount'), ready: /work email/i },
    { name: 'reset-password page', url: () => stack.url('/reset-password'), ready: /reset your password/i },
  ];

  for (const target of pages) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      it(`${target.name} has no axe violations and no sideways scroll at ${viewport} width`, async () => {
        // The sign-in page is only meaningful on an installed portal; finish setup once the form was checked.
        if (target.name === 'sign-in page' && viewport === 'desktop') await completeSetupViaApi(stack.server);
        const { page, close } = await openPage(stack.browser, { viewport: VIEWPORTS[viewport] });
        try {
          await page.goto(target.url());
          if (target.name === 'sign-in password step') await page.waitForURL((url) => url.pathname.startsWith('/interaction/'));
          await page.getByRole('heading').first().waitFor();
          await page.waitForFunction((re) => new RegExp(re, 'i').test(document.body.innerText), target.ready.source);
          await settle(page);
          const violations = await axeViolations(page);
          expect(violations).withContext(`axe on ${target.name} (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
          if (viewport === 'phone') {
            expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
          }
        } finally {
          await close();
        }
      });
    }
  }
});

// The signed-in pages, with the demo data (as `npm run demo` has them): the dashboard full of
// tiles, the console's catalog of sections and apps, and the account page.
describe('accessibility of the signed-in pages, with the demo data', () => {
  const stack = useDemoStack();
  let tracked: TrackedPage;

  beforeAll(async () => {
    tracked = await openPage(stack.browser);
    // The IT administrator: the one demo person who sees both the dashboard and the console.
    await signInToPortal(tracked.page, stack, stack.person('julien'), '/');
  }, 120_000);

  afterAll(async () => {
    await tracked?.close();
  });

  const pages = [
    { name: 'dashboard', path: '/', ready: 'row-section' },
    { name: 'dashboard search results', path: '/', ready: 'row-section', search: 'fi' },
    { name: 'console catalog', path: '/admin/apps', ready: 'catalog-app' },
    { name: 'console access requests', path: '/admin/access-requests', ready: 'requests-empty' },
    { name: 'account page', path: '/account', ready: 'session' },
  ];
  for (const target of pages) {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      it(`${target.name} has no axe violations and no sideways scroll at ${viewport} width`, async () => {
        const { page } = tracked;
        await page.setViewportSize(VIEWPORTS[viewport]);
        try {
          await page.goto(stack.url(target.path));
          await page.getByTestId(target.ready).first().waitFor({ timeout: 20_000 });
          if (target.search) {
            await page.getByTestId('app-search').fill(target.search);
            await page.getByTestId('app-search-results').waitFor();
          }
          await settle(page);
          const violations = await axeViolations(page);
          expect(violations).withContext(`axe on ${target.name} (${viewport}):\n${violations.join('\n')}\n`).toEqual([]);
          expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
        } finally {
          await page.setViewportSize(VIEWPORTS.desktop);
        }
      });
    }
  }
});
