import { Module } from '@nestjs/common';

/** Everyone's dashboard: entitled tiles, pins, recently used, launching, access requests. */
@Module({})
export class DashboardModule {}
