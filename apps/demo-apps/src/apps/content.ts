import type { Lang } from '../core/definition';
import { escapeHtml } from '../core/http';

/** A titled card with a plain list: enough content for a demo app to look like one. */
export function listCard(title: string, items: readonly string[], testId: string): string {
  return `<section class="card" data-testid="${escapeHtml(testId)}"><h2>${escapeHtml(title)}</h2><ul class="items">${items
    .map((item) => `<li>${escapeHtml(item)}</li>`)
    .join('')}</ul></section>`;
}

export const pick = <T>(lang: Lang, texts: Record<Lang, T>): T => texts[lang];
