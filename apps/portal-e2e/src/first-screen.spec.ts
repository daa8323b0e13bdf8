import { WebRoutes } from '@passerelle/contracts';
import { VIEWPORTS, openPage, screenshots, settle, waitForText } from './support/browser';
import { horizontalOverflow, useFreshStack } from './support/stack';

// What someone sees when they open a brand-new installation.
describe('first screen of a new installation', () => {
  const stack = useFreshStack();
  // How fast it renders is measured by `npm run bench -- startup`, not asserted here.
  it('renders a heading and explains that setup is needed', async () => {
    const { page, close } = await openPage(stack.browser);
    try {
      const response = await page.goto(stack.url(WebRoutes.home));
      expect(response?.status()).toBe(200);
      await page.getByRole('heading').first().waitFor({ state: 'visible' });
      await waitForText(page, /set ?up/i);
      expect(await page.title()).withContext('document title').not.toBe('');
      await screenshots(page, 'first-screen');
    } finally {
      await close();
    }
  });

  it('does not scroll sideways on a 390 px wide phone', async () => {
    const { page, close } = await openPage(stack.browser, { viewport: VIEWPORTS.phone });
    try {
      await page.goto(stack.url(WebRoutes.home));
      await page.getByRole('heading').first().waitFor();
      await settle(page);
      expect(await horizontalOverflow(page)).withContext('scrollWidth − innerWidth (px)').toBeLessThanOrEqual(0);
    } finally {
      await close();
    }
  });
});
