import { Module } from '@nestjs/common';
import { IdentityModule } from '../../identity/identity.module';
import { AccessRequestsModule } from '../access-requests/access-requests.module';
import { CatalogCoreModule } from '../catalog-core.module';
import { CatalogHealthModule } from '../health/catalog-health.module';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** Everyone's dashboard: entitled tiles, pins, recently used, launching, access requests. */
@Module({
  imports: [CatalogCoreModule, CatalogHealthModule, IdentityModule, AccessRequestsModule],
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule {}
