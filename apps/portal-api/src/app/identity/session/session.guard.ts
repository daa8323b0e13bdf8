import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { AppError } from '../../http/app-error';
import type { PortalUser } from './portal-user';

/** Routes for a signed-in person. 401 `unauthorized` otherwise. */
@Injectable()
export class SessionGuard extends AuthGuard('portal-session') {
  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new AppError('unauthorized', 401, 'Sign in to continue.');
    return user;
  }
}

/** Routes for administrators: 401 when signed out, 403 for everyone else. */
@Injectable()
export class AdminGuard extends SessionGuard {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const user = context.switchToHttp().getRequest<Request>().user as PortalUser;
    if (!user.isAdmin) throw new AppError('forbidden', 403, 'Only administrators can do this.');
    return true;
  }
}
