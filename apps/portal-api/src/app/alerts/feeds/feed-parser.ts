import { ALERT_LIMITS } from '@passerelle/contracts';
import { decodeXML } from 'entities';
import { XMLParser } from 'fast-xml-parser';
import { createHash } from 'node:crypto';
import { FeedProblemError } from './feed-problem';
import { htmlToText, oneLine, tidy, truncate } from './html-to-text';

/** Items read from one response: the newest ones when a feed lists more. */
export const FEED_ITEMS_MAX = 50;
/** A title made from the body when an item has none (JSON Feed allows that). */
const DERIVED_TITLE_MAX = 80;

export const NOT_A_FEED = 'Not a valid RSS, Atom or JSON feed.';

/** One item, ready to become an alert: plain text only, an http(s) link or none. */
export interface FeedItem {
  /** The item's identity in its feed: guid/id, else link, else a hash of title and date. */
  key: string;
  title: string;
  body: string;
  link: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'json';
  /** In the feed's order (usually newest first), at most FEED_ITEMS_MAX. */
  items: FeedItem[];
}

/** The response is not a feed Passerelle reads. */
export class FeedFormatError extends FeedProblemError {
  constructor(code: 'not_a_feed' | 'xml_entities' = 'not_a_feed', message = NOT_A_FEED) {
    super('error', code, message);
  }
}

type XmlNode = Record<string, unknown>;

/**
 * Entities are never expanded (the five XML ones and character references are decoded by us,
 * afterwards), so a DOCTYPE cannot define any; one that tries is refused outright. Fields that hold
 * markup are kept raw (stop nodes) and turned into text here.
 */
const xml = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: true,
  trimValues: true,
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
  stopNodes: ['*.title', '*.description', '*.summary', '*.content', '*.encoded'],
});

/** Reads an RSS 2.0 (or 1.0), Atom 1.0 or JSON Feed 1.x document. Relative links resolve against `baseUrl`. */
export function parseFeed(text: string, baseUrl: string): ParsedFeed {
  const body = text.replace(/^\uFEFF/, '').trimStart();
  if (body.startsWith('{')) return parseJsonFeed(body, baseUrl);
  if (!body.startsWith('<')) throw new FeedFormatError();
  // XXE and "billion laughs" need entity declarations: a feed never has a reason to declare any.
  if (/<!ENTITY/i.test(body) || /<!DOCTYPE[^>[]*\[/i.test(body)) {
    throw new FeedFormatError('xml_entities', `${NOT_A_FEED} It declares XML entities (DOCTYPE), which Passerelle refuses.`);
  }
  let document: XmlNode;
  try {
    document = xml.parse(body) as XmlNode;
  } catch {
    throw new FeedFormatError();
  }
  const rss = node(document['rss']);
  if (rss) return { format: 'rss', items: rssItems(list(node(rss['channel'])?.['item']), baseUrl) };
  const rdf = node(document['RDF']);
  if (rdf) return { format: 'rss', items: rssItems(list(rdf['item'] ?? node(rdf['channel'])?.['item']), baseUrl) };
  const atom = node(document['feed']);
  if (atom) return { format: 'atom', items: atomItems(list(atom['entry']), baseUrl) };
  throw new FeedFormatError();
}

/** The dedupe key an item's alert carries (the alerts API takes at most 200 characters). */
export function alertDedupeKey(itemKey: string): string {
  return itemKey.length <= ALERT_LIMITS.dedupeKeyMax - 5 ? `feed:${itemKey}` : `feed:sha256:${sha256(itemKey)}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ── RSS ───────────────────────────────────────────────────────────────────────────────────────────

function rssItems(items: unknown[], baseUrl: string): FeedItem[] {
  return complete(
    items.slice(0, FEED_ITEMS_MAX).map((raw) => {
      const item = node(raw) ?? {};
      const guid = item['guid'];
      const guidText = oneLine(xmlText(guid));
      // A guid is a permalink unless it says otherwise — when it is a full URL.
      const permalink = node(guid)?.['@_isPermaLink'] !== 'false' && /^https?:\/\//i.test(guidText) ? safeLink(guidText, baseUrl) : null;
      const link = safeLink(rssLink(item['link']), baseUrl) ?? permalink;
      return {
        id: guidText,
        link,
        // RSS titles are plain text in theory and escaped HTML in practice.
        title: oneLine(htmlToText(xmlText(item['title']))),
        body: htmlToText(xmlText(item['description'] ?? item['encoded'])),
        date: oneLine(xmlText(item['pubDate'] ?? item['date'])),
      };
    }),
  );
}

/** `<link>` text; an `<atom:link href>` inside an item counts too. */
function rssLink(links: unknown): string {
  for (const link of list(links)) {
    const text = xmlText(link);
    if (text) return text;
    const href = node(link)?.['@_href'];
    if (typeof href === 'string') return decodeXML(href);
  }
  return '';
}

// ── Atom ──────────────────────────────────────────────────────────────────────────────────────────

function atomItems(entries: unknown[], baseUrl: string): FeedItem[] {
  return complete(
    entries.slice(0, FEED_ITEMS_MAX).map((raw) => {
      const entry = node(raw) ?? {};
      const content = node(entry['content']);
      // Content fetched from elsewhere (`src`) is not read.
      const body = entry['summary'] ?? (content?.['@_src'] === undefined ? entry['content'] : undefined);
      return {
        id: oneLine(xmlText(entry['id'])),
        link: safeLink(atomLink(entry['link']), baseUrl),
        title: oneLine(atomText(entry['title'])),
        body: atomText(body),
        date: oneLine(xmlText(entry['updated'] ?? entry['published'])),
      };
    }),
  );
}

function atomLink(links: unknown): string {
  const candidates = list(links).map(node).filter((link): link is XmlNode => !!link);
  const alternate = candidates.find((link) => (link['@_rel'] ?? 'alternate') === 'alternate') ?? candidates[0];
  const href = alternate?.['@_href'];
  return typeof href === 'string' ? decodeXML(href) : '';
}

/** Atom text constructs: `text` (default), `html` (escaped markup) or `xhtml` (inline markup). */
function atomText(value: unknown): string {
  const type = node(value)?.['@_type'];
  if (type === 'html' || type === 'text/html') return htmlToText(xmlText(value));
  if (type === 'xhtml' || type === 'application/xhtml+xml') return htmlToText(rawOf(value));
  return tidy(xmlText(value));
}

// ── JSON Feed ─────────────────────────────────────────────────────────────────────────────────────

function parseJsonFeed(text: string, baseUrl: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new FeedFormatError();
  }
  const feed = isRecord(document) ? document : undefined;
  if (!feed || typeof feed['version'] !== 'string' || !feed['version'].startsWith('https://jsonfeed.org/version/1') || !Array.isArray(feed['items'])) {
    throw new FeedFormatError();
  }
  const items = (feed['items'] as unknown[]).slice(0, FEED_ITEMS_MAX).map((raw) => {
    const item = isRecord(raw) ? raw : {};
    const id = item['id'];
    const html = str(item['content_html']);
    return {
      id: typeof id === 'string' || typeof id === 'number' ? oneLine(String(id)) : '',
      link: safeLink(str(item['url']) || str(item['external_url']), baseUrl),
      title: oneLine(str(item['title'])),
      body: str(item['summary']) ? tidy(str(item['summary'])) : str(item['content_text']) ? tidy(str(item['content_text'])) : htmlToText(html),
      date: oneLine(str(item['date_published']) || str(item['date_modified'])),
    };
  });
  return { format: 'json', items: complete(items) };
}

// ── common ────────────────────────────────────────────────────────────────────────────────────────

interface RawItem {
  id: string;
  link: string | null;
  title: string;
  body: string;
  date: string;
}

/**
 * Titles and bodies within the alerts' limits, a title from the body when there is none, a key for
 * each; items with no text at all are dropped, and so is a repeat of a key already listed.
 */
function complete(items: RawItem[]): FeedItem[] {
  const seen = new Set<string>();
  const result: FeedItem[] = [];
  for (const item of items) {
    const title = item.title ? truncate(item.title, ALERT_LIMITS.titleMax) : truncate(oneLine(item.body), DERIVED_TITLE_MAX);
    if (!title) continue;
    const key = item.id || item.link || `hash:${sha256(`${title}\n${item.date}`)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // A body that the title already says whole is not repeated.
    const body = item.body === title ? '' : truncate(item.body, ALERT_LIMITS.bodyMax);
    result.push({ key, title, body, link: item.link });
  }
  return result;
}

/** http and https links only, resolved against the feed's URL, within the alerts' length limit. */
export function safeLink(raw: string, baseUrl: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text, baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= ALERT_LIMITS.linkMax ? url.href : null;
  } catch {
    return null;
  }
}

/** The text of an element: CDATA sections verbatim, the rest with XML references decoded. */
function xmlText(value: unknown): string {
  return rawOf(value)
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part) => (part.startsWith('<![CDATA[') ? part.slice(9, -3) : decodeXML(part)))
    .join('');
}

/** An element's raw content as the parser kept it (a string, or `#text` beside attributes). */
function rawOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  const text = node(value)?.['#text'];
  return typeof text === 'string' || typeof text === 'number' ? String(text) : '';
}

function node(value: unknown): XmlNode | undefined {
  return isRecord(value) ? value : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
