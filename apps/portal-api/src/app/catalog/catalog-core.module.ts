import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogAppEntity } from './entities/catalog-app.entity';
import { EntitlementsService } from './entitlements.service';

/** What other features need from the catalog (the identity hub asks who may use a client). */
@Module({
  imports: [TypeOrmModule.forFeature([CatalogAppEntity])],
  providers: [EntitlementsService],
  exports: [EntitlementsService],
})
export class CatalogCoreModule {}
