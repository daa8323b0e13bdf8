import { AppVisibilities, CATALOG_LIMITS, type CatalogAppInput, type CatalogAppUpdate } from '@passerelle/contracts';
import { uriProblem } from '../../identity/clients/client-uris';

/** Most groups one app may be shown to. */
export const APP_GROUPS_MAX = 200;
/** Longest feed URL (as long as any other URL of an app). */
export const FEED_URL_MAX = 2000;

/**
 * Per-field problems of an app's own fields (empty when all is well); whether the client, section
 * and groups exist is checked against the database by CatalogAdminService. `partial`: an update,
 * where absent fields stay as they are. Shared by the HTTP API and the CLI.
 */
export function appInputProblems(input: CatalogAppUpdate, { partial }: { partial: boolean }): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: keyof CatalogAppInput, message: string | undefined) => {
    if (message) problems[field] = [message];
  };
  if (!partial || input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    add('name', name.length < 1 || name.length > CATALOG_LIMITS.nameMax ? `Enter a name of 1 to ${CATALOG_LIMITS.nameMax} characters.` : undefined);
  }
  if (input.description !== undefined) {
    const ok = typeof input.description === 'string' && input.description.trim().length <= CATALOG_LIMITS.descriptionMax;
    add('description', ok ? undefined : `Use at most ${CATALOG_LIMITS.descriptionMax} characters.`);
  }
  if (!partial || input.launchUrl !== undefined) add('launchUrl', uriProblem(input.launchUrl));
  // Unlike the OIDC client's copy, the tile's login URL may be http on localhost (development).
  if (input.initiateLoginUri !== undefined && input.initiateLoginUri !== null) add('initiateLoginUri', uriProblem(input.initiateLoginUri));
  if (input.healthUrl !== undefined && input.healthUrl !== null) add('healthUrl', uriProblem(input.healthUrl));
  if (input.feedUrl !== undefined && input.feedUrl !== null && input.feedUrl !== '') add('feedUrl', feedUrlProblem(input.feedUrl));
  if (input.visibility !== undefined && !(AppVisibilities as readonly unknown[]).includes(input.visibility)) {
    add('visibility', `Choose ${AppVisibilities.join(', ')}.`);
  }
  if (input.groupIds !== undefined) {
    const ids: unknown = input.groupIds;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) add('groupIds', 'Enter a list of group ids.');
    else if (ids.length > APP_GROUPS_MAX) add('groupIds', `Choose at most ${APP_GROUPS_MAX} groups.`);
  }
  if (input.clientId !== undefined && input.clientId !== null && (typeof input.clientId !== 'string' || !input.clientId)) add('clientId', 'Enter a client id, or null for a plain link.');
  if (input.sectionId !== undefined && input.sectionId !== null && (typeof input.sectionId !== 'string' || !input.sectionId)) add('sectionId', 'Enter a section id, or null for no section.');
  if (input.requestable !== undefined && typeof input.requestable !== 'boolean') add('requestable', 'Answer true or false.');
  return problems;
}

/**
 * A feed URL: absolute http or https, no more than FEED_URL_MAX characters. Unlike the app's other
 * URLs, plain http is fine anywhere (a feed is only read); where it may point — not into the
 * private network — is checked at every poll, when the name is resolved.
 */
export function feedUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'Enter the feed URL as text, or null for none.';
  if (value.length > FEED_URL_MAX) return `Use at most ${FEED_URL_MAX} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter a full URL, like https://status.example.com/feed.xml.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'A feed URL starts with https:// or http://.';
  if (!url.hostname) return 'Enter a full URL, like https://status.example.com/feed.xml.';
  return undefined;
}

/** Per-field problems of a section name. */
export function sectionNameProblem(name: unknown): string | undefined {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed.length < 1 || trimmed.length > CATALOG_LIMITS.sectionNameMax ? `Enter a section name of 1 to ${CATALOG_LIMITS.sectionNameMax} characters.` : undefined;
}
