import MarkdownIt from 'markdown-it';

/**
 * The small Markdown subset alerts and announcements may use: paragraphs, line breaks, **bold**,
 * *italic*, `code`, lists and links. Raw HTML is never passed through (it shows as text), links
 * go only to https, http or mailto, and every link opens in a new tab without an opener.
 */
const renderer = new MarkdownIt('zero', { html: false, linkify: false, breaks: true }).enable([
  'paragraph', 'newline', 'emphasis', 'backticks', 'link', 'list', 'escape', 'entity', 'text_join',
]);
renderer.validateLink = (url: string) => /^(https?:|mailto:)/i.test(url.trim());
const defaultLinkOpen = renderer.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
renderer.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  tokens[idx].attrSet('target', '_blank');
  tokens[idx].attrSet('rel', 'noopener noreferrer');
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/** Safe HTML for the subset above; anything else stays literal text. */
export function renderMarkdown(text: string): string {
  return renderer.render(text).trim();
}
