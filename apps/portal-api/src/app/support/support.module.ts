import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { AlertsModule } from '../alerts/alerts.module';
import { AuditModule } from '../audit/audit.module';
import { CatalogCoreModule } from '../catalog/catalog-core.module';
import { AttachmentDownloadController } from './attachment-download.controller';
import { AttachmentsModule } from './attachments/attachments.module';
import { MyTicketsController } from './my-tickets.controller';
import { QueueController } from './queue.controller';
import { QueueService } from './queue.service';
import { CannedRepliesController, SupportAdminController } from './support-admin.controller';
import { SupportAdminService } from './support-admin.service';
import { SupportJobs } from './support-jobs';
import { TicketChanges } from './ticket-changes';
import { TicketNotifier } from './ticket-notifier';
import { TicketViews } from './ticket-views';
import { TicketsService } from './tickets.service';
import { WebhooksModule } from './webhooks/webhooks.module';
import { WidgetAccessModule } from './widget-access/widget-access.module';

/**
 * Support: people file tickets from the widget (cookie or widget token), agents work the queue,
 * administrators set categories, SLA and the reopen window. Attachments, the widget's access and
 * outbound webhooks are sub-modules.
 */
@Module({
  imports: [AccountsModule, AuditModule, CatalogCoreModule, AlertsModule, WidgetAccessModule, AttachmentsModule, WebhooksModule],
  // The download route comes before the upload's controller path-wise; both live under support/attachments.
  controllers: [MyTicketsController, QueueController, SupportAdminController, CannedRepliesController, AttachmentDownloadController],
  providers: [SupportAdminService, TicketViews, TicketChanges, TicketNotifier, TicketsService, QueueService, SupportJobs],
  exports: [TicketsService, SupportAdminService],
})
export class SupportModule {}
