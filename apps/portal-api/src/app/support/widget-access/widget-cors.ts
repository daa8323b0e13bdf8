import type { NextFunction, Request, Response } from 'express';
import type { WidgetOrigins } from './widget-origins';

/** The requester routes the widget calls from other sites (agent and admin routes are not among them). */
export const WIDGET_API_PATH = /^\/api\/support\/(options|attachments(\/[^/]+)?|tickets(\/unread|\/[^/]+(\/(messages|reopen|resolve))?)?)\/?$/;

/**
 * CORS for the widget's requester routes, and only for origins where the widget may run: a
 * preflight from any other origin gets no CORS headers (the browser then refuses the request).
 * No credentials: the widget authenticates with its bearer token. A request that carries a bearer
 * token has its cookies dropped here, so nothing after this can mistake it for a session.
 */
export function widgetCors(origins: WidgetOrigins) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!req.path.startsWith('/api/support/')) return next();
    if (/^Bearer\s/i.test(req.headers.authorization ?? '')) delete req.headers.cookie;
    const origin = req.headers.origin;
    if (!origin || !WIDGET_API_PATH.test(req.path) || origin === origins.portal) return next();
    res.vary('Origin');
    origins.find(origin).then(
      (allowed) => {
        if (allowed) {
          res.setHeader('Access-Control-Allow-Origin', origin);
          res.setHeader('Access-Control-Expose-Headers', 'Retry-After, Content-Disposition');
        }
        if (req.method !== 'OPTIONS') return next();
        if (!allowed) {
          res.status(403).end();
          return;
        }
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, X-File-Name');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
      },
      (error: unknown) => next(error),
    );
  };
}
