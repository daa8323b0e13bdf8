import { Module } from '@nestjs/common';
import { AccountsModule } from '../../accounts/accounts.module';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { SupportUserGuard } from './support-user.guard';
import { WidgetAccessService } from './widget-access.service';
import { WidgetOrigins } from './widget-origins';
import { WidgetTokenController } from './widget-token.controller';

/**
 * How the support widget knows the person, also on another site: tokens bound to an origin and a
 * session, the guard that accepts them (or the session cookie), and the allowed origins. The
 * bootstrap mounts the /widget pages and the CORS layer (widget-pages.ts, widget-cors.ts).
 */
@Module({
  imports: [IdentityModule, AccountsModule, AuditModule],
  controllers: [WidgetTokenController],
  providers: [WidgetOrigins, WidgetAccessService, SupportUserGuard],
  exports: [WidgetOrigins, WidgetAccessService, SupportUserGuard, IdentityModule],
})
export class WidgetAccessModule {}
