import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import { ConfigModule } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/config';
import { loggerOptions } from '../infra/logging';
import { MailModule } from '../infra/mail/mail.module';
import { PortalNestLogger } from '../infra/nest-logger';
import { GuestsModule } from './guests/guests.module';
import { AlertsModule } from './alerts/alerts.module';
import { FeedsModule } from './alerts/feeds/feeds.module';
import { AccountsModule } from './accounts/accounts.module';
import { AnnouncementsModule } from './announcements/announcements.module';
import { GroupsModule } from './accounts/groups/groups.module';
import { AuditModule } from './audit/audit.module';
import { CatalogModule } from './catalog/catalog.module';
import { CoreModule } from './core.module';
import { HealthModule } from './health/health.module';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { ClientsModule } from './identity/clients/clients.module';
import { IdentityModule } from './identity/identity.module';
import { PasswordResetModule } from './identity/password-reset/password-reset.module';
import { InstanceModule } from './instance/instance.module';
import { MetricsModule } from './metrics/metrics.module';
import { SetupModule } from './setup/setup.module';
import { SupportModule } from './support/support.module';

/** The application, assembled around an already-connected and migrated data source. */
@Module({})
export class AppModule {
  static create(config: AppConfig, dataSource: DataSource, instanceKey: Buffer): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CoreModule.forRoot(instanceKey),
        LoggerModule.forRoot(loggerOptions(config)),
        TypeOrmModule.forRootAsync({ useFactory: () => ({}), dataSourceFactory: async () => dataSource }),
        AuditModule,
        AccountsModule,
        GroupsModule,
        InstanceModule,
        SetupModule,
        IdentityModule,
        MailModule,
        PasswordResetModule,
        ClientsModule,
        CatalogModule,
        GuestsModule,
        AlertsModule,
        FeedsModule,
        AnnouncementsModule,
        SupportModule,
        HealthModule,
        MetricsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }, PortalNestLogger],
    };
  }
}
