import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { AlertsModule } from '../alerts.module';
import { FeedPollerService } from './feed-poller.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';

/** Apps' RSS, Atom and JSON feeds, polled by the server and delivered as alerts. */
@Module({
  imports: [AlertsModule, AuditModule, IdentityModule],
  controllers: [FeedsController],
  providers: [FeedPollerService, FeedsService],
  exports: [FeedPollerService, FeedsService],
})
export class FeedsModule {}
