import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertEventName, AlertView } from '@passerelle/contracts';
import type { Response } from 'express';
import { DataSource, In, MoreThan } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { AlertBus } from './alert-bus';
import { AlertsService, type Reader } from './alerts.service';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { AlertRecipientEntity } from './entities/alert-recipient.entity';

/** How far back a reconnect looks besides Last-Event-ID: PostgreSQL may commit ids out of order. */
const RESUME_OVERLAP = 50;
const RESUME_MAX = 1000;
/** Events a reconnect replays at most; past that, `reset`. */
const RESUME_MAX_GAP = 20_000;
/** A person's apps are read again this often on an open stream (access can change while connected). */
const READER_TTL_MS = 60_000;
const COUNTS_CONCURRENCY = 8;

/** One open EventSource. Events that arrive while its catch-up runs wait in `pending`. */
interface Connection {
  userId: string;
  sessionUid: string;
  res: Response;
  reader: Reader;
  readerAt: number;
  pending: number[] | null;
  lastSent: number;
}

/**
 * The live side of alerts: Server-Sent Events to every open dashboard of this process. Each stored
 * event (AlertBus) is sent to the connected people it concerns; a reconnecting browser sends
 * Last-Event-ID and gets what it missed, from the table, before anything newer.
 */
@Injectable()
export class AlertStreamService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('AlertStream');
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly countsDue = new Set<string>();
  private countsRunning = 0;
  private countsScheduled = false;
  private heartbeat?: NodeJS.Timeout;
  private sessionCheck?: (connection: { userId: string; sessionUid: string }) => Promise<boolean>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly bus: AlertBus,
  ) {
    bus.onEvent((id) => void this.dispatch(id).catch((error: Error) => this.logger.warn(`Alert event ${id}: ${error.message}`)));
  }

  /** How a stream's session is checked at each heartbeat (the sessions service, set by the controller's module). */
  checkSessionsWith(check: (connection: { userId: string; sessionUid: string }) => Promise<boolean>): void {
    this.sessionCheck = check;
  }

  /** Before the HTTP server closes: it would otherwise wait for these never-ending responses. */
  beforeApplicationShutdown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const connections of this.byUser.values()) for (const c of connections) c.res.end();
    this.byUser.clear();
  }

  /** Starts a stream on `res` (headers are set here) and sends what was missed since `lastEventId`. */
  async open(user: { id: string; sessionUid: string }, res: Response, lastEventId: number | null): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    res.write('retry: 3000\n\n');
    // The browser may leave while the stream is still being set up: then it is never added.
    let closed = false;
    res.on('close', () => (closed = true));

    let connection: Connection | undefined;
    try {
      connection = {
        userId: user.id,
        sessionUid: user.sessionUid,
        res,
        reader: await this.alerts.readerFor(user.id),
        readerAt: Date.now(),
        pending: [],
        lastSent: lastEventId ?? 0,
      };
      if (closed) return;
      const added = connection;
      this.add(added);
      res.on('close', () => this.remove(added));

      if (lastEventId !== null) await this.catchUp(added, lastEventId, () => closed);
      const pending = added.pending ?? [];
      added.pending = null;
      for (const id of pending) if (id > added.lastSent) await this.dispatchTo(id, [added]);
      this.send(added, 'counts', await this.alerts.counts(added.reader));
      this.startHeartbeat();
    } catch (error) {
      // Headers are out, so no error body: end the stream, and the browser comes back with Last-Event-ID.
      this.logger.warn(`Opening an event stream: ${(error as Error).message}`);
      if (connection) this.remove(connection);
      res.end();
    }
  }

  private async catchUp(connection: Connection, lastEventId: number, gone: () => boolean): Promise<void> {
    // Beyond RESUME_MAX_GAP (a laptop waking after a long night, or a made-up id) replaying everyone's
    // events costs more than reloading: the page is told to reload its lists instead.
    const latest = await this.bus.latestEventId();
    if (lastEventId > latest || latest - lastEventId > RESUME_MAX_GAP) {
      this.send(connection, 'reset', {}, latest);
      return;
    }
    // Page by page: the log is everyone's, so on a busy portal more than a page may have passed.
    let after = Math.max(0, lastEventId - RESUME_OVERLAP);
    for (;;) {
      const events = await this.dataSource.getRepository(AlertEventEntity).find({ where: { id: MoreThan(after) }, order: { id: 'ASC' }, take: RESUME_MAX });
      for (const event of events) {
        // The overlap re-sends alerts (the page replaces them by id); state events it already saw are skipped.
        if (event.id <= lastEventId && event.kind !== 'alert') continue;
        await this.deliverTo(event, [connection]);
      }
      if (events.length < RESUME_MAX || gone() || connection.res.writableEnded) return;
      after = events[events.length - 1].id;
    }
  }

  private async dispatch(eventId: number): Promise<void> {
    const everyone = [...this.byUser.values()].flatMap((set) => [...set]);
    if (everyone.length === 0) return;
    const ready = everyone.filter((c) => {
      if (c.pending) c.pending.push(eventId);
      return !c.pending;
    });
    await this.dispatchTo(eventId, ready);
  }

  private async dispatchTo(eventId: number, connections: Connection[]): Promise<void> {
    const event = await this.dataSource.getRepository(AlertEventEntity).findOneBy({ id: eventId });
    if (event) await this.deliverTo(event, connections);
  }

  private async deliverTo(event: AlertEventEntity, connections: Connection[]): Promise<void> {
    if (connections.length === 0) return;
    if (event.kind === 'announcement') {
      for (const c of connections) this.send(c, 'announcement', {}, event.id);
      return;
    }
    if (event.kind === 'state') {
      for (const c of connections.filter((c) => c.userId === event.userId)) {
        this.send(c, 'alert-state', event.payload ?? {}, event.id);
        this.countsLater(c.userId);
      }
      return;
    }
    const alert = event.alertId ? await this.dataSource.getRepository(AlertEntity).findOneBy({ id: event.alertId }) : null;
    if (!alert) return;
    const targets = await this.recipientsAmong(alert, connections);
    if (targets.length === 0) return;
    const states = await this.statesOf(alert.id, targets);
    // One view per read state, not per connection: rendering the body is the costly part.
    const views = new Map<boolean, AlertView>();
    const viewOf = (read: boolean): AlertView => {
      let view = views.get(read);
      if (!view) views.set(read, (view = this.alerts.view(alert, read)));
      return view;
    };
    for (const c of targets) {
      const state = states.get(c.userId);
      if (state?.dismissedAt) continue;
      this.send(c, 'alert', viewOf(!!state?.readAt), event.id);
      this.countsLater(c.userId);
    }
  }

  /** Which of these connections the alert is for (refreshing a reader whose apps may have changed). */
  private async recipientsAmong(alert: AlertEntity, connections: Connection[]): Promise<Connection[]> {
    // Expiry is judged by the portal's clock, as the list and the counts judge it.
    if (alert.expiresAt && alert.expiresAt.getTime() <= this.clock.now().getTime()) return [];
    switch (alert.broadcast) {
      case 'all':
        return connections;
      case 'employees':
      case 'app': {
        const targets: Connection[] = [];
        for (const c of connections) {
          const reader = await this.freshReader(c);
          if (alert.broadcast === 'employees' ? !reader.guest : alert.appId !== null && reader.openApps.has(alert.appId)) targets.push(c);
        }
        return targets;
      }
      default: {
        const users = [...new Set(connections.map((c) => c.userId))];
        const rows = await this.inChunks(users, (chunk) =>
          this.dataSource.getRepository(AlertRecipientEntity).find({ select: { userId: true }, where: { alertId: alert.id, userId: In(chunk) } }),
        );
        const addressed = new Set(rows.map((r) => r.userId));
        return connections.filter((c) => addressed.has(c.userId));
      }
    }
  }

  /**
   * The person's apps and kind, read again once older than READER_TTL_MS (access can change while
   * connected). Only where they matter — `everyone` alerts and counts: an alert addressed by rows
   * doesn't wait for 2,000 readers to be refreshed before it is sent.
   */
  private async freshReader(connection: Connection): Promise<Reader> {
    const now = Date.now();
    if (now - connection.readerAt > READER_TTL_MS) {
      connection.reader = await this.alerts.readerFor(connection.userId);
      connection.readerAt = now;
    }
    return connection.reader;
  }

  private async statesOf(alertId: string, connections: Connection[]): Promise<Map<string, AlertRecipientEntity>> {
    const users = [...new Set(connections.map((c) => c.userId))];
    const rows = await this.inChunks(users, (chunk) => this.dataSource.getRepository(AlertRecipientEntity).findBy({ alertId, userId: In(chunk) }));
    return new Map(rows.map((r) => [r.userId, r]));
  }

  private async inChunks<T>(items: string[], load: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < items.length; i += 500) out.push(...(await load(items.slice(i, i + 500))));
    return out;
  }

  /**
   * Counts follow alerts; for a burst to thousands, they are worked through a few at a time, each
   * few in a later turn of the event loop. Why later: a response's writes leave the process when the
   * loop turns (Node corks them until the next tick), and with SQLite's synchronous driver a chain of
   * 2,000 counts queries never lets it turn — every stream would get its alert only after everyone's
   * counts were computed.
   */
  private countsLater(userId: string): void {
    this.countsDue.add(userId);
    this.scheduleCounts();
  }

  private scheduleCounts(): void {
    if (this.countsScheduled) return;
    this.countsScheduled = true;
    setImmediate(() => {
      this.countsScheduled = false;
      while (this.countsRunning < COUNTS_CONCURRENCY && this.countsDue.size > 0) {
        const next = this.countsDue.values().next().value as string;
        this.countsDue.delete(next);
        this.countsRunning += 1;
        void this.sendCounts(next).finally(() => {
          this.countsRunning -= 1;
          if (this.countsDue.size > 0) this.scheduleCounts();
        });
      }
    });
  }

  private async sendCounts(userId: string): Promise<void> {
    const connections = this.byUser.get(userId);
    if (!connections?.size) return;
    const first = [...connections][0];
    try {
      const counts = await this.alerts.counts(await this.freshReader(first));
      for (const c of connections) this.send(c, 'counts', counts);
    } catch (error) {
      this.logger.warn(`Counts for ${userId}: ${(error as Error).message}`);
    }
  }

  private send(connection: Connection, event: AlertEventName, data: unknown, id?: number): void {
    if (connection.res.writableEnded) return;
    const idLine = id !== undefined ? `id: ${id}\n` : '';
    connection.res.write(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (id !== undefined && id > connection.lastSent) connection.lastSent = id;
  }

  private add(connection: Connection): void {
    let set = this.byUser.get(connection.userId);
    if (!set) this.byUser.set(connection.userId, (set = new Set()));
    set.add(connection);
  }

  private remove(connection: Connection): void {
    const set = this.byUser.get(connection.userId);
    set?.delete(connection);
    if (set?.size === 0) this.byUser.delete(connection.userId);
    if (this.byUser.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = undefined;
    }
  }

  /** A comment keeps proxies from closing an idle stream; a stream whose session ended is closed. */
  private startHeartbeat(): void {
    if (this.heartbeat) return;
    this.heartbeat = setInterval(() => void this.beat(), this.config.alerts.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  private async beat(): Promise<void> {
    for (const set of [...this.byUser.values()]) {
      for (const c of [...set]) {
        if (this.sessionCheck && !(await this.sessionCheck(c).catch(() => true))) {
          c.res.end();
          this.remove(c);
          continue;
        }
        c.res.write(': keep-alive\n\n');
      }
    }
  }
}
