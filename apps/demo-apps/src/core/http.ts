// The little HTTP plumbing the demo apps need on plain node:http: escaping, cookies, small form
// bodies, security headers and responses.
import type http from 'node:http';

/** Every value shown on a page goes through this (text and attribute contexts alike). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function readCookie(req: http.IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export interface CookieOptions {
  path?: string;
  /** Seconds; 0 deletes the cookie. Omitted: a browser-session cookie. */
  maxAge?: number;
  secure: boolean;
}

/** HttpOnly and SameSite=Lax always: the apps never read their cookies from script. */
export function cookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path ?? '/'}`, 'HttpOnly', 'SameSite=Lax'];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const FORM_LIMIT_BYTES = 16 * 1024;

/** An application/x-www-form-urlencoded body of at most 16 kB (logout tokens are ~1 kB). */
export async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new HttpError(415, 'Expected a form (application/x-www-form-urlencoded).');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT_BYTES) throw new HttpError(413, 'The form is too large.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * Headers for every answer. No inline script or style anywhere (CSP `default-src 'self'`); forms may
 * also lead to the portal, because signing out redirects there and Chromium applies form-action to
 * the redirect too. The portal's support widget is allowed in: its script from the portal
 * (script-src) and its API calls there (connect-src); it styles itself with a constructed
 * stylesheet, which style-src does not govern.
 */
export function securityHeaders(portalOrigin: string): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      `script-src 'self' ${portalOrigin}`,
      `connect-src 'self' ${portalOrigin}`,
      "img-src 'self' data:",
      `form-action 'self' ${portalOrigin}`,
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "object-src 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Not no-referrer: with it, browsers send `Origin: null` on the app's own form posts, and the
    // sign-out form checks Origin.
    'referrer-policy': 'same-origin',
    // Not same-origin: the support widget's sign-in popup (on the portal) must be able to answer its opener.
    'cross-origin-opener-policy': 'same-origin-allow-popups',
    'cache-control': 'no-store',
  };
}

export type Headers = Record<string, string | string[]>;

export function sendHtml(res: http.ServerResponse, status: number, html: string, headers: Headers = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

export function sendText(res: http.ServerResponse, status: number, text: string, headers: Headers = {}): void {
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

/** 303 after a POST, 302 otherwise: the browser follows with a GET either way. */
export function redirect(res: http.ServerResponse, location: string, headers: Headers = {}, status = 302): void {
  res.writeHead(status, { ...headers, location });
  res.end();
}
