import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { InstanceModule } from '../../instance/instance.module';
import { CatalogCoreModule } from '../catalog-core.module';
import { AccessRequestsController, AdminAccessRequestsController } from './access-requests.controller';
import { AccessRequestsService } from './access-requests.service';

/** "Request access" on the dashboard and the no-access page, and IT's approvals. */
@Module({
  imports: [CatalogCoreModule, AuditModule, InstanceModule],
  controllers: [AccessRequestsController, AdminAccessRequestsController],
  providers: [AccessRequestsService],
  exports: [AccessRequestsService],
})
export class AccessRequestsModule {}
