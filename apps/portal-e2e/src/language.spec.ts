import { WebRoutes } from '@passerelle/contracts';
import type { Page } from 'playwright-core';
import { openPage, screenshots, settle, visibleText } from './support/browser';
import { useFreshStack } from './support/stack';

// Small, common words are a robust tell of the language without depending on exact copy.
const FRENCH = /\b(le|la|les|des|du|votre|vos|pour|est|une|et)\b/i;
const ENGLISH = /\b(the|your|to|and|is|of|for)\b/i;

/** Uses whatever language switcher the page offers: a select, a button/link/radio, or a menu. */
async function switchToEnglish(page: Page): Promise<void> {
  const select = page.getByRole('combobox', { name: /lang/i });
  if (await select.count()) {
    const options = await select.first().locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
    const en = options.find((o) => /^en\b/i.test(o.value) || /english/i.test(o.label));
    if (!en) throw new Error(`language select has no English option: ${JSON.stringify(options)}`);
    await select.first().selectOption(en.value);
    return;
  }
  const direct = page.getByRole('button', { name: /english|^\s*en\s*$/i })
    .or(page.getByRole('link', { name: /english|^\s*en\s*$/i }))
    .or(page.getByRole('radio', { name: /english|^\s*en\s*$/i }))
    .or(page.getByRole('menuitem', { name: /english|^\s*en\s*$/i }))
    .or(page.getByRole('menuitemradio', { name: /english|^\s*en\s*$/i }));
  if (!(await direct.count())) {
    // Perhaps a menu button ("Langue", "Français") that reveals the choices.
    const opener = page.getByRole('button', { name: /langue|language|fran[cç]ais|^\s*fr\s*$/i });
    if (!(await opener.count())) throw new Error(`no language switcher found; page shows: ${(await visibleText(page)).slice(0, 300)}`);
    await opener.first().click();
  }
  await direct.first().click();
}

describe('language', () => {
  const stack = useFreshStack();

  it('follows a French browser, and the switcher changes to English without a reload', async () => {
    const { page, close } = await openPage(stack.browser, { locale: 'fr-FR' });
    try {
      await page.goto(stack.url(WebRoutes.home));
      await page.getByRole('heading').first().waitFor();
      await settle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^fr/);
      const french = await visibleText(page);
      expect(french).withContext('first screen for a French browser').toMatch(FRENCH);
      await screenshots(page, 'language-fr');

      // A marker on window survives client-side changes but not a reload.
      await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
      await switchToEnglish(page);
      await page.waitForFunction(() => document.documentElement.lang.startsWith('en'), undefined, { timeout: 5_000 });
      await settle(page);
      const english = await visibleText(page);
      expect(english).withContext('after switching to English').toMatch(ENGLISH);
      expect(english).withContext('after switching to English').not.toMatch(/\b(votre|vos|pour|des|une)\b/i);
      expect(english).not.toBe(french);
      expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).withContext('page was reloaded').toBeTrue();
      await screenshots(page, 'language-en');
    } finally {
      await close();
    }
  });
});
