import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../../infra/clock';
import { CLI_CONTEXT } from '../http/request-context';
import { TicketEntity } from './entities/ticket.entity';
import { SupportAdminService } from './support-admin.service';
import { DAY_MS } from './support-rules';
import { SYSTEM_ACTOR, TicketChanges } from './ticket-changes';

const SWEEP_EVERY_MS = 15 * 60 * 1000;
const BATCH = 100;

/** Time passing on tickets: resolved tickets close by themselves once their reopen window is over. */
@Injectable()
export class SupportJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Support');
  private timer?: NodeJS.Timeout;
  private running?: Promise<{ closed: number }>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly admin: SupportAdminService,
    private readonly changes: TicketChanges,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.closeResolved().catch((error: Error) => this.logger.warn(`Closing resolved tickets: ${error.message}`)), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One run at a time; a second caller shares the running one. */
  closeResolved(): Promise<{ closed: number }> {
    this.running ??= this.closeOnce().finally(() => (this.running = undefined));
    return this.running;
  }

  private async closeOnce(): Promise<{ closed: number }> {
    const { reopenDays } = await this.admin.settings();
    const before = new Date(this.clock.now().getTime() - reopenDays * DAY_MS);
    let closed = 0;
    for (;;) {
      const due = await this.dataSource.getRepository(TicketEntity).find({ select: { id: true }, where: { status: 'resolved', resolvedAt: LessThan(before) }, take: BATCH });
      for (const { id } of due) {
        const done = await this.dataSource.transaction(async (tx) => {
          const ticket = await this.changes.lock(tx, id);
          // Reopened meanwhile: not ours to close.
          if (!ticket || ticket.status !== 'resolved' || !ticket.resolvedAt || ticket.resolvedAt.getTime() >= before.getTime()) return false;
          // Closing by itself is no news for the requester's badge.
          const news = ticket.supportActivityAt;
          await this.changes.setStatus(tx, ticket, 'closed', SYSTEM_ACTOR);
          ticket.supportActivityAt = news;
          await this.changes.save(tx, ticket);
          await this.changes.record(tx, 'support.ticket_closed', SYSTEM_ACTOR, ticket, CLI_CONTEXT, { reason: 'reopen_window_over' });
          await this.changes.webhook(tx, 'ticket.updated', ticket);
          return true;
        });
        if (done) closed++;
      }
      if (due.length < BATCH) break;
    }
    return { closed };
  }
}
