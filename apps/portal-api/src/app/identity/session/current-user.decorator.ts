import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiCaller, PortalUser } from './portal-user';

/** The signed-in person (routes behind SessionGuard or AdminGuard). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): PortalUser => {
  return ctx.switchToHttp().getRequest<Request>().user as PortalUser;
});

/** The app behind a bearer token (routes behind BearerGuard). */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): ApiCaller => {
  return ctx.switchToHttp().getRequest<Request>().user as ApiCaller;
});
