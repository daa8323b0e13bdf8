import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { ExtractingStrategy } from './passport-base';
import { AccountAccess } from '../../accounts/account-access';
import { UserEntity } from '../../accounts/entities/user.entity';
import { EntitlementsService } from '../../catalog/entitlements.service';
import { AppError } from '../../http/app-error';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import type { ApiCaller } from './portal-user';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

class AccessTokenStrategy extends ExtractingStrategy<string> {
  protected readonly challenge = 'Bearer realm="passerelle"';
  protected extract(req: Request): string | undefined {
    return /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(req.headers.authorization ?? '')?.[1];
  }
}

/** Bearer access tokens issued by this provider: to a person (code flow) or to an app (client_credentials). */
@Injectable()
export class BearerStrategy extends PassportStrategy(AccessTokenStrategy, 'bearer') {
  constructor(
    private readonly host: OidcProviderHost,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entitlements: EntitlementsService,
    private readonly access: AccountAccess,
  ) {
    super();
  }

  async validate(token: string): Promise<ApiCaller | undefined> {
    const { provider } = this.host;
    const found = (await provider.AccessToken.find(token)) ?? (await provider.ClientCredentials.find(token));
    if (!found || found.isExpired) return undefined;
    const accountId = 'accountId' in found ? (found.accountId as string | undefined) : undefined;
    if (accountId) {
      // A disabled person's (or an ended guest's) tokens stop working at once, even before they expire.
      const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: accountId });
      if (!this.access.usable(user)) return undefined;
      // Nor does a token for an app the person may no longer use (removed from its group).
      if (!(await this.entitlements.mayUseClient(accountId, String(found.clientId)))) return undefined;
    }
    return { kind: 'app', clientId: String(found.clientId), accountId, scopes: (found.scope ?? '').split(' ').filter(Boolean) };
  }
}

const SCOPES_KEY = 'passerelle:required-scopes';
/** The scopes a bearer token must carry for this route (all of them). */
export const RequireScopes = (...scopes: string[]) => SetMetadata(SCOPES_KEY, scopes);

/** 401 without a valid token; 403 `forbidden` when the token lacks a required scope. */
@Injectable()
export class BearerGuard extends AuthGuard('bearer') implements CanActivate {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    await super.canActivate(context);
    const caller = context.switchToHttp().getRequest<Request>().user as ApiCaller;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, [context.getHandler(), context.getClass()]) ?? [];
    const missing = required.filter((scope) => !caller.scopes.includes(scope));
    if (missing.length > 0) throw new AppError('forbidden', 403, `This token lacks the scope ${missing.join(', ')}.`);
    return true;
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new AppError('unauthorized', 401, 'A valid bearer access token is required.');
    return user;
  }
}
