import { alertDedupeKey, FEED_ITEMS_MAX, FeedFormatError, NOT_A_FEED, parseFeed, sha256 } from './feed-parser';
import { htmlToText, truncate } from './html-to-text';

const BASE = 'https://status.example.com/feed';

function rss(items: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  ${extra}
  <channel><title>Status</title><link>https://status.example.com/</link><description>Incidents</description>${items}</channel>
</rss>`;
}

function refusalOf(text: string): FeedFormatError {
  try {
    parseFeed(text, BASE);
  } catch (error) {
    if (error instanceof FeedFormatError) return error;
    throw error;
  }
  throw new Error('parsed');
}

const refusal = (text: string): string => refusalOf(text).message;

describe('feed parsing', () => {
  describe('RSS 2.0', () => {
    it('reads items in feed order: guid, title, plain-text description, link', () => {
      const feed = parseFeed(
        rss(`
          <item><title>Backup failed &amp; retried</title><link>https://status.example.com/incidents/42?a=1&amp;b=2</link>
            <guid isPermaLink="false">incident-42</guid><pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate>
            <description>&lt;p&gt;The &lt;b&gt;nightly&lt;/b&gt; backup failed.&lt;/p&gt;&lt;p&gt;It was retried.&lt;/p&gt;</description></item>
          <item><title>Maintenance</title><link>https://status.example.com/m/1</link><guid>https://status.example.com/m/1</guid>
            <description><![CDATA[<ul><li>Mail</li><li>Chat &amp; calls</li></ul>]]></description></item>`),
        BASE,
      );
      expect(feed.format).toBe('rss');
      expect(feed.items).toEqual([
        { key: 'incident-42', title: 'Backup failed & retried', body: 'The nightly backup failed.\n\nIt was retried.', link: 'https://status.example.com/incidents/42?a=1&b=2' },
        { key: 'https://status.example.com/m/1', title: 'Maintenance', body: '• Mail\n• Chat & calls', link: 'https://status.example.com/m/1' },
      ]);
    });

    it('uses content:encoded when there is no description, and a permalink guid when there is no link', () => {
      const [item] = parseFeed(rss(`<item><title>T</title><guid>https://blog.example.com/p/7</guid><content:encoded><![CDATA[<p>Full <i>text</i></p>]]></content:encoded></item>`), BASE).items;
      expect(item).toEqual({ key: 'https://blog.example.com/p/7', title: 'T', body: 'Full text', link: 'https://blog.example.com/p/7' });
    });

    it('keys an item without guid by its link, and one with neither by a hash of its title and date', () => {
      const items = parseFeed(
        rss(`<item><title>A</title><link>/relative/a</link></item>
             <item><title>B</title><pubDate>Tue, 08 Dec 2026 09:00:00 GMT</pubDate></item>`),
        BASE,
      ).items;
      expect(items[0]).toEqual({ key: 'https://status.example.com/relative/a', title: 'A', body: '', link: 'https://status.example.com/relative/a' });
      expect(items[1].key).toBe(`hash:${sha256('B\nTue, 08 Dec 2026 09:00:00 GMT')}`);
      expect(items[1].link).toBeNull();
    });

    it('reads RSS 1.0 (RDF) too', () => {
      const feed = parseFeed(
        `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <channel rdf:about="https://x.example.com/"><title>X</title></channel>
          <item rdf:about="https://x.example.com/1"><title>One</title><link>https://x.example.com/1</link><description>First</description></item>
        </rdf:RDF>`,
        BASE,
      );
      expect(feed.items).toEqual([{ key: 'https://x.example.com/1', title: 'One', body: 'First', link: 'https://x.example.com/1' }]);
    });

    it('accepts an empty channel', () => {
      expect(parseFeed(rss(''), BASE).items).toEqual([]);
    });
  });

  describe('Atom 1.0', () => {
    it('reads entries: id, text/html/xhtml titles and summaries, the alternate link', () => {
      const feed = parseFeed(
        `<?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>CRM</title><id>urn:crm</id><updated>2026-12-07T10:00:00Z</updated>
          <entry>
            <id>urn:crm:deal:42</id><title type="html">Deal &lt;em&gt;ACME&lt;/em&gt; won</title>
            <link rel="self" href="https://crm.example.com/api/42"/><link rel="alternate" href="https://crm.example.com/deals/42"/>
            <updated>2026-12-07T10:00:00Z</updated>
            <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Signed by <strong>Marie</strong>.</p><p>5 &lt; 6</p></div></summary>
          </entry>
          <entry>
            <id>urn:crm:deal:43</id><title>Plain &lt;title&gt;</title><link href="deals/43"/>
            <content type="html">&lt;p&gt;Text&lt;br/&gt;on two lines&lt;/p&gt;</content>
          </entry>
        </feed>`,
        BASE,
      );
      expect(feed.format).toBe('atom');
      expect(feed.items).toEqual([
        { key: 'urn:crm:deal:42', title: 'Deal ACME won', body: 'Signed by Marie.\n\n5 < 6', link: 'https://crm.example.com/deals/42' },
        // A text title is text: markup in it is shown as the characters it is.
        { key: 'urn:crm:deal:43', title: 'Plain <title>', body: 'Text\non two lines', link: 'https://status.example.com/deals/43' },
      ]);
    });
  });

  describe('JSON Feed 1.1', () => {
    it('reads items: id, title, summary or text or HTML content, url', () => {
      const feed = parseFeed(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'Builds',
          items: [
            { id: 'build-9', title: 'Build 9 failed', content_html: '<p>Step <code>test</code> failed</p><script>alert(1)</script>', url: 'https://ci.example.com/9' },
            { id: 8, content_text: 'A note without a title, long enough to be cut into a shorter title for the alert list', external_url: 'https://ci.example.com/8' },
            { id: 'x', title: 'Summary wins', summary: 'Short', content_text: 'Long', url: 'javascript:alert(1)' },
          ],
        }),
        BASE,
      );
      expect(feed.format).toBe('json');
      expect(feed.items[0]).toEqual({ key: 'build-9', title: 'Build 9 failed', body: 'Step test failed', link: 'https://ci.example.com/9' });
      expect(feed.items[1].key).toBe('8');
      expect(feed.items[1].title.length).toBeLessThanOrEqual(80);
      expect(feed.items[1].title).toMatch(/^A note without a title.*…$/);
      expect(feed.items[1].body).toContain('shorter title for the alert list');
      expect(feed.items[2]).toEqual({ key: 'x', title: 'Summary wins', body: 'Short', link: null });
    });

    it('refuses JSON that is not a JSON Feed', () => {
      expect(refusal('{"items": []}')).toBe(NOT_A_FEED);
      expect(refusal('{"version": "https://jsonfeed.org/version/1.1"}')).toBe(NOT_A_FEED);
      expect(refusal('{"version": ')).toBe(NOT_A_FEED);
    });
  });

  describe('garbage', () => {
    it('is refused with one sentence for administrators', () => {
      for (const text of ['', 'hello', '<html><body><p>Not a feed</p></body></html>', '<!DOCTYPE html><html><head><title>x</title></head></html>', '<rss', '\u0000\u0001binary', '[1, 2]']) {
        expect(refusal(text)).withContext(JSON.stringify(text)).toMatch(/^Not a valid RSS, Atom or JSON feed\./);
      }
    });
  });

  describe('XML entities (XXE, billion laughs)', () => {
    it('refuses a DOCTYPE that declares entities, external or internal', () => {
      const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>`;
      const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss version="2.0"><channel><item><title>&lol2;</title></item></channel></rss>`;
      expect(refusal(xxe)).toContain('declares XML entities');
      expect(refusalOf(xxe).problem).toEqual({ code: 'xml_entities', params: {} });
      expect(refusalOf(xxe).state).toBe('error');
      expect(refusal(laughs)).toContain('declares XML entities');
    });

    it('leaves an undeclared entity reference inert: never expanded, never read from disk', () => {
      const [item] = parseFeed(
        `<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><item><title>Hello &xxe; world</title><guid>1</guid></item></channel></rss>`,
        BASE,
      ).items;
      expect(item.title).toBe('Hello &xxe; world');
      expect(item.title).not.toContain('root:');
    });
  });

  describe('HTML in summaries', () => {
    it('never passes markup through: scripts, styles and comments go with their content, tags go, entities become characters', () => {
      const [item] = parseFeed(
        rss(`<item><guid>h</guid><title>&lt;img src=x onerror=alert(1)&gt;Title</title><description><![CDATA[
          <style>p { color: red }</style><!-- a comment --><script type="text/javascript">document.cookie</script>
          <p onclick="alert(1)">Caf&eacute; &amp; cr&egrave;me &#8212; <a href="javascript:alert(1)">link</a></p>
          <iframe src="https://evil.example.com/">fallback</iframe>&lt;script&gt;shown as text&lt;/script&gt;
        ]]></description></item>`),
        BASE,
      ).items;
      expect(item.title).toBe('Title');
      expect(item.body).toBe('Café & crème — link\n\n<script>shown as text</script>');
    });

    it('stops at a tag that never closes', () => {
      expect(htmlToText('<p>Before</p><script>never closed')).toBe('Before');
      expect(htmlToText('Before <a href="x')).toBe('Before');
      expect(htmlToText('1 < 2 and 3 > 2')).toBe('1 < 2 and 3 > 2');
    });

    it('takes linear time on hostile input', () => {
      const hostile = '<script>'.repeat(100_000) + '<a '.repeat(100_000) + '<!--'.repeat(50_000);
      const started = Date.now();
      htmlToText(hostile);
      expect(Date.now() - started).toBeLessThan(2_000);
    });
  });

  describe('limits', () => {
    it('reads at most the first 50 items and trims titles and bodies to the alerts’ limits', () => {
      const many = Array.from({ length: 60 }, (_, i) => `<item><guid>g${i}</guid><title>${'T'.repeat(300)}</title><description>${'word '.repeat(1000)}</description></item>`).join('');
      const items = parseFeed(rss(many), BASE).items;
      expect(items.length).toBe(FEED_ITEMS_MAX);
      expect(items.map((i) => i.key)).toEqual(Array.from({ length: 50 }, (_, i) => `g${i}`));
      expect(items[0].title.length).toBe(200);
      expect(items[0].body.length).toBeLessThanOrEqual(4000);
      expect(items[0].body.endsWith('…')).toBeTrue();
    });

    it('drops items with no text at all, and repeats of a key already listed', () => {
      const items = parseFeed(rss('<item><guid>empty</guid><description>  </description></item><item><guid>a</guid><title>A</title></item><item><guid>a</guid><title>A again</title></item>'), BASE).items;
      expect(items).toEqual([{ key: 'a', title: 'A', body: '', link: null }]);
    });

    it('keeps only http(s) links', () => {
      const items = parseFeed(
        rss(`<item><guid>1</guid><title>a</title><link>javascript:alert(1)</link></item>
             <item><guid>2</guid><title>b</title><link>data:text/html,x</link></item>
             <item><guid>3</guid><title>c</title><link>http://intranet.example.com/x</link></item>`),
        BASE,
      ).items;
      expect(items.map((i) => i.link)).toEqual([null, null, 'http://intranet.example.com/x']);
    });

    it('turns an item key into a dedupe key within the alerts API’s 200 characters', () => {
      expect(alertDedupeKey('incident-42')).toBe('feed:incident-42');
      const long = 'https://x.example.com/' + 'a'.repeat(300);
      expect(alertDedupeKey(long)).toBe(`feed:sha256:${sha256(long)}`);
      expect(alertDedupeKey(long).length).toBeLessThanOrEqual(200);
    });

    it('cuts text at a word boundary with an ellipsis', () => {
      expect(truncate('short', 10)).toBe('short');
      expect(truncate('one two three four', 16)).toBe('one two three…');
      expect(truncate('abcdefghij', 5)).toBe('abcd…');
    });
  });
});
