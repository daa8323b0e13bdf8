import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  ALERT_LIMITS,
  type AlertCounts,
  type AlertList,
  type AlertListQuery,
  type AlertView,
  type PostAlertBatchResponse,
  type PostAlertResponse,
  type UpdateAlertStateRequest,
} from '@passerelle/contracts';
import { Brackets, DataSource, In, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { isUniqueViolation } from '../../infra/database/names';
import { storedDate } from '../../infra/database/stored-date';
import { EntitlementsService } from '../catalog/entitlements.service';
import { AppError } from '../http/app-error';
import { AlertAudience, type AlertOrigin, type Sender } from './alert-audience';
import { AlertBus } from './alert-bus';
import { checkAlert, contentHash, type CheckedAlert, type Problems } from './alert-rules';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { AlertRecipientEntity } from './entities/alert-recipient.entity';
import { renderMarkdown } from './markdown';

/** What one person may see beyond their own rows: the apps they may use now, and whether they are a guest. */
export interface Reader {
  userId: string;
  guest: boolean;
  openApps: ReadonlySet<string>;
}

const INSERT_CHUNK = 400;
const PAGE_DEFAULT = 30;
const PAGE_MAX = 100;

/**
 * Stores alerts and each person's read state. Posting is all-or-nothing: an alert is stored with
 * its recipients and its stream event in one transaction, or not at all; the event is announced
 * once committed. A dedupe key makes retries harmless and lets an app update its alert.
 */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audience: AlertAudience,
    private readonly entitlements: EntitlementsService,
    private readonly bus: AlertBus,
  ) {}

  /** One alert (the push API's body). 400 with each field's problem; nothing stored then. */
  async post(origin: AlertOrigin, input: unknown): Promise<PostAlertResponse> {
    return (await this.postMany(origin, [input], '')).results[0];
  }

  /** Several alerts, all or nothing; problems are named `alerts[i].field`. */
  async postBatch(origin: AlertOrigin, inputs: unknown): Promise<PostAlertBatchResponse> {
    if (!Array.isArray(inputs) || inputs.length === 0) {
      throw new AppError('validation_failed', 400, 'Send {"alerts": [...]} with at least one alert.', { alerts: ['Send a non-empty list of alerts.'] });
    }
    if (inputs.length > ALERT_LIMITS.batchMax) {
      throw new AppError('validation_failed', 400, `At most ${ALERT_LIMITS.batchMax} alerts per batch.`, { alerts: [`At most ${ALERT_LIMITS.batchMax} alerts per batch.`] });
    }
    return this.postMany(origin, inputs, 'alerts');
  }

  private async postMany(origin: AlertOrigin, inputs: unknown[], listName: string): Promise<PostAlertBatchResponse> {
    const sender = await this.audience.sender(origin);
    const now = this.clock.now();
    const problems: Problems = {};
    const checked: CheckedAlert[] = [];
    inputs.forEach((input, i) => {
      const result = checkAlert(input, now, sender.origins, listName ? `${listName}[${i}].` : '');
      Object.assign(problems, result.problems);
      if (result.alert) checked.push(result.alert);
    });
    const keys = checked.map((a) => a.dedupeKey).filter((k): k is string => k !== null);
    if (new Set(keys).size !== keys.length) problems[listName || 'dedupeKey'] = ['Each alert in a batch needs its own dedupeKey.'];
    if (Object.keys(problems).length > 0) {
      const first = Object.entries(problems)[0];
      throw new AppError('validation_failed', 400, `${first[0]}: ${first[1][0]}`, problems);
    }

    const resolved: Array<{ alert: CheckedAlert; recipients: { ids: string[]; skipped: number } }> = [];
    for (const [i, alert] of checked.entries()) {
      const recipients = alert.everyone ? { ids: [], skipped: 0 } : await this.audience.resolve(sender, alert.users, alert.groups, listName ? `${listName}[${i}].` : '');
      resolved.push({ alert, recipients });
    }
    const broadcastSize = checked.some((a) => a.everyone) ? await this.audience.broadcastSize(sender) : 0;

    const store = () =>
      this.dataSource.transaction(async (tx) => {
        const outcomes: Array<{ id: string; status: PostAlertResponse['status']; eventId: number | null }> = [];
        for (const { alert, recipients } of resolved) outcomes.push(await this.store(tx, sender, alert, recipients.ids, now));
        return outcomes;
      });
    let outcomes;
    try {
      outcomes = await store();
    } catch (error) {
      // Two retries of the same alert raced: the loser finds the winner's row on its second try.
      if (!isUniqueViolation(error)) throw error;
      outcomes = await store();
    }
    await this.bus.publish(outcomes.map((o) => o.eventId).filter((id): id is number => id !== null));
    return {
      results: outcomes.map(({ id, status }, i) => ({
        id,
        status,
        recipients: resolved[i].alert.everyone ? broadcastSize : resolved[i].recipients.ids.length,
        skipped: resolved[i].recipients.skipped,
      })),
    };
  }

  private async store(tx: EntityManager, sender: Sender, alert: CheckedAlert, recipientIds: string[], now: Date): Promise<{ id: string; status: PostAlertResponse['status']; eventId: number | null }> {
    const hash = contentHash(alert);
    const fields = {
      title: alert.title,
      body: alert.body,
      severity: alert.severity,
      link: alert.link,
      actions: alert.actions.length ? alert.actions : null,
      expiresAt: alert.expiresAt,
      contentHash: hash,
      broadcast: alert.everyone ? sender.broadcast : null,
      senderName: sender.name,
      appId: sender.appId,
    };
    const existing = alert.dedupeKey ? await tx.findOneBy(AlertEntity, { sender: sender.sender, dedupeKey: alert.dedupeKey }) : null;
    let id: string;
    let status: PostAlertResponse['status'];
    if (existing && existing.contentHash === hash) return { id: existing.id, status: 'unchanged', eventId: null };
    if (existing) {
      id = existing.id;
      status = 'updated';
      await tx.update(AlertEntity, { id }, { ...fields, updatedAt: now });
      // Changed content is news again for whoever had read or dismissed it.
      await tx.update(AlertRecipientEntity, { alertId: id }, { readAt: null, dismissedAt: null });
    } else {
      id = randomUUID();
      status = 'created';
      await tx.insert(AlertEntity, { id, source: sender.source, sender: sender.sender, dedupeKey: alert.dedupeKey, createdAt: now, updatedAt: now, ...fields });
    }
    const have = existing ? new Set((await tx.find(AlertRecipientEntity, { select: { userId: true }, where: { alertId: id } })).map((r) => r.userId)) : new Set<string>();
    const rows = recipientIds.filter((userId) => !have.has(userId)).map((userId) => ({ alertId: id, userId, readAt: null, dismissedAt: null }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(AlertRecipientEntity, rows.slice(i, i + INSERT_CHUNK));
    if (existing && !alert.everyone) {
      // The update names its recipients anew: people it no longer names stop seeing it.
      const keep = new Set(recipientIds);
      const dropped = [...have].filter((userId) => !keep.has(userId));
      for (let i = 0; i < dropped.length; i += INSERT_CHUNK) await tx.delete(AlertRecipientEntity, { alertId: id, userId: In(dropped.slice(i, i + INSERT_CHUNK)) });
    }
    const event = await tx.insert(AlertEventEntity, { kind: 'alert', alertId: id, userId: null, payload: null, createdAt: now });
    return { id, status, eventId: Number(event.identifiers[0]['id']) };
  }

  /** What one person may see now: their apps and kind (read once per request or stream). */
  async readerFor(userId: string): Promise<Reader> {
    const { open, guest } = await this.entitlements.access(userId);
    return { userId, guest, openApps: open };
  }

  async list(reader: Reader, query: AlertListQuery): Promise<AlertList> {
    const limit = Math.min(query.limit ?? PAGE_DEFAULT, PAGE_MAX);
    const cursor = query.before ? parseCursor(query.before) : null;
    const page = await this.newestVisible(reader, limit + 1, (q) => {
      if (query.appId) q.andWhere('a.app_id = :appId', { appId: query.appId });
      if (query.severity) q.andWhere('a.severity = :severity', { severity: query.severity });
      if (query.unread) q.andWhere('r.read_at IS NULL');
      if (cursor) q.andWhere(new Brackets((w) => w.where('a.updated_at < :at', { at: cursor.at }).orWhere('a.updated_at = :at AND a.id < :id', { at: cursor.at, id: cursor.id })));
    });
    const shown = page.slice(0, limit);
    const alerts = new Map((shown.length ? await this.dataSource.getRepository(AlertEntity).findBy({ id: In(shown.map((p) => p.id)) }) : []).map((a) => [a.id, a]));
    const items = shown.flatMap((p) => (alerts.has(p.id) ? [this.view(alerts.get(p.id) as AlertEntity, p.read)] : []));
    const last = page.length > limit ? alerts.get(shown[shown.length - 1].id) : undefined;
    return { items, counts: await this.counts(reader), nextCursor: last ? makeCursor(last) : null };
  }

  /**
   * The newest `take` alerts the person may see (ids, last change, read), like `visible` but in two
   * queries that each start from an index — their own rows, then the few `everyone` alerts — merged
   * here: one query from `alerts` would walk every alert to find this person's (a second for 30
   * rows among a million).
   */
  private async newestVisible(reader: Reader, take: number, filter: (q: SelectQueryBuilder<AlertRecipientEntity | AlertEntity>) => void): Promise<Array<{ id: string; at: number; read: boolean }>> {
    const now = this.clock.now();
    const notExpired = new Brackets((w) => w.where('a.expires_at IS NULL').orWhere('a.expires_at > :now', { now }));
    const addressed = this.dataSource
      .getRepository(AlertRecipientEntity)
      .createQueryBuilder('r')
      .innerJoin(AlertEntity, 'a', 'a.id = r.alert_id')
      .where('r.user_id = :userId', { userId: reader.userId })
      .andWhere('a.broadcast IS NULL')
      .andWhere('r.dismissed_at IS NULL')
      .andWhere(notExpired);
    const broadcast = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .leftJoin(AlertRecipientEntity, 'r', 'r.alert_id = a.id AND r.user_id = :userId', { userId: reader.userId })
      .where(this.broadcastTo(reader))
      .andWhere('r.dismissed_at IS NULL')
      .andWhere(notExpired);
    const rows: Array<{ id: string; at: number; read: boolean }> = [];
    for (const q of [addressed, broadcast] as Array<SelectQueryBuilder<AlertRecipientEntity | AlertEntity>>) {
      filter(q);
      const raw = await q
        .select(['a.id AS id', 'a.updated_at AS updated_at', 'r.read_at AS read_at'])
        .orderBy('a.updated_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .limit(take)
        .getRawMany<{ id: string; updated_at: string | Date; read_at: string | Date | null }>();
      for (const row of raw) rows.push({ id: row.id, at: storedDate(row.updated_at).getTime(), read: row.read_at != null });
    }
    return rows.sort((x, y) => y.at - x.at || (y.id < x.id ? -1 : y.id > x.id ? 1 : 0)).slice(0, take);
  }

  /** One alert the person may see, else 404 (never says whether it exists for someone else). */
  async one(reader: Reader, id: string): Promise<AlertView> {
    const found = await this.visible(reader, this.clock.now()).addSelect(['r.read_at AS read_at']).andWhere('a.id = :id', { id }).getRawAndEntities();
    if (!found.entities[0]) throw new AppError('not_found', 404, 'No such alert.');
    return this.view(found.entities[0], found.raw[0]['read_at'] != null);
  }

  /**
   * Unread counts in two queries that each start from an index, instead of one over every alert
   * (a LEFT JOIN from `alerts` reads all of them — 300,000 rows for ~10 unread): the person's own
   * unread rows (alert_recipients_user), then the few `everyone` alerts (the broadcast index), which
   * have a row for this person only once read or dismissed. Same rule as `visible`.
   */
  async counts(reader: Reader): Promise<AlertCounts> {
    const now = this.clock.now();
    const addressed = this.dataSource
      .getRepository(AlertRecipientEntity)
      .createQueryBuilder('r')
      .innerJoin(AlertEntity, 'a', 'a.id = r.alert_id')
      .where('r.user_id = :userId', { userId: reader.userId })
      .andWhere('r.read_at IS NULL')
      .andWhere('r.dismissed_at IS NULL')
      .andWhere('a.broadcast IS NULL');
    const broadcast = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .leftJoin(AlertRecipientEntity, 'r', 'r.alert_id = a.id AND r.user_id = :userId', { userId: reader.userId })
      .where(this.broadcastTo(reader))
      .andWhere('r.read_at IS NULL')
      .andWhere('r.dismissed_at IS NULL');
    const counts: AlertCounts = { unread: 0, critical: 0, byApp: {} };
    for (const query of [addressed, broadcast]) {
      const rows = await query
        .andWhere(new Brackets((w) => w.where('a.expires_at IS NULL').orWhere('a.expires_at > :now', { now })))
        .select(['a.app_id AS app_id', 'a.severity AS severity', 'COUNT(*) AS n'])
        .groupBy('a.app_id')
        .addGroupBy('a.severity')
        .getRawMany<{ app_id: string | null; severity: string; n: string | number }>();
      for (const row of rows) {
        const n = Number(row.n);
        counts.unread += n;
        if (row.severity === 'critical') counts.critical += n;
        if (row.app_id) counts.byApp[row.app_id] = (counts.byApp[row.app_id] ?? 0) + n;
      }
    }
    return counts;
  }

  /** Read, unread or dismissed, for the person only. Returns the stream event's id. */
  async setState(reader: Reader, id: string, change: UpdateAlertStateRequest): Promise<void> {
    if (change.read === undefined && change.dismissed === undefined) {
      throw new AppError('validation_failed', 400, 'Send read or dismissed (true or false).', { read: ['Send read or dismissed.'] });
    }
    const now = this.clock.now();
    // A dismissed alert can be brought back ("undo"), so it is looked for among the dismissed too.
    const mine = await this.visible(reader, now, { withDismissed: true }).andWhere('a.id = :id', { id }).getExists();
    if (!mine) throw new AppError('not_found', 404, 'No such alert.');
    const state: Partial<AlertRecipientEntity> = {};
    if (change.read !== undefined) state.readAt = change.read ? now : null;
    if (change.dismissed !== undefined) state.dismissedAt = change.dismissed ? now : null;
    const eventId = await this.dataSource.transaction(async (tx) => {
      await this.upsertStates(tx, reader.userId, [id], state);
      return this.stateEvent(tx, reader.userId, { ids: [id], ...change }, now);
    });
    await this.bus.publish([eventId]);
  }

  /** Marks every unread alert (or one app's) read. */
  async readAll(reader: Reader, appId?: string): Promise<void> {
    const now = this.clock.now();
    const unread = await this.newestVisible(reader, 100_000, (q) => {
      q.andWhere('r.read_at IS NULL');
      if (appId) q.andWhere('a.app_id = :appId', { appId });
    });
    const ids = unread.map((r) => r.id);
    if (ids.length === 0) return;
    const eventId = await this.dataSource.transaction(async (tx) => {
      await this.upsertStates(tx, reader.userId, ids, { readAt: now });
      return this.stateEvent(tx, reader.userId, { ids, read: true }, now);
    });
    await this.bus.publish([eventId]);
  }

  /**
   * Alerts the person may see now: addressed to them (a row), or sent to everyone in an audience
   * they are in — and neither dismissed nor expired. `r` is their row, if any.
   */
  visible(reader: Reader, now: Date, options: { withDismissed?: boolean } = {}): SelectQueryBuilder<AlertEntity> {
    const query = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .leftJoin(AlertRecipientEntity, 'r', 'r.alert_id = a.id AND r.user_id = :userId', { userId: reader.userId })
      .where(new Brackets((w) => w.where('a.broadcast IS NULL AND r.user_id IS NOT NULL').orWhere(this.broadcastTo(reader))))
      .andWhere(new Brackets((w) => w.where('a.expires_at IS NULL').orWhere('a.expires_at > :now', { now })));
    return options.withDismissed ? query : query.andWhere('r.dismissed_at IS NULL');
  }

  /** The `everyone` alerts this person is in the audience of: all accounts, employees, or an app's users. */
  private broadcastTo(reader: Reader): Brackets {
    const openApps = [...reader.openApps];
    return new Brackets((b) => {
      b.where("a.broadcast = 'all'");
      if (!reader.guest) b.orWhere("a.broadcast = 'employees'");
      if (openApps.length > 0) b.orWhere("a.broadcast = 'app' AND a.app_id IN (:...openApps)", { openApps });
    });
  }

  /** Addressed alerts reach a person by a row; `everyone` alerts get one when first read or dismissed. */
  private async upsertStates(tx: EntityManager, userId: string, ids: string[], state: Partial<AlertRecipientEntity>): Promise<void> {
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      // Two tabs may give an `everyone` alert its first row at once: the second insert is ignored.
      const rows = chunk.map((alertId) => ({ alertId, userId, readAt: null, dismissedAt: null }));
      await tx.createQueryBuilder().insert().into(AlertRecipientEntity).values(rows).orIgnore().execute();
      await tx.update(AlertRecipientEntity, { userId, alertId: In(chunk) }, state);
    }
  }

  private async stateEvent(tx: EntityManager, userId: string, payload: Record<string, unknown>, now: Date): Promise<number> {
    const event = await tx.insert(AlertEventEntity, { kind: 'state', alertId: null, userId, payload: payload as never, createdAt: now });
    return Number(event.identifiers[0]['id']);
  }

  /** Passerelle's own alert to one person whose cause went away: dismissed for them (live too). */
  async withdrawSystemAlert(userId: string, dedupeKey: string): Promise<void> {
    const alert = await this.dataSource.getRepository(AlertEntity).findOneBy({ sender: 'system', dedupeKey });
    if (!alert) return;
    const reader = await this.readerFor(userId);
    if (await this.visible(reader, this.clock.now()).andWhere('a.id = :id', { id: alert.id }).getExists()) await this.setState(reader, alert.id, { dismissed: true });
  }

  /** Stores an `announcement` event (the feed changed) and tells the streams. */
  async announcementChanged(): Promise<void> {
    const event = await this.dataSource.getRepository(AlertEventEntity).insert({ kind: 'announcement', alertId: null, userId: null, payload: null, createdAt: this.clock.now() });
    await this.bus.publish([Number(event.identifiers[0]['id'])]);
  }

  view(alert: AlertEntity, read: boolean, appName?: string | null): AlertView {
    return {
      id: alert.id,
      source: alert.source,
      appId: alert.appId,
      appName: appName ?? alert.senderName,
      title: alert.title,
      body: alert.body,
      bodyHtml: alert.body ? renderMarkdown(alert.body) : '',
      severity: alert.severity,
      link: alert.link,
      actions: alert.actions ?? [],
      createdAt: alert.createdAt.toISOString(),
      updatedAt: alert.updatedAt.toISOString(),
      expiresAt: alert.expiresAt?.toISOString() ?? null,
      read,
    };
  }

  /** Removes alerts past their expiry or older than the retention, with their rows and events. */
  async prune(): Promise<number> {
    const now = this.clock.now();
    const cutoff = new Date(now.getTime() - this.config.alerts.retentionDays * 24 * 60 * 60 * 1000);
    const old = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where('a.updated_at < :cutoff', { cutoff })
      .orWhere('a.expires_at <= :now', { now })
      .limit(5000)
      .getRawMany<{ id: string }>();
    const ids = old.map((r) => r.id);
    for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
      const chunk = ids.slice(i, i + INSERT_CHUNK);
      await this.dataSource.transaction(async (tx) => {
        await tx.delete(AlertRecipientEntity, { alertId: In(chunk) });
        await tx.delete(AlertEventEntity, { alertId: In(chunk) });
        await tx.delete(AlertEntity, { id: In(chunk) });
      });
    }
    // The stream's log only serves reconnects: a week is plenty.
    await this.dataSource
      .getRepository(AlertEventEntity)
      .createQueryBuilder()
      .delete()
      .where('created_at < :weekAgo', { weekAgo: new Date(now.getTime() - 7 * 24 * 60 * 60 * 1000) })
      .execute();
    return ids.length;
  }
}

function makeCursor(alert: AlertEntity): string {
  return Buffer.from(`${alert.updatedAt.toISOString()}|${alert.id}`).toString('base64url');
}

function parseCursor(value: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(value, 'base64url').toString().split('|');
  // Only what makeCursor writes: a 4-digit-year ISO instant (PostgreSQL refuses years it can't store).
  const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(at ?? '') ? new Date(at) : new Date(NaN);
  if (!id || id.length > 36 || Number.isNaN(date.getTime())) throw new AppError('validation_failed', 400, 'This list position is not valid; reload the list.', { before: ['Not a valid position.'] });
  return { at: date, id };
}
