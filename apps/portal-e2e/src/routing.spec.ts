import { WebRoutes } from '@passerelle/contracts';
import { openPage, screenshots, visibleText, waitForText } from './support/browser';
import { completeSetupViaApi } from './support/server';
import { useFreshStack } from './support/stack';

const NOT_FOUND = /not found|doesn.t exist|does not exist|no such page|404/i;

// The server must hand index.html to every client-side route, and keep /api answers JSON.
describe('client-side routes served by the API', () => {
  const stack = useFreshStack();
  beforeAll(() => completeSetupViaApi(stack.server), 30_000);

  it('renders the sign-in page when /sign-in is opened directly (deep link or reload)', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      const response = await page.goto(stack.url(WebRoutes.signIn));
      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { name: /sign in|log in/i }).first().waitFor();
      expect(await visibleText(page)).not.toMatch(NOT_FOUND);
      await screenshots(page, 'sign-in');
    } finally {
      await close();
    }
  });

  it('renders the app\'s not-found page, with HTTP 200 for index.html, for an unknown path', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      const response = await page.goto(stack.url('/does/not/exist'));
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toMatch(/text\/html/);
      await page.getByRole('heading').first().waitFor();
      await waitForText(page, NOT_FOUND);
      await screenshots(page, 'not-found');
    } finally {
      await close();
    }
  });

  for (const accept of ['application/json', 'text/html']) {
    it(`answers an unknown /api path with a JSON 404, even for Accept: ${accept}`, async () => {
      const res = await fetch(stack.url('/api/nope'), { headers: { accept } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { statusCode?: number; code?: string };
      expect(body.statusCode).toBe(404);
      expect(body.code).toBe('not_found');
    });
  }
});
