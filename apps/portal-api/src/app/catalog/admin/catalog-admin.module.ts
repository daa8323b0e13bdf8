import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { ClientsModule } from '../../identity/clients/clients.module';
import { IdentityModule } from '../../identity/identity.module';
import { CatalogHealthModule } from '../health/catalog-health.module';
import { IconsModule } from '../icons/icons.module';
import { CatalogAdminController } from './catalog-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogGrantsService } from './catalog-grants.service';

/**
 * The console's catalog: apps, icons, sections and their order, individual grants. Imports
 * IdentityModule (AdminGuard), so nothing IdentityModule imports may import this module.
 */
@Module({
  imports: [AuditModule, IdentityModule, ClientsModule, IconsModule, CatalogHealthModule],
  controllers: [CatalogAdminController],
  providers: [CatalogAdminService, CatalogGrantsService],
  exports: [CatalogAdminService, CatalogGrantsService],
})
export class CatalogAdminModule {}
