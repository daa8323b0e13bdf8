import type { NextFunction, Request, Response } from 'express';
import { SupportRoutes } from '@passerelle/contracts';
import { AppError } from '../../http/app-error';
import { tooLarge } from './attachments.service';

const UPLOAD_PATH = new RegExp(`^${SupportRoutes.attachments}/?$`);

/**
 * An upload's body is the file itself, read by the upload route after its guard (so nobody unknown
 * makes the server read megabytes). Its declared type means nothing (the type comes from the
 * bytes), so it is hidden from the API's JSON parser, which would otherwise read a `.json`-typed file.
 */
export function attachmentUploadBody(): (req: Request, res: Response, next: NextFunction) => void {
  return (req, _res, next) => {
    if (req.method === 'POST' && UPLOAD_PATH.test(req.path)) {
      req.headers['x-declared-content-type'] = req.headers['content-type'];
      req.headers['content-type'] = 'application/octet-stream';
    }
    next();
  };
}

/** True for the upload route (the cross-site write guard lets its raw body through when X-File-Name is set). */
export function isAttachmentUpload(req: Request): boolean {
  return req.method === 'POST' && UPLOAD_PATH.test(req.path) && typeof req.headers['x-file-name'] === 'string';
}

/** Reads the request body, refusing with 413 as soon as it passes `maxBytes`. */
export async function readUpload(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('bad_request', 400, 'The file did not arrive whole; try again.');
  }
  return Buffer.concat(chunks);
}
