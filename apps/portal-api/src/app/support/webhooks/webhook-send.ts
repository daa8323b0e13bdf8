import { promises as dns, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, describeRefusal, literalAddress, type AllowList } from '../../../infra/net/address-guard';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export type SendOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export type Resolver = (host: string) => Promise<LookupAddress[]>;
const systemResolver: Resolver = (host) => dns.lookup(host, { all: true, verbatim: true });

/**
 * One POST of a delivery, guarded like the feed reader against server-side request forgery: every
 * address of the host must be public (or allowlisted by WEBHOOK_ALLOW_PRIVATE), and the connection
 * goes to the address that was checked. Redirects are not followed; 2xx within 10 s is success.
 */
export async function sendWebhook(input: { url: string; body: string; headers: Record<string, string>; allow: AllowList; resolve?: Resolver; timeoutMs?: number }): Promise<SendOutcome> {
  const timeoutMs = input.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { ok: false, status: null, error: 'Not a valid URL' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const literal = literalAddress(host);
  let addresses: LookupAddress[] = [];
  if (literal) addresses = [{ address: literal, family: literal.includes(':') ? 6 : 4 }];
  // The name's resolution counts in the timeout too: a resolver that never answers can't hold the job.
  else addresses = await withTimeout((input.resolve ?? systemResolver)(host), timeoutMs).catch(() => []);
  if (addresses.length === 0) return { ok: false, status: null, error: `Host ${host} not found` };
  for (const candidate of addresses) {
    const refusal = addressRefusal(candidate.address, host, input.allow);
    if (refusal) return { ok: false, status: null, error: `Address not allowed: ${describeRefusal(refusal)} (WEBHOOK_ALLOW_PRIVATE)` };
  }
  const address = addresses[0];
  const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
  const signal = AbortSignal.timeout(timeoutMs);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<SendOutcome>((resolve) => {
    const req = client.request(
      {
        method: 'POST',
        host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
        lookup,
        agent: false,
        signal,
      },
      (response) => {
        const status = response.statusCode ?? 0;
        // The answer's body is not needed; read a little and drop it.
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 64 * 1024) response.destroy();
        });
        response.on('error', () => undefined);
        response.on('close', () => undefined);
        response.resume();
        if (status >= 200 && status < 300) resolve({ ok: true, status });
        else if (status >= 300 && status < 400) resolve({ ok: false, status, error: `HTTP ${status} (redirects are not followed)` });
        else resolve({ ok: false, status, error: `HTTP ${status}` });
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) resolve({ ok: false, status: null, error: `Timed out after ${timeoutMs / 1000} s` });
      else resolve({ ok: false, status: null, error: networkError(error) });
    });
    req.end(input.body);
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

function networkError(error: NodeJS.ErrnoException): string {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED') return 'Connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'Connection closed by the receiver';
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) return `HTTPS certificate not accepted (${code})`;
  return `Could not connect${code ? ` (${code})` : ''}`;
}
