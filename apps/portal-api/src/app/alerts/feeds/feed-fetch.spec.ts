import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { EMPTY_ALLOW_LIST, parseAllowList, type AllowList } from '../../../infra/net/address-guard';
import { decodeText, fetchFeed, FeedFetchError, type FeedRequest, type FeedResponse, type Resolver } from './feed-fetch';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A real HTTP server on 127.0.0.1 whose answer each spec sets; it records the requests it got. */
class FeedServer {
  handler: Handler = (_req, res) => res.end('<rss/>');
  readonly requests: http.IncomingMessage[] = [];
  private readonly server = http.createServer((req, res) => {
    this.requests.push(req);
    this.handler(req, res);
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(host: string, path = '/feed'): string {
    return `http://${host}:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** DNS for made-up names (the system resolver knows none of them: a request that used it would fail). */
function fakeDns(table: Record<string, string[]>): Resolver {
  return async (host) => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`not found ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

async function failure(request: Promise<FeedResponse>): Promise<FeedFetchError> {
  try {
    await request;
  } catch (error) {
    if (error instanceof FeedFetchError) return error;
    throw error;
  }
  throw new Error('the request succeeded');
}

describe('feed fetching', () => {
  const server = new FeedServer();
  const allowFeedTest: AllowList = parseAllowList(['feed.test']);
  const resolve = fakeDns({ 'feed.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'], 'mixed.test': ['93.184.216.34', '10.0.0.7'] });
  const request = (overrides: Partial<FeedRequest> = {}): Promise<FeedResponse> =>
    fetchFeed({ url: server.url('feed.test'), etag: null, lastModified: null, allow: allowFeedTest, userAgent: 'Passerelle-test', resolve, ...overrides });

  beforeAll(() => server.start());
  afterAll(() => server.stop());
  beforeEach(() => (server.requests.length = 0));

  it('gets the feed from the address it checked, with the feed’s host name, and keeps its validators', async () => {
    server.handler = (_req, res) => {
      res.setHeader('etag', '"v1"');
      res.setHeader('last-modified', 'Mon, 07 Dec 2026 10:00:00 GMT');
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      res.end('<rss version="2.0"><channel><title>Café</title></channel></rss>');
    };
    const response = await request();
    expect(response).toEqual({
      status: 'fetched',
      body: '<rss version="2.0"><channel><title>Café</title></channel></rss>',
      url: server.url('feed.test'),
      etag: '"v1"',
      lastModified: 'Mon, 07 Dec 2026 10:00:00 GMT',
    });
    // feed.test exists only in the fake DNS: the connection went to the address checked, not to a second lookup.
    expect(server.requests[0].headers.host).toBe(`feed.test:${server.port}`);
    expect(server.requests[0].headers['user-agent']).toBe('Passerelle-test');
    expect(server.requests[0].headers['if-none-match']).toBeUndefined();
  });

  it('sends the validators back and reports 304 as not modified', async () => {
    server.handler = (req, res) => {
      res.statusCode = req.headers['if-none-match'] === '"v1"' && req.headers['if-modified-since'] === 'Mon, 07 Dec 2026 10:00:00 GMT' ? 304 : 200;
      res.end(res.statusCode === 200 ? '<rss/>' : undefined);
    };
    expect(await request({ etag: '"v1"', lastModified: 'Mon, 07 Dec 2026 10:00:00 GMT' })).toEqual({ status: 'not_modified' });
  });

  it('says what the server answered when it is not a success', async () => {
    for (const status of [404, 500, 503]) {
      server.handler = (_req, res) => {
        res.statusCode = status;
        res.end('nope');
      };
      const error = await failure(request());
      expect(error.state).toBe('error');
      expect(error.message).toBe(`The feed answered ${status}.`);
      expect(error.problem).toEqual({ code: 'http_status', params: { status: String(status) } });
    }
  });

  describe('server-side request forgery', () => {
    it('refuses a loopback or private address unless allowlisted, before connecting', async () => {
      const literal = await failure(request({ url: server.url('127.0.0.1'), allow: EMPTY_ALLOW_LIST }));
      expect(literal.state).toBe('blocked');
      expect(literal.message).toBe('The feed’s address is refused: 127.0.0.1 is a loopback address (this machine). An administrator may allow it with FEED_ALLOW_PRIVATE.');
      expect(literal.problem).toEqual({ code: 'address_refused', params: { address: '127.0.0.1', range: 'loopback', host: '', redirect: '' } });
      const named = await failure(request({ allow: EMPTY_ALLOW_LIST }));
      expect(named.state).toBe('blocked');
      expect(named.message).toContain('The feed’s host feed.test resolves to an address that is refused: 127.0.0.1 is a loopback address');
      const v6 = await failure(request({ url: 'http://[::1]:9/feed', allow: EMPTY_ALLOW_LIST }));
      expect(v6.state).toBe('blocked');
      const mapped = await failure(request({ url: 'http://[::ffff:127.0.0.1]:9/feed', allow: EMPTY_ALLOW_LIST }));
      expect(mapped.state).toBe('blocked');
      expect(mapped.problem.params['address']).toBe('127.0.0.1');
      const metadata = await failure(request({ url: 'http://169.254.169.254/latest/meta-data/', allow: EMPTY_ALLOW_LIST }));
      expect(metadata.message).toContain('169.254.169.254 is a link-local address');
      expect(server.requests.length).toBe(0);
    });

    it('refuses a host with any private address among its addresses', async () => {
      const error = await failure(request({ url: 'http://mixed.test/feed' }));
      expect(error.state).toBe('blocked');
      expect(error.message).toContain('10.0.0.7 is a private network address');
      expect(error.problem).toEqual({ code: 'address_refused', params: { address: '10.0.0.7', range: 'private', host: 'mixed.test', redirect: '' } });
    });

    it('lets an allowlisted address or range through', async () => {
      server.handler = (_req, res) => res.end('<rss/>');
      expect((await request({ url: server.url('127.0.0.1'), allow: parseAllowList(['127.0.0.0/8']) })).status).toBe('fetched');
      expect((await request({ url: server.url('other.test'), allow: parseAllowList(['127.0.0.1']) })).status).toBe('fetched');
    });

    it('checks every redirect again: a public feed may not redirect inside the network', async () => {
      server.handler = (req, res) => {
        res.statusCode = 302;
        res.setHeader('location', server.url('127.0.0.1', '/internal'));
        res.end();
      };
      const error = await failure(request());
      expect(error.state).toBe('blocked');
      expect(error.message).toBe(`The feed redirects to http://127.0.0.1:${server.port}/internal, whose address is refused: 127.0.0.1 is a loopback address (this machine). An administrator may allow it with FEED_ALLOW_PRIVATE.`);
      expect(error.problem.params['redirect']).toBe(`http://127.0.0.1:${server.port}/internal`);
      expect(server.requests.map((r) => r.url)).toEqual(['/feed']);
    });
  });

  it('follows up to 3 redirects, not more, and only to http(s)', async () => {
    server.handler = (req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const hop = Number(query.get('hop'));
      if (hop < Number(query.get('until'))) {
        res.statusCode = 301;
        res.setHeader('location', `/feed?hop=${hop + 1}&until=${query.get('until')}`);
      }
      res.end('<rss/>');
    };
    const three = await request({ url: server.url('feed.test', '/feed?hop=0&until=3') });
    expect(three.status === 'fetched' && three.url).toBe(server.url('feed.test', '/feed?hop=3&until=3'));
    const four = await failure(request({ url: server.url('feed.test', '/feed?hop=0&until=4') }));
    expect(four.message).toBe('The feed redirects more than 3 times.');
    server.handler = (_req, res) => {
      res.statusCode = 302;
      res.setHeader('location', 'file:///etc/passwd');
      res.end();
    };
    expect((await failure(request())).message).toBe('The feed redirects to file:///etc/passwd, which is not an http(s) address.');
  });

  it('refuses more than 1 MiB, declared or streamed, compressed or not', async () => {
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    server.handler = (_req, res) => res.end(big);
    expect((await failure(request())).message).toBe('The feed is larger than 1 MiB.');
    server.handler = (_req, res) => {
      res.write(big.subarray(0, 600_000));
      res.end(big.subarray(600_000));
    };
    expect((await failure(request())).problem).toEqual({ code: 'too_large', params: { limit: '1 MiB' } });
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024, 0x61));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    server.handler = (_req, res) => {
      res.setHeader('content-encoding', 'gzip');
      res.end(bomb);
    };
    expect((await failure(request())).message).toBe('The feed is larger than 1 MiB.');
  });

  it('reads gzip, deflate and brotli bodies', async () => {
    const text = '<rss version="2.0"><channel><title>Zipped</title></channel></rss>';
    for (const [encoding, compress] of [['gzip', zlib.gzipSync], ['deflate', zlib.deflateSync], ['br', zlib.brotliCompressSync]] as const) {
      server.handler = (_req, res) => {
        res.setHeader('content-encoding', encoding);
        res.end(compress(Buffer.from(text)));
      };
      const response = await request();
      expect(response.status === 'fetched' && response.body).withContext(encoding).toBe(text);
    }
  });

  it('gives up after the timeout', async () => {
    server.handler = () => undefined;
    const error = await failure(request({ timeoutMs: 300 }));
    expect(error.state).toBe('error');
    expect(error.message).toBe('The feed did not answer within 0.3 seconds.');
    expect(error.problem).toEqual({ code: 'timeout', params: { seconds: '0.3' } });
  });

  it('says when the host name does not resolve or nothing listens', async () => {
    expect((await failure(request({ url: 'http://nowhere.test/feed' }))).message).toBe('The feed’s host name nowhere.test could not be found.');
    const closed = new FeedServer();
    await closed.start();
    const port = closed.port;
    await closed.stop();
    expect((await failure(request({ url: `http://feed.test:${port}/feed` }))).message).toBe('The feed’s server refused the connection.');
  });

  it('decodes the charset the response or the XML declaration names', () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Caf\xe9</title></channel></rss>', 'latin1');
    expect(decodeText(latin1, 'application/rss+xml')).toContain('Café');
    expect(decodeText(Buffer.from('Caf\xe9', 'latin1'), 'text/xml; charset=windows-1252')).toBe('Café');
    expect(decodeText(Buffer.from('Café'), undefined)).toBe('Café');
    expect(decodeText(Buffer.from('Café'), 'text/xml; charset=made-up')).toBe('Café');
  });
});
