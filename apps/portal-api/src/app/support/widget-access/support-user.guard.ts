import { ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AppError } from '../../http/app-error';
import { SessionGuard } from '../../identity/session/session.guard';
import { bearerOf, WidgetAccessService } from './widget-access.service';

/**
 * Requester routes of support: the portal session cookie, or `Authorization: Bearer <widget
 * token>` (the widget on another site, where the cookie is not sent). Either way `@CurrentUser()`
 * is the same PortalUser. With a bearer token the cookie is never looked at. Agent and
 * administrator routes use SessionGuard instead: a widget token never opens them.
 */
@Injectable()
export class SupportUserGuard extends SessionGuard {
  constructor(private readonly widgetAccess: WidgetAccessService) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const token = bearerOf(req);
    if (token === undefined) return (await super.canActivate(context)) as boolean;
    const user = await this.widgetAccess.authenticate(req, token);
    if (!user) throw new AppError('unauthorized', 401, 'Your support connection has ended; open the support widget again.');
    req.user = user;
    return true;
  }
}
