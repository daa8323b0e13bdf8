import { Module } from '@nestjs/common';
import { GroupsModule } from '../accounts/groups/groups.module';
import { AlertsModule } from '../alerts/alerts.module';
import { AuditModule } from '../audit/audit.module';
import { IdentityModule } from '../identity/identity.module';
import { AnnouncementFeedController } from './announcement-feed.controller';
import { AnnouncementsController } from './announcements.controller';
import { AnnouncementsLive } from './announcements-live';
import { AnnouncementsService } from './announcements.service';

/** Company announcements: the console's editor, the dashboard's feed, and `changes` for the live layer. */
@Module({
  imports: [AlertsModule, AuditModule, GroupsModule, IdentityModule],
  controllers: [AnnouncementsController, AnnouncementFeedController],
  providers: [AnnouncementsService, AnnouncementsLive],
  exports: [AnnouncementsService],
})
export class AnnouncementsModule {}
