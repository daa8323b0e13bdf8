import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { CATALOG_LIMITS } from '@passerelle/contracts';

/** PUT /api/admin/catalog/apps/:id/icon (CatalogAdminRoutes.appIcon), the one route that takes a bigger body. */
const ICON_UPLOAD_PATH = /^\/api\/admin\/catalog\/apps\/[^/]+\/icon\/?$/;
/** Base64 of the largest icon plus room for the JSON around it. */
export const ICON_UPLOAD_BODY_LIMIT = Math.ceil(CATALOG_LIMITS.iconBytesMax / 3) * 4 + 4 * 1024;

/**
 * A JSON body parser for icon uploads only, with a limit that fits the largest icon in base64; every
 * other route keeps the API's small limit. Mount it before the API's own JSON parser (which then
 * sees the body already read and leaves it).
 */
export function iconUploadBodyParser(): (req: Request, res: Response, next: NextFunction) => void {
  const parse = json({ limit: ICON_UPLOAD_BODY_LIMIT });
  return (req, res, next) => (req.method === 'PUT' && ICON_UPLOAD_PATH.test(req.path) ? parse(req, res, next) : next());
}
