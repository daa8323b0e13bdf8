import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { Clock } from '../../infra/clock';
import { AlertsService } from '../alerts/alerts.service';
import { AnnouncementsService } from './announcements.service';
import { AnnouncementEntity } from './entities/announcement.entity';

/** Scheduled announcements go live (and expired ones go) within this long. */
const CHECK_EVERY_MS = 30_000;

/**
 * Tells open dashboards that the feed changed: at every write, and when a scheduled announcement's
 * publication or expiry time passes (nobody writes anything then).
 */
@Injectable()
export class AnnouncementsLive implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Announcements');
  private subscription?: Subscription;
  private timer?: NodeJS.Timeout;
  private checkedUpTo?: Date;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly announcements: AnnouncementsService,
    private readonly alerts: AlertsService,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.announcements.changes.subscribe(() => {
      // A write's event makes dashboards reload the whole feed: every publication or expiry passed
      // until now is in it, so the next check must not tell them again (e.g. the write's own publishAt).
      this.checkedUpTo = this.clock.now();
      void this.tell();
    });
    this.checkedUpTo = this.clock.now();
    this.timer = setInterval(() => void this.checkSchedule().catch((error: Error) => this.logger.warn(`Announcement schedule: ${error.message}`)), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    if (this.timer) clearInterval(this.timer);
  }

  /** True when a publication or expiry time passed since the last check (and the streams were told). */
  async checkSchedule(): Promise<boolean> {
    const since = this.checkedUpTo ?? this.clock.now();
    const now = this.clock.now();
    this.checkedUpTo = now;
    const passed = await this.dataSource
      .getRepository(AnnouncementEntity)
      .createQueryBuilder('a')
      .where('(a.publish_at > :since AND a.publish_at <= :now) OR (a.expires_at > :since AND a.expires_at <= :now)', { since, now })
      .getExists();
    if (passed) await this.tell();
    return passed;
  }

  private async tell(): Promise<void> {
    await this.alerts.announcementChanged().catch((error: Error) => this.logger.warn(`Announcement event: ${error.message}`));
  }
}
