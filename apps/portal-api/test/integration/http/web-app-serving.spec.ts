import { readJson, usePortal } from '../../support/test-portal';

describe('Serving the web app on the same origin', () => {
  const portal = usePortal();

  for (const route of ['/', '/sign-in', '/setup', '/some/deep/client/route']) {
    it(`answers ${route} with the app's index.html so client-side routes survive a reload`, async () => {
      const response = await fetch(portal.at(route));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<psl-root');
    });
  }

  it('puts a fresh CSP nonce in the page and in the header, and allows no inline scripts', async () => {
    const first = await fetch(portal.at('/'));
    const second = await fetch(portal.at('/'));
    const nonceOf = async (response: Response) => /ngCspNonce="([^"]+)"/.exec(await response.text())?.[1];
    const [nonceA, nonceB] = [await nonceOf(first), await nonceOf(second)];
    expect(nonceA).toMatch(/^[A-Za-z0-9+/=]{20,}$/);
    expect(nonceA).not.toBe(nonceB);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`style-src 'self' 'nonce-${nonceA}'`);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('x-powered-by')).toBeNull();
  });

  it('serves built files, with long caching for hashed bundles', async () => {
    const response = await fetch(portal.at('/main-ABCDEFGH.js'));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('answers a missing file with 404 rather than the app page', async () => {
    const response = await fetch(portal.at('/main-MISSING1.js'));
    expect(response.status).toBe(404);
  });

  it('answers unknown API paths with a JSON 404, never the app page', async () => {
    for (const path of ['/api/nope', '/api', '/api/setup/unknown']) {
      const response = await fetch(portal.at(path));
      expect(response.status).withContext(path).toBe(404);
      const body = await readJson(response);
      expect(body.code).toBe('not_found');
      expect(body.message).toContain('There is nothing at GET');
    }
  });
});
