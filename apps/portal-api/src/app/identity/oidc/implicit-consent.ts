import type { NextFunction, Request, Response } from 'express';
import { IMPLICIT_CONSENT_PARAM } from './create-provider';

/**
 * OpenID Connect drops `offline_access` unless the request also says prompt=consent. First-party
 * apps (registered by an administrator) get refresh tokens without a consent screen: for their
 * authorization requests asking offline_access, we add prompt=consent and a marker, and the
 * interaction grants that consent without showing anything.
 */
export function implicitConsentForFirstParty(isFirstParty: (clientId: string) => Promise<boolean>, markerFor: (clientId: string) => string) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const url = new URL(req.url, 'http://placeholder');
    const params = url.searchParams;
    // Only Passerelle sets the marker (an HMAC a caller can't forge); whatever a caller sends is dropped.
    if (params.has(IMPLICIT_CONSENT_PARAM)) {
      params.delete(IMPLICIT_CONSENT_PARAM);
      req.url = `${url.pathname}${url.search}`;
    }
    if (req.method !== 'GET' || req.path.replace(/\/+$/, '').toLowerCase() !== '/auth') return next();
    const scopes = (params.get('scope') ?? '').split(' ');
    const prompts = (params.get('prompt') ?? '').split(' ').filter(Boolean);
    const clientId = params.get('client_id');
    params.delete(IMPLICIT_CONSENT_PARAM);
    if (!clientId || !scopes.includes('offline_access') || prompts.includes('consent') || prompts.includes('none')) {
      req.url = `${url.pathname}${url.search}`;
      return next();
    }
    isFirstParty(clientId).then(
      (firstParty) => {
        if (firstParty) {
          params.set('prompt', [...prompts, 'consent'].join(' '));
          params.set(IMPLICIT_CONSENT_PARAM, markerFor(clientId));
        }
        req.url = `${url.pathname}${url.search}`;
        next();
      },
      next,
    );
  };
}
