import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createTransport, type Transporter } from 'nodemailer';
import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { OutboxMail, Page } from '@passerelle/contracts';
import { Clock } from '../clock';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { OutboxMailEntity } from './entities/outbox-mail.entity';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

const SUBJECT_MAX = 200;
const ERROR_MAX = 500;
export const OUTBOX_PAGE_SIZE_MAX = 100;

/**
 * Every mail goes to the outbox table first (in the caller's transaction when given one), so it is
 * never lost and never sent for a change that rolled back. With SMTP configured, it is delivered in
 * the background once that row is committed, and the row records sentAt or the last error: a mail
 * server that is down never fails the request that wrote the mail.
 */
@Injectable()
export class MailService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Mail');
  private readonly transport: Transporter | undefined;
  /** Mails written inside a transaction that has not committed yet, by the transaction's query runner. */
  private readonly awaitingCommit = new WeakMap<QueryRunner, string[]>();
  private readonly deliveries = new Set<Promise<void>>();
  /** Created outside any request or transaction; see deliverSoon(). */
  private detached: AsyncResource | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.transport = config.mail.smtpUrl
      ? createTransport({ url: config.mail.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }, { from: config.mail.from })
      : undefined;
  }

  /** Whether mail leaves the outbox at all (an SMTP server is configured). */
  get delivers(): boolean {
    return this.transport !== undefined;
  }

  onModuleInit(): void {
    this.detached = new AsyncResource('passerelle.mail-delivery');
    if (!this.transport) return;
    const subscriber: EntitySubscriberInterface = {
      afterTransactionCommit: (event: TransactionCommitEvent) => this.transactionEnded(event.queryRunner, true),
      afterTransactionRollback: (event: TransactionRollbackEvent) => this.transactionEnded(event.queryRunner, false),
    };
    this.dataSource.subscribers.push(subscriber);
  }

  /** Lets deliveries under way finish (or fail) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
    this.transport?.close();
  }

  /** Writes the mail to the outbox and, with SMTP, delivers it once committed. Returns the outbox id. */
  async send(message: MailMessage, manager?: EntityManager): Promise<string> {
    const id = randomUUID();
    await (manager ?? this.dataSource.manager).insert(OutboxMailEntity, {
      id,
      toAddress: message.to,
      subject: oneLine(message.subject).slice(0, SUBJECT_MAX),
      textBody: message.text,
      createdAt: this.clock.now(),
      sentAt: null,
      attempts: 0,
      lastError: null,
    });
    if (!this.transport) return id;
    const runner = manager?.queryRunner;
    if (runner?.isTransactionActive) this.awaitingCommit.set(runner, [...(this.awaitingCommit.get(runner) ?? []), id]);
    else this.deliverSoon(id);
    return id;
  }

  /** Resolves once no delivery is under way (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
  }

  /** Newest first; `page` counts from 1. */
  async listOutbox(page: number, pageSize: number): Promise<Page<OutboxMail>> {
    const size = Math.min(Math.max(Math.trunc(pageSize) || 1, 1), OUTBOX_PAGE_SIZE_MAX);
    const number = Math.max(Math.trunc(page) || 1, 1);
    const [rows, total] = await this.dataSource.getRepository(OutboxMailEntity).findAndCount({
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (number - 1) * size,
      take: size,
    });
    return { items: rows.map(toOutboxMail), total, page: number, pageSize: size };
  }

  private transactionEnded(runner: QueryRunner, committed: boolean): void {
    // Savepoints end too; only the outermost transaction's end decides.
    if (runner.isTransactionActive) return;
    const ids = this.awaitingCommit.get(runner);
    this.awaitingCommit.delete(runner);
    if (committed) ids?.forEach((id) => this.deliverSoon(id));
  }

  /**
   * Starts a delivery nobody awaits. It runs in the async context of module start-up, not of the
   * caller: on SQLite the transaction gate follows the caller's context, and a delivery must not
   * look like part of a transaction that has just committed.
   */
  private deliverSoon(id: string): void {
    const run = () => this.deliver(id);
    const delivery = (this.detached ? this.detached.runInAsyncScope(run) : run()).finally(() => this.deliveries.delete(delivery));
    this.deliveries.add(delivery);
  }

  private async deliver(id: string): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    try {
      const mail = await this.dataSource.getRepository(OutboxMailEntity).findOneBy({ id });
      if (!mail || mail.sentAt) return;
      let outcome: Partial<OutboxMailEntity>;
      try {
        await transport.sendMail({ to: mail.toAddress, subject: mail.subject, text: mail.textBody });
        // Delivered: the outbox copy no longer needs the one-time link (a backup must not hold live links).
        outcome = { sentAt: this.clock.now(), lastError: null, textBody: withoutOneTimeTokens(mail.textBody) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.logger.warn(`Could not send mail ${id} (kept in the outbox): ${reason}`);
        outcome = { lastError: reason.slice(0, ERROR_MAX) };
      }
      await this.dataSource.manager.update(OutboxMailEntity, { id }, { ...outcome, attempts: () => 'attempts + 1' });
    } catch (error) {
      this.logger.error(`Could not record the delivery of mail ${id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}

function toOutboxMail(mail: OutboxMailEntity): OutboxMail {
  return {
    id: mail.id,
    to: mail.toAddress,
    subject: mail.subject,
    text: mail.textBody,
    createdAt: mail.createdAt.toISOString(),
    sentAt: mail.sentAt ? mail.sentAt.toISOString() : null,
  };
}

/** Removes the token of every one-time link (`…#token=…`) from a delivered mail's stored text. */
export function withoutOneTimeTokens(text: string): string {
  return text.replace(/#token=[\w-]+/g, '#token=[removed after delivery]');
}
