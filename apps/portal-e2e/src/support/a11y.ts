// Runs axe-core inside the page and returns its violations as readable text (empty when clean).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode { target: unknown[]; failureSummary?: string; html: string }
interface AxeViolation { id: string; impact?: string; help: string; helpUrl: string; nodes: AxeNode[] }

export async function axeViolations(page: Page): Promise<string[]> {
  // addScriptTag({content}) is an inline script, which the portal's CSP rightly blocks; a string given to
  // page.evaluate goes through the DevTools protocol and is not subject to the page's CSP.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  })) as AxeViolation[];
  return violations.map(
    (v) =>
      `[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
      v.nodes.map((n) => `    at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
  );
}
