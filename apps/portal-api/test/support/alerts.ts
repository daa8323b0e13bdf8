import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import * as client from 'openid-client';
import {
  AlertRoutes,
  type AlertCounts,
  type AlertEventName,
  type AlertList,
  type AlertListQuery,
  type CatalogApp,
  type CatalogAppInput,
  type CreatedAppClient,
  type PostAlertRequest,
} from '@passerelle/contracts';
import { createSsoApp } from './catalog';
import { discoverAs, registerApp, type Browser } from './oidc-rp';

/**
 * Alerts driven as apps and people would: an app gets a token from the portal's own provider
 * (client_credentials, scope alerts:write, through openid-client) and posts over HTTP; a person
 * reads their alerts through the session API and listens to Server-Sent Events with `fetch`.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JsonResponse = { status: number; body: any; headers: Headers };

/** An app that may post alerts: its client, its openid-client configuration and a fresh token. */
export interface AlertSender {
  /** The catalog tile (null for an API-only client outside the catalog). */
  app: CatalogApp | null;
  client: CreatedAppClient;
  config: client.Configuration;
  token: string;
  /** The app's own origin (from its redirect URI): an http link there is accepted. */
  origin: string;
  post(body: unknown): Promise<JsonResponse>;
  batch(body: unknown): Promise<JsonResponse>;
}

let nextPort = 9100;

/**
 * A catalog app (with its OIDC client) that was given the alerts:write scope, and a token for it.
 * `tile: false` makes an API-only client outside the catalog instead.
 */
export async function alertSender(
  portal: { app: INestApplication; url: string },
  input: Partial<CatalogAppInput> & { tile?: boolean; scopes?: string[] } = {},
): Promise<AlertSender> {
  const { tile = true, scopes = ['alerts:write'], ...tileInput } = input;
  // A made-up loopback origin per app, so each app has an http origin of its own.
  const origin = `http://127.0.0.1:${nextPort++}`;
  const sso = { redirectUris: [`${origin}/callback`], scopes };
  let app: CatalogApp | null = null;
  let created: CreatedAppClient;
  if (tile) ({ app, client: created } = await createSsoApp(portal.app, { name: `CRM ${randomBytes(2).toString('hex')}`, ...tileInput, sso }));
  else created = await registerApp(portal.app, sso);
  const config = await discoverAs(portal.url, created.clientId, created.clientSecret);
  const token = scopes.length ? (await client.clientCredentialsGrant(config, { scope: scopes.join(' ') })).access_token : '';
  const sender: AlertSender = {
    app,
    client: created,
    config,
    token,
    origin,
    post: (body) => postWithToken(portal.url, AlertRoutes.alerts, sender.token, body),
    batch: (body) => postWithToken(portal.url, AlertRoutes.batch, sender.token, body),
  };
  return sender;
}

/** POSTs JSON with a bearer token (none when `token` is undefined); `raw` sends the string as is. */
export async function postWithToken(base: string, path: string, token: string | undefined, body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}): Promise<JsonResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(new URL(path, base), { method: 'POST', headers, body: init.raw ?? JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** A minimal valid alert to these people (emails or ids), with whatever else is given. */
export function alertTo(users: string[], extra: Partial<PostAlertRequest> = {}): PostAlertRequest {
  return { recipients: { users }, title: `Deal ${randomBytes(3).toString('hex')} needs approval`, ...extra };
}

/** Expects a 202 and returns the response body. */
export async function posted(work: Promise<JsonResponse>): Promise<{ id: string; status: string; recipients: number; skipped: number }> {
  const response = await work;
  if (response.status !== 202) throw new Error(`expected 202, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

export async function myAlerts(browser: Browser, query: AlertListQuery = {}): Promise<AlertList> {
  const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await browser.get(`${AlertRoutes.mine}?${params}`);
  if (response.status !== 200) throw new Error(`GET ${AlertRoutes.mine}?${params} → ${response.status} ${response.text}`);
  return response.json() as AlertList;
}

export async function myCounts(browser: Browser): Promise<AlertCounts> {
  const response = await browser.get(AlertRoutes.counts);
  if (response.status !== 200) throw new Error(`GET ${AlertRoutes.counts} → ${response.status} ${response.text}`);
  return response.json() as AlertCounts;
}

/** Titles of the person's alerts (first page), newest first. */
export async function myTitles(browser: Browser, query: AlertListQuery = {}): Promise<string[]> {
  return (await myAlerts(browser, query)).items.map((a) => a.title);
}

/* ------------------------------------------------------------------ Server-Sent Events --------- */

export interface ServerSentEvent {
  id?: string;
  event: AlertEventName | string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
}

/**
 * GET /api/events as a browser's EventSource would (the session cookie, Accept: text/event-stream,
 * Last-Event-ID on a reconnect), read with fetch and parsed by the SSE rules: fields `id:`,
 * `event:`, `data:` up to a blank line; comment lines (`:`) are heartbeats.
 */
export class EventStream {
  readonly events: ServerSentEvent[] = [];
  comments = 0;
  status = 0;
  contentType = '';
  private readonly abort = new AbortController();
  private waiters: Array<() => void> = [];
  private ended = false;
  private done?: Promise<void>;

  private constructor(private readonly label: string) {}

  /** Opens the stream and waits for the response headers (and the first `counts`, which every stream starts with). */
  static async open(baseUrl: string, browser: Browser, options: { lastEventId?: string; label?: string; waitForCounts?: boolean } = {}): Promise<EventStream> {
    const stream = new EventStream(options.label ?? 'stream');
    const url = new URL(AlertRoutes.events, baseUrl);
    const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
    const cookie = browser.jar.headerFor(url);
    if (cookie) headers['cookie'] = cookie;
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const response = await fetch(url, { headers, signal: stream.abort.signal });
    stream.status = response.status;
    stream.contentType = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !response.body) {
      stream.ended = true;
      await response.text().catch(() => undefined);
      return stream;
    }
    stream.done = stream.read(response.body);
    if (options.waitForCounts !== false) await stream.next('counts');
    return stream;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    let current: { id?: string; event?: string; data: string[] } = { data: [] };
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.search(/\r\n|\n|\r/)) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
          if (line === '') {
            if (current.data.length > 0) {
              const text = current.data.join('\n');
              this.events.push({ id: current.id, event: current.event ?? 'message', data: text ? JSON.parse(text) : undefined });
              this.wake();
            }
            current = { data: [] };
          } else if (line.startsWith(':')) {
            this.comments += 1;
          } else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') current.id = value;
            else if (field === 'event') current.event = value;
            else if (field === 'data') current.data.push(value);
          }
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    } finally {
      this.ended = true;
      this.wake();
    }
  }

  private wake(): void {
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Events of this name received so far. */
  named(event: AlertEventName): ServerSentEvent[] {
    return this.events.filter((e) => e.event === event);
  }

  /** The id of the last event that had one (what a browser sends as Last-Event-ID). */
  get lastEventId(): string | undefined {
    return [...this.events].reverse().find((e) => e.id !== undefined)?.id;
  }

  /**
   * The first event at or after position `from` with this name (and matching `where`); waits for it.
   * Returns it with its position, so the next wait can start after it.
   */
  async next(event: AlertEventName, where: (e: ServerSentEvent) => boolean = () => true, { from = 0, timeoutMs = 5000 } = {}): Promise<ServerSentEvent & { index: number }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e, i) => i >= from && e.event === event && where(e));
      if (index >= 0) return { ...this.events[index], index };
      const left = deadline - Date.now();
      if (left <= 0 || this.ended) {
        throw new Error(`${this.label}: no "${event}" event${this.ended ? ' (the stream ended)' : ` within ${timeoutMs} ms`}; got ${JSON.stringify(this.events.map((e) => `${e.id ?? '-'} ${e.event}`))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** Waits `ms` and returns the events that arrived meanwhile (to show that something did *not* come). */
  async quietFor(ms: number): Promise<ServerSentEvent[]> {
    const from = this.events.length;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.events.slice(from);
  }

  /** Waits until the server ends the stream; false if it is still open after `timeoutMs`. */
  async endsWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.waiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
    return this.ended;
  }

  /** Disconnects, as closing the tab does. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.done?.catch(() => undefined);
  }
}
