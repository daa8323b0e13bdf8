import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { ANNOUNCEMENT_LIMITS } from '@passerelle/contracts';

/** PUT /api/admin/announcements/:id/image (AnnouncementRoutes.image): the one announcements route with a big body. */
const IMAGE_UPLOAD_PATH = /^\/api\/admin\/announcements\/[^/]+\/image\/?$/;
/** Base64 of the largest image, with room for a `data:` prefix and the alt text. */
export const IMAGE_BASE64_MAX = Math.ceil(ANNOUNCEMENT_LIMITS.imageMaxBytes / 3) * 4 + 64;
/** A little above what a valid upload needs, so a slightly-too-large image gets the field message, not a bare 413. */
export const IMAGE_UPLOAD_BODY_LIMIT = IMAGE_BASE64_MAX + 64 * 1024;

/**
 * A JSON body parser for announcement image uploads only; every other route keeps the API's small
 * limit. Mounted before the API's own JSON parser (which then sees the body already read).
 */
export function announcementImageBodyParser(): (req: Request, res: Response, next: NextFunction) => void {
  const parse = json({ limit: IMAGE_UPLOAD_BODY_LIMIT });
  return (req, res, next) => (req.method === 'PUT' && IMAGE_UPLOAD_PATH.test(req.path) ? parse(req, res, next) : next());
}
