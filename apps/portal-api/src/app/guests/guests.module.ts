import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { IdentityModule } from '../identity/identity.module';
import { InstanceModule } from '../instance/instance.module';
import { SetupModule } from '../setup/setup.module';
import { GuestLifecycleService } from './guest-lifecycle.service';
import { GuestsController } from './guests.controller';
import { GuestsService } from './guests.service';

/** Temporary accounts for freelancers: invitations, the console's guests view, and the end of access. */
@Module({
  imports: [AccountsModule, AuditModule, CatalogCoreModule, IdentityModule, InstanceModule, SetupModule],
  controllers: [GuestsController],
  providers: [GuestsService, GuestLifecycleService],
  exports: [GuestsService, GuestLifecycleService],
})
export class GuestsModule {}
