import { ApiRoutes, type InstanceInfo, WebRoutes } from '@passerelle/contracts';
import { errorsMatching, openPage, screenshots, settle } from './support/browser';
import { completeSetupViaApi } from './support/server';
import { useFreshStack } from './support/stack';

/** Parses a CSP header into directive → sources. */
function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

describe('security headers and CSP', () => {
  const stack = useFreshStack();

  it('sends a Content-Security-Policy on / whose script-src does not allow inline scripts', async () => {
    const res = await fetch(stack.url(WebRoutes.home));
    expect(res.status).toBe(200);
    const header = res.headers.get('content-security-policy');
    expect(header).withContext('content-security-policy header').toBeTruthy();
    const csp = parseCsp(header ?? '');
    const scriptSrc = csp.get('script-src') ?? csp.get('default-src');
    expect(scriptSrc).withContext(`script-src (or default-src) in: ${header}`).toBeDefined();
    expect(scriptSrc ?? []).not.toContain("'unsafe-inline'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('loads the first screen without CSP violations or other console errors', async () => {
    const { page, errors, close } = await openPage(stack.browser);
    try {
      await page.goto(stack.url(WebRoutes.home));
      await page.getByRole('heading').first().waitFor();
      await settle(page);
      await screenshots(page, 'security-first-load');
      const cspErrors = errorsMatching(errors, /content security policy|content-security-policy|refused to/i);
      expect(cspErrors).withContext(`CSP errors:\n${cspErrors.join('\n')}\n`).toEqual([]);
      expect(errors).withContext(`console errors:\n${errors.join('\n')}\n`).toEqual([]);
    } finally {
      await close();
    }
  });

  // The sign-in password step (reached through /sign-in) and the reset page, on an installed portal.
  const pages = [
    { name: 'sign-in password step', path: '/sign-in?returnTo=%2F', at: /^\/interaction\//, ready: '#interaction-email' },
    { name: 'reset-password page', path: '/reset-password', at: /^\/reset-password$/, ready: '[data-testid="reset-request"]' },
  ];
  for (const target of pages) {
    it(`loads the ${target.name} without CSP violations`, async () => {
      const instance = (await (await fetch(stack.url(ApiRoutes.instance))).json()) as InstanceInfo;
      if (instance.setupRequired) await completeSetupViaApi(stack.server);
      const { page, errors, close } = await openPage(stack.browser);
      try {
        await page.goto(stack.url(target.path));
        await page.waitForURL((url) => target.at.test(url.pathname));
        await page.locator(target.ready).waitFor();
        await settle(page);
        const cspErrors = errorsMatching(errors, /content security policy|content-security-policy|refused to/i);
        expect(cspErrors).withContext(`CSP errors:\n${cspErrors.join('\n')}\n`).toEqual([]);
      } finally {
        await close();
      }
    });
  }
});
