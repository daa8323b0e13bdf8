import { AdminRoutes } from '@passerelle/contracts';
import { readJson, usePortal } from '../../support/test-portal';

/** The admin API for apps answers nobody without an administrator's session. */
describe('App registry over HTTP (without a session)', () => {
  const portal = usePortal();

  it('answers 401 unauthorized on every route, before looking at the body', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', AdminRoutes.apps],
      ['POST', AdminRoutes.apps, { name: 'Wiki', redirectUris: ['https://wiki.example.com/cb'] }],
      ['POST', AdminRoutes.apps, { bogus: true }],
      ['GET', AdminRoutes.app('wiki-abc123')],
      ['POST', AdminRoutes.rotateAppSecret('wiki-abc123')],
      ['DELETE', AdminRoutes.app('wiki-abc123')],
    ];
    for (const [method, path, body] of calls) {
      const response = await fetch(portal.at(path), {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(response.status).withContext(`${method} ${path}`).toBe(401);
      expect((await readJson(response)).code).withContext(`${method} ${path}`).toBe('unauthorized');
    }
  });
});
