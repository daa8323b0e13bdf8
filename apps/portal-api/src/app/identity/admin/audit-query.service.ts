import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditEventView, Page } from '@passerelle/contracts';
import { DataSource, In } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditEventEntity } from '../../audit/entities/audit-event.entity';
import type { AuditQueryDto } from './dto/admin.dto';

/** Reads the audit trail for administrators: newest first, filtered, paged by a cursor. */
@Injectable()
export class AuditQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: AuditQueryDto): Promise<Page<AuditEventView>> {
    const pageSize = query.pageSize ?? 50;
    const rows = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e');
    if (query.event) rows.andWhere("e.type LIKE :event ESCAPE '\\'", { event: `${escapeLike(query.event)}%` });
    if (query.outcome) rows.andWhere('e.outcome = :outcome', { outcome: query.outcome });
    if (query.actor) rows.andWhere('(e.actor = :actor OR e.subject = :actor)', { actor: query.actor });
    if (query.from) rows.andWhere('e.occurred_at >= :from', { from: new Date(query.from) });
    if (query.to) rows.andWhere('e.occurred_at < :to', { to: endOf(query.to) });
    const total = await rows.getCount();
    if (query.before) {
      const cursor = await this.dataSource.getRepository(AuditEventEntity).findOneBy({ id: query.before });
      if (cursor) rows.andWhere('(e.occurred_at < :at OR (e.occurred_at = :at AND e.id < :id))', { at: cursor.occurredAt, id: cursor.id });
    } else if (query.page && query.page > 1) {
      rows.skip((query.page - 1) * pageSize);
    }
    const events = await rows.orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').take(pageSize).getMany();
    // People are shown by email; ids that are not users (cli, app ids) stay as they are.
    const ids = [...new Set(events.flatMap((e) => [e.actor, e.subject]).filter((id): id is string => !!id))];
    const users = ids.length ? await this.dataSource.getRepository(UserEntity).find({ select: { id: true, email: true }, where: { id: In(ids) } }) : [];
    const emailOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.email ?? null) : null);
    return {
      items: events.map((e) => ({
        id: e.id,
        at: e.occurredAt.toISOString(),
        event: e.type,
        outcome: e.outcome,
        actor: e.actor,
        subject: e.subject,
        actorEmail: emailOf(e.actor),
        subjectEmail: emailOf(e.subject),
        ipAddress: e.ip,
        details: JSON.parse(e.details || '{}') as Record<string, unknown>,
      })),
      total,
      page: query.page ?? 1,
      pageSize,
    };
  }
}

/** `to=2026-01-31` includes that whole day; a full timestamp is taken as given. */
function endOf(to: string): Date {
  const date = new Date(to);
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(date.getTime() + 24 * 60 * 60 * 1000) : new Date(date.getTime() + 1);
}

function escapeLike(value: string): string {
  return value.replace(/[%_\\]/g, (c) => `\\${c}`);
}
