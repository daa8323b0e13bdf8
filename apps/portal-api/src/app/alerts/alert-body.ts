import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';

/** POST /api/alerts and /api/alerts/batch: a batch of 100 full alerts needs more than the API's 100 kB. */
const ALERT_POST_PATH = /^\/api\/alerts(\/batch)?\/?$/;
export const ALERT_BODY_LIMIT = '1mb';

/** Mounted before the API's own JSON parser, which then sees the body already read. */
export function alertBodyParser(): (req: Request, res: Response, next: NextFunction) => void {
  const parse = json({ limit: ALERT_BODY_LIMIT });
  return (req, res, next) => (req.method === 'POST' && ALERT_POST_PATH.test(req.path) ? parse(req, res, next) : next());
}
