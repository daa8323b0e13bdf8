import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { InstanceModule } from '../instance/instance.module';
import { SetupModule } from '../setup/setup.module';
import { AccountController } from './account/account.controller';
import { AccountService } from './account/account.service';
import { AdminController } from './admin/admin.controller';
import { AdminUsersService } from './admin/admin-users.service';
import { AuditQueryService } from './admin/audit-query.service';
import { AuthController } from './auth/auth.controller';
import { DirectoryController } from './directory/directory.controller';
import { InteractionController } from './interaction/interaction.controller';
import { InteractionService } from './interaction/interaction.service';
import { SigningKeysService } from './keys/signing-keys.service';
import { OidcProviderHost } from './oidc/oidc-provider.host';
import { BearerGuard, BearerStrategy } from './session/bearer.strategy';
import { AdminGuard, SessionGuard } from './session/session.guard';
import { PortalSessionStrategy } from './session/session.strategy';
import { SessionsService } from './sessions/sessions.service';
import { ThrottleModule } from './throttle/throttle.module';

/**
 * The identity hub: the OpenID provider (oidc-provider, mounted at /oidc by the bootstrap), its
 * sign-in steps, the portal session and bearer strategies, and session management.
 */
@Module({
  imports: [PassportModule, AuditModule, AccountsModule, InstanceModule, SetupModule, ThrottleModule, CatalogCoreModule],
  controllers: [InteractionController, AuthController, AccountController, AdminController, DirectoryController],
  providers: [
    SigningKeysService,
    OidcProviderHost,
    SessionsService,
    InteractionService,
    AccountService,
    AdminUsersService,
    AuditQueryService,
    PortalSessionStrategy,
    BearerStrategy,
    SessionGuard,
    AdminGuard,
    BearerGuard,
  ],
  exports: [OidcProviderHost, SigningKeysService, SessionsService, SessionGuard, AdminGuard, BearerGuard, ThrottleModule],
})
export class IdentityModule {}
