import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request, Response } from 'express';
import { SessionsService } from '../sessions/sessions.service';
import { ExtractingStrategy } from './passport-base';
import type { PortalUser } from './portal-user';

class ProviderSessionStrategy extends ExtractingStrategy<Request> {
  protected readonly challenge = 'Session';
  protected extract(req: Request): Request {
    return req;
  }
}

/**
 * The portal session is the provider's own session (cookie `_session`): signing in to the
 * dashboard and to any app is one and the same sign-in, and signing out ends both.
 */
@Injectable()
export class PortalSessionStrategy extends PassportStrategy(ProviderSessionStrategy, 'portal-session') {
  constructor(private readonly sessions: SessionsService) {
    super();
  }

  validate(req: Request): Promise<PortalUser | undefined> {
    return this.sessions.userOf(req, req.res as Response);
  }
}
