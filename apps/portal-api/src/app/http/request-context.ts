import type { Request } from 'express';

/** What a service may want to know about the request that triggered it (for audit events). */
export interface RequestContext {
  ip: string | null;
  requestId: string | null;
}

export function requestContext(req: Request): RequestContext {
  const id = (req as Request & { id?: unknown }).id;
  return { ip: req.ip ?? null, requestId: typeof id === 'string' ? id : null };
}

export const CLI_CONTEXT: RequestContext = { ip: null, requestId: null };
