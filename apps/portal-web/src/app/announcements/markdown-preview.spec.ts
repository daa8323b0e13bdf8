import { previewMarkdown } from './markdown-preview';

describe('previewMarkdown (the editor’s preview)', () => {
  it('renders the subset: paragraphs, line breaks, bold, italic, code, links and lists', () => {
    expect(previewMarkdown('Hello **team**\nand *all*.\n\nSee `npm start` and [the plan](https://intranet.test/plan).')).toBe(
      '<p>Hello <strong>team</strong><br>and <em>all</em>.</p>\n<p>See <code>npm start</code> and <a href="https://intranet.test/plan" target="_blank" rel="noopener noreferrer">the plan</a>.</p>',
    );
    expect(previewMarkdown('- one\n- two')).toBe('<ul><li>one</li><li>two</li></ul>');
    expect(previewMarkdown('1. first\n2. second')).toBe('<ol><li>first</li><li>second</li></ol>');
  });

  it('shows HTML as text and makes no link of other schemes', () => {
    const html = previewMarkdown('<script>alert(1)</script> <img src=x onerror="alert(2)"> [x](javascript:alert(3))');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is empty for blank text', () => {
    expect(previewMarkdown('  \n ')).toBe('');
  });
});
