import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { SupportRoutes, type WidgetTokenResponse } from '@passerelle/contracts';
import { createSsoApp } from './catalog';
import { signedInBrowser } from './catalog-rows';
import { createPerson, type Browser, type Person } from './oidc-rp';
import type { TestPortal } from './test-portal';

/**
 * The support widget's edge driven as a browser and another site would: a signed-in person, a
 * registered app on its own (made-up) loopback origin, widget tokens, raw uploads, and a webhook
 * receiver that records what it gets.
 */

let nextPort = 9400;

/** A catalog app with its OIDC client, on an origin of its own (from its redirect URI). */
export async function registeredApp(portal: TestPortal): Promise<{ id: string; name: string; origin: string }> {
  const origin = `http://127.0.0.1:${nextPort++}`;
  const { app } = await createSsoApp(portal.app, { name: `Helpdesk ${randomBytes(2).toString('hex')}`, sso: { redirectUris: [`${origin}/callback`] } });
  return { id: app.id, name: app.name, origin };
}

export async function signedInPerson(portal: TestPortal, input: { name?: string; isAdmin?: boolean } = {}): Promise<{ person: Person; browser: Browser }> {
  const person = await createPerson(portal.app, input);
  const { browser } = await signedInBrowser(portal.url, person);
  return { person, browser };
}

/** POST SupportRoutes.widgetToken with the session cookie. */
export async function widgetToken(browser: Browser, origin: string): Promise<WidgetTokenResponse> {
  const response = await browser.postJson(SupportRoutes.widgetToken, { origin });
  if (response.status !== 200) throw new Error(`POST ${SupportRoutes.widgetToken} → ${response.status} ${response.text}`);
  return response.json() as WidgetTokenResponse;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json(): any;
}

/** A request as the widget on another site makes it: bearer token, its Origin, no cookies. */
export async function fromSite(portal: TestPortal, path: string, init: { token?: string; origin?: string; method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers['authorization'] = `Bearer ${init.token}`;
  if (init.origin) headers['origin'] = init.origin;
  const response = await fetch(portal.at(path), { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Uploads `bytes` as `name` (URL-encoded in X-File-Name), with the widget token or through the browser's cookie. */
export async function upload(portal: TestPortal, who: { token: string; origin: string } | Browser, bytes: Buffer | string, name: string): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name) };
  if ('token' in who) return fromSite(portal, SupportRoutes.attachments, { token: who.token, origin: who.origin, headers, body: Buffer.from(bytes) });
  const cookie = who.jar.headerFor(new URL(portal.at(SupportRoutes.attachments)));
  if (cookie) headers['cookie'] = cookie;
  headers['origin'] = new URL(portal.url).origin;
  return fromSite(portal, SupportRoutes.attachments, { headers, body: Buffer.from(bytes) });
}

export interface ReceivedHook {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on 127.0.0.1 answering with the statuses queued in `answers` (then 200). */
export class HookReceiver {
  readonly received: ReceivedHook[] = [];
  answers: number[] = [];
  private server?: http.Server;
  url = '';

  static async start(): Promise<HookReceiver> {
    const receiver = new HookReceiver();
    receiver.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        receiver.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(receiver.answers.shift() ?? 200, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => (receiver.server as http.Server).listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${((receiver.server as http.Server).address() as AddressInfo).port}/hooks/passerelle`;
    return receiver;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Tiny files of each allowed type (real magic numbers). */
export const SAMPLES = {
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(32, 1), Buffer.from([0xff, 0xd9])]),
  gif: Buffer.concat([Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0]), Buffer.alloc(6), Buffer.from([0x3b])]),
  webp: Buffer.concat([Buffer.from('RIFF'), Buffer.from([26, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(18, 2)]),
  pdf: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  text: Buffer.from('Error 0x80070005 when opening the CRM.\nDéjà vu — ça recommence.\n'),
};
