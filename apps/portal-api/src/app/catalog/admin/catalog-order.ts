import type { CatalogOrder } from '@passerelle/contracts';

/**
 * Problems with a new catalog order, by field (empty when it can be applied): every section
 * exactly once, each app at most once, no unknown ids. Checked whole so a bad order changes nothing.
 */
export function orderProblems(order: CatalogOrder, sectionIds: string[], appIds: string[]): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const knownSections = new Set(sectionIds);
  const knownApps = new Set(appIds);
  const given = order.sections.map((s) => s.id);
  const unknownSections = given.filter((id) => !knownSections.has(id));
  const missing = sectionIds.filter((id) => !given.includes(id));
  const twice = given.filter((id, i) => given.indexOf(id) !== i);
  const sectionMessages: string[] = [];
  if (unknownSections.length) sectionMessages.push(`Unknown section ids: ${quoteList(unknownSections)}.`);
  if (missing.length) sectionMessages.push(`List every section: ${quoteList(missing)} ${missing.length === 1 ? 'is' : 'are'} missing.`);
  if (twice.length) sectionMessages.push(`List each section once: ${quoteList([...new Set(twice)])} ${twice.length === 1 ? 'appears' : 'appear'} more than once.`);
  if (sectionMessages.length) problems['sections'] = sectionMessages;

  const apps = [...order.sections.flatMap((s) => s.appIds), ...(order.unsectioned ?? [])];
  const unknownApps = apps.filter((id) => !knownApps.has(id));
  const repeated = apps.filter((id, i) => apps.indexOf(id) !== i);
  const appMessages: string[] = [];
  if (unknownApps.length) appMessages.push(`Unknown app ids: ${quoteList([...new Set(unknownApps)])}.`);
  if (repeated.length) appMessages.push(`List each app once: ${quoteList([...new Set(repeated)])} ${repeated.length === 1 ? 'appears' : 'appear'} more than once.`);
  if (appMessages.length) problems['appIds'] = appMessages;
  return problems;
}

function quoteList(ids: string[]): string {
  const shown = ids.slice(0, 5).map((id) => `"${id}"`).join(', ');
  return ids.length > 5 ? `${shown}…` : shown;
}
