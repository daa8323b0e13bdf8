import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource, MoreThan } from 'typeorm';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { AlertEventEntity } from './entities/alert-event.entity';

const CHANNEL = 'passerelle_alerts';
const RECONNECT_MS = 1_000;

/**
 * Tells every portal process that an alert event was stored (its id; the row says the rest).
 * SQLite is one process: the news goes straight to this process's listeners. PostgreSQL may have
 * several: the news goes through NOTIFY, and each process (this one too) hears it through LISTEN —
 * so there is one path, and the order is the order of commits. After a lost LISTEN connection, the
 * process catches up from the table, so nothing is missed while it was away.
 */
@Injectable()
export class AlertBus implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('AlertBus');
  private readonly listeners: Array<(eventId: number) => void> = [];
  private listener?: Client;
  private closed = false;
  private lastHeard = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.database.kind !== 'postgres') return;
    this.lastHeard = await this.latestEventId();
    await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.listener?.end().catch(() => undefined);
  }

  onEvent(listener: (eventId: number) => void): void {
    this.listeners.push(listener);
  }

  /** After the event's transaction committed. */
  async publish(eventIds: readonly number[]): Promise<void> {
    if (eventIds.length === 0) return;
    if (this.config.database.kind !== 'postgres') {
      setImmediate(() => eventIds.forEach((id) => this.deliver(id)));
      return;
    }
    // One NOTIFY carries many ids (payloads stay far under PostgreSQL's 8000-byte limit). What is
    // stored stays stored if this fails: streams catch up from the table at their next reconnect.
    try {
      for (let i = 0; i < eventIds.length; i += 500) {
        await this.dataSource.query('SELECT pg_notify($1, $2)', [CHANNEL, eventIds.slice(i, i + 500).join(',')]);
      }
    } catch (error) {
      this.logger.warn(`Announcing alert events ${eventIds.join(',')}: ${(error as Error).message}`);
    }
  }

  async latestEventId(): Promise<number> {
    const latest = await this.dataSource.getRepository(AlertEventEntity).find({ select: { id: true }, order: { id: 'DESC' }, take: 1 });
    return latest[0]?.id ?? 0;
  }

  private deliver(eventId: number): void {
    if (eventId > this.lastHeard) this.lastHeard = eventId;
    for (const listener of this.listeners) listener(eventId);
  }

  private async listen(): Promise<void> {
    if (this.config.database.kind !== 'postgres' || this.closed) return;
    // keepAlive: a connection a firewall silently dropped shows up as an error, then a reconnect.
    const client = new Client({ connectionString: this.config.database.url, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      for (const id of message.payload.split(',').map(Number)) if (Number.isSafeInteger(id)) this.deliver(id);
    });
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  private reconnect(client: Client, error?: Error): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.logger.warn(`Lost the alerts LISTEN connection${error ? `: ${error.message}` : ''}; reconnecting.`);
    client.removeAllListeners();
    client.end().catch(() => undefined);
    setTimeout(() => void this.listenAndCatchUp(), RECONNECT_MS).unref();
  }

  private async listenAndCatchUp(): Promise<void> {
    // What was heard before the outage: notifications arriving once listening again don't move it.
    const since = this.lastHeard;
    try {
      await this.listen();
      const missed = await this.dataSource.getRepository(AlertEventEntity).find({ select: { id: true }, where: { id: MoreThan(since) }, order: { id: 'ASC' } });
      for (const { id } of missed) this.deliver(id);
    } catch (error) {
      this.logger.warn(`Alerts LISTEN: ${(error as Error).message}; retrying.`);
      setTimeout(() => void this.listenAndCatchUp(), RECONNECT_MS * 5).unref();
    }
  }
}
