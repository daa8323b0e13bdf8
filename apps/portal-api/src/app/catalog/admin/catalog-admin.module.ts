import { Module } from '@nestjs/common';

/** The console's catalog: apps, icons, sections and their order, individual grants. */
@Module({})
export class CatalogAdminModule {}
