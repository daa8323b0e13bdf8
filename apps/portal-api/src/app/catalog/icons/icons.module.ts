import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { CatalogCoreModule } from '../catalog-core.module';
import { IconsController } from './icons.controller';
import { IconsService } from './icons.service';

/** Stored app icons: checking, storing (upload or fetched once) and serving. */
@Module({
  imports: [AuditModule, IdentityModule, CatalogCoreModule],
  controllers: [IconsController],
  providers: [IconsService],
  exports: [IconsService],
})
export class IconsModule {}
