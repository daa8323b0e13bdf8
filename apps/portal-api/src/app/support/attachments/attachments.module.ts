import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { WidgetAccessModule } from '../widget-access/widget-access.module';
import { AttachmentJobs } from './attachment-jobs';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/** Support attachments: the upload route, storage in the attachments folder, claim and download for the tickets. */
@Module({
  imports: [AuditModule, WidgetAccessModule],
  controllers: [AttachmentsController],
  providers: [AttachmentStorage, AttachmentsService, AttachmentJobs],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
