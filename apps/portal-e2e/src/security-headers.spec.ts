import { WebRoutes } from '@passerelle/contracts';
import { errorsMatching, openPage, screenshots, settle } from './support/browser';
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
});
