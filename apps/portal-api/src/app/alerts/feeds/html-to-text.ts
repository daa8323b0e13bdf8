import { decodeHTML } from 'entities';

/** Elements whose content is never text a person reads. */
const INVISIBLE = new Set(['script', 'style', 'head', 'template', 'noscript', 'iframe', 'object', 'svg', 'math', 'title', 'textarea', 'select']);
/** Elements that end a paragraph when rendered. */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'aside', 'header', 'footer', 'nav', 'main', 'blockquote', 'pre', 'table', 'tr', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'hr', 'address', 'details', 'summary',
]);
const TAG_NAME = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;

/**
 * Feed summaries are HTML; alerts carry plain text. This keeps the words and the line structure
 * (paragraphs, line breaks, list items) and drops everything else: tags, comments, and scripts,
 * styles and the like with their content. The result is text, never markup — `&lt;script&gt;`
 * comes out as the literal characters, which the alerts renderer shows as text.
 *
 * One pass from left to right (no backtracking regular expressions), so a hostile summary full of
 * unclosed tags costs linear time.
 */
export function htmlToText(html: string): string {
  // ASCII-only lower case keeps every index the same as in `html` (toLowerCase may not: "İ").
  const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
  const out: string[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(spaces(html.slice(i)));
      break;
    }
    out.push(spaces(html.slice(i, lt)));
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      // Declarations, CDATA markers and processing instructions: HTML treats them as comments.
      const end = html.indexOf('>', lt);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    TAG_NAME.lastIndex = lt;
    const match = TAG_NAME.exec(html);
    if (!match) {
      // A lone "<" (as in "1 < 2") is text.
      out.push('<');
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, TAG_NAME.lastIndex);
    // A tag that never closes hides the rest, as it would in a browser.
    if (end < 0) break;
    const closing = match[1] === '/';
    const name = match[2].toLowerCase();
    i = end + 1;
    if (!closing && INVISIBLE.has(name) && html[end - 1] !== '/') {
      const close = lower.indexOf(`</${name}`, i);
      const closeEnd = close < 0 ? -1 : html.indexOf('>', close);
      i = closeEnd < 0 ? html.length : closeEnd + 1;
      continue;
    }
    if (name === 'br') out.push('\n');
    else if (name === 'li' && !closing) out.push('\n• ');
    else if (BLOCK.has(name)) out.push('\n\n');
    else if (name === 'td' || name === 'th') out.push(' ');
  }
  return tidy(decodeHTML(out.join('')));
}

/** Index of the `>` that ends a tag whose attributes start at `from` (quoted values may hold `>`), or -1. */
function tagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Source whitespace is layout, not content: any run of it is one space. */
function spaces(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Trims each line, keeps at most one blank line between paragraphs, and drops control characters. */
export function tidy(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/\u00a0/g, ' ')
      .split('\n')
      .map((line) => line.replace(/[ \t]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

/** One line: any whitespace run (line breaks included) becomes one space. */
export function oneLine(text: string): string {
  return tidy(text).replace(/\s+/g, ' ');
}

/** At most `max` characters, cut at a word boundary when one is near, ending with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
