/**
 * A preview of the Markdown subset the server renders (paragraphs, line breaks, **bold**,
 * *italic*, `code`, [links](https://…), lists), for the editor only: the text is escaped first, so
 * whatever was typed — HTML included — shows as text. The server's rendering is what readers see.
 */
export function previewMarkdown(text: string): string {
  const blocks = escapeHtml(text.replace(/\r\n?/g, '\n').trim()).split(/\n{2,}/).filter(Boolean);
  return blocks.map(block).join('\n');
}

function block(text: string): string {
  const lines = text.split('\n');
  if (lines.every((line) => /^\s*[-*+]\s+/.test(line))) {
    return `<ul>${lines.map((line) => `<li>${inline(line.replace(/^\s*[-*+]\s+/, ''))}</li>`).join('')}</ul>`;
  }
  if (lines.every((line) => /^\s*\d+[.)]\s+/.test(line))) {
    return `<ol>${lines.map((line) => `<li>${inline(line.replace(/^\s*\d+[.)]\s+/, ''))}</li>`).join('')}</ol>`;
  }
  return `<p>${lines.map(inline).join('<br>')}</p>`;
}

function inline(text: string): string {
  // Code spans first, so nothing inside them is read as emphasis or a link.
  return text
    .split(/(`[^`]+`)/)
    .map((part) => (/^`[^`]+`$/.test(part) ? `<code>${part.slice(1, -1)}</code>` : emphasis(part)))
    .join('');
}

function emphasis(text: string): string {
  return text
    .replace(/\[([^\]]+)\]\(((?:https?:|mailto:)[^\s)]+)\)/gi, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
    .replace(/(^|[^_\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
