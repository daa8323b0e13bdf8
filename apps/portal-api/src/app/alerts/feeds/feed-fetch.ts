import { promises as dns, type LookupAddress } from 'node:dns';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { addressRefusal, describeRefusal, literalAddress, type AllowList } from '../../../infra/net/address-guard';
import { FeedProblemError } from './feed-problem';

export const FEED_LIMITS = {
  /** Bytes read from a response (after decompression, and before it too). */
  bodyBytesMax: 1024 * 1024,
  /** For the whole exchange, redirects included. */
  timeoutMs: 10_000,
  redirectsMax: 3,
} as const;

/** How fetching failed: `blocked` when an address was refused, `error` for everything else. */
export class FeedFetchError extends FeedProblemError {}

export type Resolver = (host: string) => Promise<LookupAddress[]>;

export interface FeedRequest {
  url: string;
  /** Validators from the last full answer, sent back so an unchanged feed answers 304. */
  etag: string | null;
  lastModified: string | null;
  allow: AllowList;
  userAgent: string;
  /** Tests replace DNS; the default asks the system resolver, like any connection would. */
  resolve?: Resolver;
  timeoutMs?: number;
}

export type FeedResponse =
  | { status: 'not_modified' }
  | { status: 'fetched'; body: string; url: string; etag: string | null; lastModified: string | null };

const systemResolver: Resolver = (host) => dns.lookup(host, { all: true, verbatim: true });

const ACCEPT = 'application/feed+json, application/atom+xml, application/rss+xml, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';

/**
 * One conditional GET of a feed, guarded against server-side request forgery: before each request
 * (the first and every redirect) the host is resolved and every address it has must be public —
 * or allowlisted — and the connection then goes to the address that was checked (a fixed
 * `lookup`), so a DNS answer that changes in between (rebinding) changes nothing.
 */
export async function fetchFeed(request: FeedRequest): Promise<FeedResponse> {
  const resolve = request.resolve ?? systemResolver;
  const timeoutMs = request.timeoutMs ?? FEED_LIMITS.timeoutMs;
  const signal = AbortSignal.timeout(timeoutMs);
  let target = request.url;
  try {
    for (let hop = 0; ; hop++) {
      const url = new URL(target);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new FeedFetchError('error', 'redirect_not_http', `The feed redirects to ${redact(url)}, which is not an http(s) address.`, { url: redact(url) });
      }
      const address = await checkedAddress(url, request.allow, resolve, hop === 0 ? null : redact(url));
      const response = await get(url, address, {
        'user-agent': request.userAgent,
        accept: ACCEPT,
        'accept-encoding': 'gzip, deflate, br',
        ...(request.etag ? { 'if-none-match': request.etag } : {}),
        ...(request.lastModified ? { 'if-modified-since': request.lastModified } : {}),
      }, signal);
      const status = response.statusCode ?? 0;
      if (status === 304) {
        response.resume();
        return { status: 'not_modified' };
      }
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        if (hop >= FEED_LIMITS.redirectsMax) {
          throw new FeedFetchError('error', 'too_many_redirects', `The feed redirects more than ${FEED_LIMITS.redirectsMax} times.`, { max: String(FEED_LIMITS.redirectsMax) });
        }
        target = new URL(response.headers.location, url).toString();
        continue;
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FeedFetchError('error', 'http_status', `The feed answered ${status}.`, { status: String(status) });
      }
      const bytes = await readBody(response);
      return {
        status: 'fetched',
        body: decodeText(bytes, header(response, 'content-type')),
        url: url.toString(),
        etag: header(response, 'etag')?.slice(0, 500) ?? null,
        lastModified: header(response, 'last-modified')?.slice(0, 100) ?? null,
      };
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (signal.aborted) {
      const seconds = String(timeoutMs / 1000);
      throw new FeedFetchError('error', 'timeout', `The feed did not answer within ${seconds} seconds.`, { seconds });
    }
    throw networkError(error as NodeJS.ErrnoException, new URL(target).hostname);
  }
}

/** The address to connect to, once every address of the host has passed the guard. */
async function checkedAddress(url: URL, allow: AllowList, resolve: Resolver, redirectedTo: string | null): Promise<LookupAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = literalAddress(host);
  let addresses: LookupAddress[];
  if (literal) addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      addresses = [];
    }
  }
  if (addresses.length === 0) throw hostNotFound(host);
  // Every address must pass: a name that also points inside the network is refused as a whole.
  for (const candidate of addresses) {
    const refusal = addressRefusal(candidate.address, host, allow);
    if (refusal) {
      const where = redirectedTo ? `The feed redirects to ${redirectedTo}, whose address` : literal ? 'The feed’s address' : `The feed’s host ${host} resolves to an address that`;
      throw new FeedFetchError('blocked', 'address_refused', `${where} is refused: ${describeRefusal(refusal)}. An administrator may allow it with FEED_ALLOW_PRIVATE.`, {
        ...refusal,
        host: literal ? '' : host,
        redirect: redirectedTo ?? '',
      });
    }
  }
  return addresses[0];
}

function get(url: URL, address: LookupAddress, headers: Record<string, string>, signal: AbortSignal): Promise<IncomingMessage> {
  // Whatever name the socket asks for, it gets the address that was checked.
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      {
        method: 'GET',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers,
        auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
        lookup,
        agent: false,
        signal,
      },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

/** The body, decompressed, refused as soon as it passes the size limit either way. */
async function readBody(response: IncomingMessage): Promise<Buffer> {
  const max = FEED_LIMITS.bodyBytesMax;
  const limit = `${max / 1024 / 1024} MiB`;
  const tooLarge = () => new FeedFetchError('error', 'too_large', `The feed is larger than ${limit}.`, { limit });
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > max) {
    response.destroy();
    throw tooLarge();
  }
  const encoding = (header(response, 'content-encoding') ?? '').trim().toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? zlib.createGunzip() : encoding === 'deflate' ? zlib.createInflate() : encoding === 'br' ? zlib.createBrotliDecompress() : null;
  let stream: Readable = response;
  if (decoder) {
    // Compressed bytes count too, and a failure on either side ends the read.
    let raw = 0;
    response.on('data', (chunk: Buffer) => {
      raw += chunk.length;
      if (raw > max) response.destroy(tooLarge());
    });
    response.on('error', (error) => decoder.destroy(error));
    stream = response.pipe(decoder);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      response.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The charset from Content-Type, else from the XML declaration, else UTF-8. */
export function decodeText(bytes: Buffer, contentType: string | undefined): string {
  const declared =
    /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1];
  try {
    return new TextDecoder(declared ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function header(response: IncomingMessage, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A URL fit for a message: no credentials, no query. */
function redact(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function hostNotFound(host: string): FeedFetchError {
  return new FeedFetchError('error', 'host_not_found', `The feed’s host name ${host} could not be found.`, { host });
}

function networkError(error: NodeJS.ErrnoException, host: string): FeedFetchError {
  const code = error?.code ?? '';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return hostNotFound(host);
  if (code === 'ECONNREFUSED') return new FeedFetchError('error', 'connection_refused', 'The feed’s server refused the connection.');
  if (code === 'ECONNRESET' || code === 'EPIPE') return new FeedFetchError('error', 'connection_closed', 'The feed’s server closed the connection.');
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return new FeedFetchError('error', 'tls', `The feed’s HTTPS certificate is not accepted (${code}).`, { code });
  return new FeedFetchError('error', 'unreachable', `The feed could not be reached${code ? ` (${code})` : ''}.`, { code });
}
