import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { CatalogHealthModule } from '../catalog/health/catalog-health.module';
import { GuestsModule } from '../guests/guests.module';
import { IdentityModule } from '../identity/identity.module';
import { AlertAudience } from './alert-audience';
import { AlertBus } from './alert-bus';
import { AlertJobs } from './alert-jobs';
import { AlertStreamService } from './alert-stream.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { EventsController } from './events.controller';
import { MyAlertsController } from './my-alerts.controller';
import { SystemAlerts } from './system-alerts';

/** Alerts from apps, feeds and Passerelle itself; each person's read state; the live event stream. */
@Module({
  imports: [AccountsModule, CatalogCoreModule, CatalogHealthModule, GuestsModule, IdentityModule],
  controllers: [AlertsController, MyAlertsController, EventsController],
  providers: [AlertAudience, AlertBus, AlertsService, AlertStreamService, AlertJobs, SystemAlerts],
  exports: [AlertsService, AlertStreamService],
})
export class AlertsModule {}
