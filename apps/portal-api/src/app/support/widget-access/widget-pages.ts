import fs from 'node:fs';
import path from 'node:path';
import type { Express, NextFunction, Request, Response } from 'express';
import { SupportRoutes, WIDGET_CONNECT_MESSAGE_TYPE, type WidgetConnectMessage } from '@passerelle/contracts';
import { AuthRoutes } from '@passerelle/contracts';
import { AppError } from '../../http/app-error';
import { requestContext } from '../../http/request-context';
import type { SessionsService } from '../../identity/sessions/sessions.service';
import type { WidgetAccessService } from './widget-access.service';

const CONNECT_SCRIPT_PATH = '/widget/connect.js';
/** Other files of the widget build (lazy chunks, styles) next to its main.js. */
const WIDGET_FILE = /^\/widget\/([A-Za-z0-9][\w.-]*\.(?:js|css|map))$/;

/**
 * The widget's server-side pages, outside /api:
 * - SupportRoutes.widgetScript (/widget/support.js) and its sibling files: the built widget, loadable
 *   from any site (module scripts load with CORS);
 * - SupportRoutes.widgetConnect (/widget/connect): the first-party popup that hands a token to the
 *   page that opened it, signing in first when needed;
 * - /widget/connect.js: that page's script (CSP allows no inline script).
 */
export function mountWidgetPages(app: Express, deps: { widgetDistDir: string; sessions: SessionsService; widgetAccess: WidgetAccessService }): void {
  app.get(SupportRoutes.widgetScript, (_req, res) => sendWidgetFile(res, deps.widgetDistDir, 'main.js'));
  app.get(CONNECT_SCRIPT_PATH, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/javascript').send(CONNECT_SCRIPT);
  });
  app.get(SupportRoutes.widgetConnect, (req, res, next) => void connect(req, res, deps).catch(next));
  app.get(WIDGET_FILE, (req: Request, res: Response, next: NextFunction) => {
    const name = WIDGET_FILE.exec(req.path)?.[1];
    if (!name || name === 'main.js') return next();
    sendWidgetFile(res, deps.widgetDistDir, name);
  });
}

function sendWidgetFile(res: Response, distDir: string, name: string): void {
  const file = path.join(distDir, name);
  res.setHeader('Access-Control-Allow-Origin', '*');
  // Helmet's default would stop other sites from loading the script.
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  res.setHeader('Cache-Control', 'no-cache');
  if (!fs.existsSync(file)) {
    const built = fs.existsSync(path.join(distDir, 'main.js'));
    res.status(built ? 404 : 503).type('application/javascript');
    res.send(built ? `/* Passerelle support widget: no file ${name}. */\n` : '/* Passerelle support widget is not built yet: run `npm run build` (or `npm start`) on the server. */\n');
    return;
  }
  res.sendFile(file, { dotfiles: 'deny', headers: { 'Content-Type': name.endsWith('.css') ? 'text/css; charset=utf-8' : name.endsWith('.map') ? 'application/json' : 'application/javascript; charset=utf-8' } });
}

async function connect(req: Request, res: Response, deps: { sessions: SessionsService; widgetAccess: WidgetAccessService }): Promise<void> {
  // Only this page may keep its opener (helmet's same-origin policy would cut it), and it says nothing to the next page.
  res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  const origin = typeof req.query['origin'] === 'string' ? req.query['origin'] : '';
  const state = typeof req.query['state'] === 'string' ? req.query['state'] : '';
  const language = /^fr\b/i.test(req.headers['accept-language'] ?? '') ? 'fr' : 'en';
  if (!isOrigin(origin) || !/^[A-Za-z0-9_-]{8,200}$/.test(state)) {
    return page(res, 400, language, TEXT[language].badRequest);
  }
  const user = await deps.sessions.userOf(req, res);
  if (!user) {
    const back = `${SupportRoutes.widgetConnect}?${new URLSearchParams({ origin, state })}`;
    res.redirect(302, `${AuthRoutes.signIn}?returnTo=${encodeURIComponent(back)}`);
    return;
  }
  const lang = user.locale === 'fr' || user.locale === 'en' ? user.locale : language;
  if (!(await deps.widgetAccess.allowed(origin))) return page(res, 400, lang, TEXT[lang].notAllowed(origin));
  let message: WidgetConnectMessage;
  try {
    message = { type: WIDGET_CONNECT_MESSAGE_TYPE, state, ...(await deps.widgetAccess.issue(user, origin, requestContext(req))) };
  } catch (error) {
    if (error instanceof AppError && error.status === 429) {
      if (error.params?.['retryAfter']) res.setHeader('Retry-After', error.params['retryAfter']);
      return page(res, 429, lang, TEXT[lang].tooMany);
    }
    throw error;
  }
  const data = JSON.stringify({ origin, message }).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  page(res, 200, lang, TEXT[lang].connected, `<script type="application/json" id="passerelle-connect">${data}</script><script src="${CONNECT_SCRIPT_PATH}"></script>`);
}

/** `scheme://host[:port]` exactly, http(s) only. */
function isOrigin(value: string): boolean {
  if (value.length > 300) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

function page(res: Response, status: number, lang: 'en' | 'fr', text: { title: string; body: string }, extra = ''): void {
  res.status(status).type('html').send(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(text.title)} · Passerelle</title></head>
<body><main><h1>${escapeHtml(text.title)}</h1><p id="status">${escapeHtml(text.body)}</p></main>${extra}</body></html>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TEXT = {
  en: {
    connected: { title: 'Support connected', body: 'You can close this window.' },
    badRequest: { title: 'Support can’t connect', body: 'This link is not complete. Open the support widget again from the page you were on.' },
    tooMany: { title: 'Support can’t connect', body: 'Too many connections in a short time. Wait a few minutes, then open the support widget again.' },
    notAllowed: (origin: string) => ({ title: 'Support can’t connect', body: `${origin} is not an app registered with Passerelle, so its support widget can’t use your Passerelle account. Tell your IT department.` }),
  },
  fr: {
    connected: { title: 'Support connecté', body: 'Vous pouvez fermer cette fenêtre.' },
    badRequest: { title: 'Connexion au support impossible', body: 'Ce lien est incomplet. Rouvrez le widget de support depuis la page où vous étiez.' },
    tooMany: { title: 'Connexion au support impossible', body: 'Trop de connexions en peu de temps. Attendez quelques minutes, puis rouvrez le widget de support.' },
    notAllowed: (origin: string) => ({ title: 'Connexion au support impossible', body: `${origin} n’est pas une application enregistrée dans Passerelle : son widget de support ne peut pas utiliser votre compte Passerelle. Prévenez votre service informatique.` }),
  },
} as const;

/**
 * Posts the token to the opener — to the widget's origin only — and closes. Without an opener
 * (the page was opened directly, or the opener went away), the page's text already says it can
 * be closed.
 */
const CONNECT_SCRIPT = `(function () {
  var element = document.getElementById('passerelle-connect');
  if (!element) return;
  var data = JSON.parse(element.textContent || '{}');
  if (window.opener && data.origin && data.message) {
    window.opener.postMessage(data.message, data.origin);
    window.close();
  }
})();
`;
