import { alertSender, alertTo, myAlerts, posted, type AlertSender } from '../../support/alerts';
import { signedInBrowser } from '../../support/catalog-rows';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * An alert's body is plain text or a small Markdown subset. What reaches the dashboard as
 * `bodyHtml` can be bound as HTML: no script, no event handler, no javascript: or data: link —
 * whatever an app (or someone who took over an app) sends.
 */
describe('Alert body sanitising', () => {
  const portal = usePortal();
  let sender: AlertSender;
  let person: Person;
  let browser: Browser;

  beforeAll(async () => {
    sender = await alertSender(portal);
    person = await createPerson(portal.app);
    browser = (await signedInBrowser(portal.url, person)).browser;
  });

  async function bodyHtmlOf(body: string): Promise<{ body: string; bodyHtml: string }> {
    const { id } = await posted(sender.post(alertTo([person.email], { body })));
    const view = (await myAlerts(browser)).items.find((a) => a.id === id);
    if (!view) throw new Error('the alert is not in the list');
    return view;
  }

  /** Every tag in the HTML, with its name and attributes as a browser would parse them (roughly). */
  function tagsOf(html: string): Array<{ name: string; attributes: string }> {
    return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1].toLowerCase(), attributes: m[2] }));
  }

  /** What may never be in bodyHtml: a tag that runs or loads something, an on* attribute, a link that is not http(s)/mailto. */
  function expectInert(html: string): void {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/href\s*=\s*["']?\s*(javascript|data|vbscript):/i);
    for (const tag of tagsOf(html)) {
      expect(['p', 'br', 'strong', 'em', 'code', 'a', 'ul', 'ol', 'li']).withContext(`<${tag.name}${tag.attributes}> in ${html}`).toContain(tag.name);
      const href = /href="([^"]*)"/.exec(tag.attributes)?.[1];
      if (href !== undefined) expect(href).toMatch(/^(https?:|mailto:)/);
      const names = [...tag.attributes.matchAll(/\s([a-zA-Z-]+)=/g)].map((m) => m[1].toLowerCase());
      for (const name of names) expect(['href', 'target', 'rel']).withContext(`attribute ${name} on <${tag.name}>`).toContain(name);
    }
  }

  it('shows a <script> as text and never as a tag', async () => {
    const view = await bodyHtmlOf('Hello <script>alert(1)</script> there');
    expectInert(view.bodyHtml);
    expect(view.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The plain body is kept as sent (the dashboard shows it as text).
    expect(view.body).toBe('Hello <script>alert(1)</script> there');
  });

  it('drops javascript: links, in any spelling', async () => {
    for (const body of ['[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](&#106;avascript:alert(1))', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', '<a href="javascript:alert(1)">x</a>', '<javascript:alert(1)>']) {
      const view = await bodyHtmlOf(body);
      expectInert(view.bodyHtml);
      expect(view.bodyHtml).withContext(body).not.toContain('<a ');
    }
  });

  it('shows <img onerror> and other raw HTML as text', async () => {
    for (const body of ['<img src=x onerror=alert(1)>', '<svg onload=alert(1)>', '<iframe src="https://evil.example"></iframe>', '<p onclick="alert(1)">hi</p>']) {
      const view = await bodyHtmlOf(body);
      expectInert(view.bodyHtml);
      expect(tagsOf(view.bodyHtml).map((t) => t.name)).withContext(body).toEqual(['p', 'p']);
      expect(view.bodyHtml).withContext(body).toContain('&lt;');
    }
    // Markdown images are not in the subset: at most a link to the picture, never an <img>.
    const image = await bodyHtmlOf('![pic](https://evil.example/x.png)');
    expectInert(image.bodyHtml);
    expect(image.bodyHtml).not.toContain('<img');
  });

  it('renders the Markdown subset: **bold**, *italic*, `code`, lists, https links that open safely, line breaks', async () => {
    const view = await bodyHtmlOf('**Deal 42** needs *you*: run `approve`\nthen see [the deal](https://crm.example.com/deals/42)\n\n- one\n- two');
    expectInert(view.bodyHtml);
    expect(view.bodyHtml).toContain('<strong>Deal 42</strong>');
    expect(view.bodyHtml).toContain('<em>you</em>');
    expect(view.bodyHtml).toContain('<code>approve</code>');
    expect(view.bodyHtml).toContain('<br>');
    expect(view.bodyHtml).toContain('<a href="https://crm.example.com/deals/42" target="_blank" rel="noopener noreferrer">the deal</a>');
    expect(view.bodyHtml).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });

  it('escapes HTML inside Markdown too', async () => {
    const view = await bodyHtmlOf('**<b onmouseover=alert(1)>x</b>** and `<script>`');
    expectInert(view.bodyHtml);
    expect(view.bodyHtml).toContain('<strong>&lt;b onmouseover=alert(1)&gt;x&lt;/b&gt;</strong>');
    expect(view.bodyHtml).toContain('<code>&lt;script&gt;</code>');
  });
});
