import { Module } from '@nestjs/common';
import { CatalogAdminModule } from './admin/catalog-admin.module';
import { CatalogCoreModule } from './catalog-core.module';
import { DashboardModule } from './dashboard/dashboard.module';

/** Apps as tiles: the catalog administrators keep, and the dashboard everyone opens. */
@Module({
  imports: [CatalogCoreModule, CatalogAdminModule, DashboardModule],
})
export class CatalogModule {}
