import { renderMarkdown } from './markdown';

describe('renderMarkdown (alert and announcement bodies)', () => {
  it('renders the small subset', () => {
    expect(renderMarkdown('**Bold** and *italic* and `code`')).toBe('<p><strong>Bold</strong> and <em>italic</em> and <code>code</code></p>');
    expect(renderMarkdown('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });

  it('shows HTML as text, never as markup', () => {
    const html = renderMarkdown('<script>alert(1)</script><img src=x onerror=alert(1)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });

  it('links only to https, http and mailto, in a new tab without an opener', () => {
    expect(renderMarkdown('[ok](https://crm.example/42)')).toBe('<p><a href="https://crm.example/42" target="_blank" rel="noopener noreferrer">ok</a></p>');
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('<a');
    expect(renderMarkdown('[x](data:text/html,hi)')).not.toContain('<a');
  });

  it('leaves headings and images as text', () => {
    expect(renderMarkdown('# Title')).toBe('<p># Title</p>');
    expect(renderMarkdown('![pic](https://x.example/a.png)')).not.toContain('<img');
  });
});
