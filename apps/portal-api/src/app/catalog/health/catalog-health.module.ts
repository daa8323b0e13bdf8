import { Module } from '@nestjs/common';
import { CatalogCoreModule } from '../catalog-core.module';
import { HealthProbesService } from './health-probes.service';

/** The apps' status dots (health URLs probed in the background), for the dashboard and the console. */
@Module({
  imports: [CatalogCoreModule],
  providers: [HealthProbesService],
  exports: [HealthProbesService],
})
export class CatalogHealthModule {}
