import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import type { RequestContext } from '../http/request-context';
import { AuditEventEntity, type AuditOutcome } from './entities/audit-event.entity';

export interface AuditRecord {
  type: string;
  outcome: AuditOutcome;
  actor?: string | null;
  subject?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/** Writes the append-only audit trail. Pass the transaction's manager so the event commits with the change. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(event: AuditRecord, context: RequestContext, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.insert(AuditEventEntity, {
      id: randomUUID(),
      occurredAt: this.clock.now(),
      type: event.type,
      outcome: event.outcome,
      actor: event.actor ?? null,
      subject: event.subject ?? null,
      ip: context.ip,
      requestId: context.requestId,
      details: JSON.stringify(event.details ?? {}),
    });
  }

  latest(limit = 100): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ order: { occurredAt: 'DESC' }, take: limit });
  }
}
