import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';

/**
 * Groups and their members, for administrators (and the CLI, the demo seed). It imports
 * IdentityModule for AdminGuard, so IdentityModule (and AccountsModule, which it imports) must never import it.
 */
@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [GroupsController],
  providers: [GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
