import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  SUPPORT_LIMITS,
  WEBHOOK_SIGNATURE_HEADER,
  WebhookEvents,
  type SaveWebhookRequest,
  type WebhookDeliveryView,
  type WebhookEvent,
  type WebhookView,
  type WebhookWithSecret,
} from '@passerelle/contracts';
import { DataSource, In, LessThan, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { randomToken } from '../../../infra/crypto/tokens';
import { addressRefusal, describeRefusal, literalAddress, parseAllowList, type AllowList } from '../../../infra/net/address-guard';
import { APP_VERSION } from '../../../infra/version';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { sendWebhook, WEBHOOK_TIMEOUT_MS, type Resolver } from './webhook-send';
import { webhookSignature } from './webhook-signature';

const SECRET_PURPOSE = 'support-webhook-secret';
/** Waits after each failed attempt; after the last one the delivery is `failed`. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120, 360, 720] as const;
/** How often the loop looks for due deliveries (a new delivery is also sent right after it is written). */
const TICK_MS = 5_000;
/** A claimed delivery's next_attempt_at: past the timeout, so a process that died mid-send only delays it. */
const CLAIM_SECONDS = 60;
const PER_PASS = 20;
const LOG_KEEP_DAYS = 30;
const TURNED_OFF = 'Not sent: the webhook was turned off';
const PAGE_SIZE = 50;

/**
 * Outbound webhooks for support: administrators register receivers; ticket events are written as
 * deliveries inside the ticket's transaction (`enqueue`) and sent after commit by a loop in the
 * serving process — signed, retried with backoff, each claimed with a conditional UPDATE so two
 * processes never send one delivery together.
 */
@Injectable()
export class WebhooksService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  private readonly allow: AllowList;
  private readonly allowHttp: boolean;
  private timer?: NodeJS.Timeout;
  /** Passes running in this process (several may: a slow receiver must not hold up the others). */
  private readonly passes = new Set<Promise<number>>();
  /** Webhooks with a send in flight here: one at a time each, so a slow one waits alone, in order. */
  private readonly busy = new Set<string>();
  private stopping = false;
  /** Tests replace DNS. */
  resolve?: Resolver;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.allow = parseAllowList(config.webhooks.allowPrivate);
    this.allowHttp = config.webhooks.allowPrivate.length > 0;
  }

  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter) return;
    this.timer = setInterval(() => this.kick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.passes]);
  }

  /* ------------------------------------------------------------ for the tickets ------------ */

  /**
   * Writes a pending delivery of `event` for every active webhook subscribed to it, inside the
   * caller's transaction; they are sent once it commits. `payload` is `{ ticket, message? }`.
   */
  async enqueue(manager: EntityManager, event: WebhookEvent, payload: object): Promise<void> {
    const hooks = await manager.find(WebhookEntity, { where: { active: true } });
    const now = this.clock.now();
    const ticketNumber = numberOf(payload);
    const rows = hooks
      .filter((hook) => eventsOf(hook).includes(event))
      .map((hook) => this.delivery(hook.id, event, payload, ticketNumber, now));
    if (rows.length === 0) return;
    await manager.insert(WebhookDeliveryEntity, rows);
    // Soon after the caller's commit (a delivery not yet visible waits for the next tick).
    setTimeout(() => this.kick(), 100).unref();
  }

  /* ------------------------------------------------------------ administration ------------- */

  async list(): Promise<WebhookView[]> {
    const hooks = await this.dataSource.getRepository(WebhookEntity).find({ order: { createdAt: 'ASC', id: 'ASC' } });
    return Promise.all(hooks.map((hook) => this.view(hook)));
  }

  async create(actor: string, input: SaveWebhookRequest, context: RequestContext): Promise<WebhookWithSecret> {
    const fields = this.validate(input);
    const now = this.clock.now();
    const secret = newSecret();
    const hook: WebhookEntity = { id: randomUUID(), ...fields, secretSealed: this.box.seal(secret, SECRET_PURPOSE), createdAt: now, updatedAt: now };
    await this.dataSource.transaction(async (tx) => {
      if ((await tx.count(WebhookEntity)) >= SUPPORT_LIMITS.webhooksMax) {
        throw new AppError('conflict', 409, `There can be at most ${SUPPORT_LIMITS.webhooksMax} webhooks.`);
      }
      await tx.insert(WebhookEntity, hook);
      await this.audit.record({ type: 'support.webhook.created', outcome: 'success', actor, subject: hook.id, details: { url: redact(hook.url), events: hook.events } }, context, tx);
    });
    return { ...(await this.view(hook)), secret };
  }

  async update(actor: string, id: string, input: SaveWebhookRequest, context: RequestContext): Promise<WebhookView> {
    const fields = this.validate(input);
    const hook = await this.find(id);
    const switchedOff = hook.active && !fields.active;
    Object.assign(hook, fields, { updatedAt: this.clock.now() });
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WebhookEntity, { id }, { ...fields, updatedAt: hook.updatedAt });
      if (switchedOff) await this.cancelWaiting(tx, id);
      await this.audit.record({ type: 'support.webhook.updated', outcome: 'success', actor, subject: id, details: { url: redact(hook.url), events: hook.events, active: hook.active } }, context, tx);
    });
    return this.view(hook);
  }

  async remove(actor: string, id: string, context: RequestContext): Promise<void> {
    const hook = await this.find(id);
    await this.dataSource.transaction(async (tx) => {
      await tx.delete(WebhookDeliveryEntity, { webhookId: id });
      await tx.delete(WebhookEntity, { id });
      await this.audit.record({ type: 'support.webhook.deleted', outcome: 'success', actor, subject: id, details: { url: redact(hook.url) } }, context, tx);
    });
  }

  /** An administrator turned the webhook off: what was still waiting to go is not sent (the log says why). */
  private async cancelWaiting(tx: EntityManager, webhookId: string): Promise<void> {
    await tx.update(WebhookDeliveryEntity, { webhookId, state: In(['pending', 'retrying']) }, { state: 'failed', lastError: TURNED_OFF, nextAttemptAt: null });
  }

  /** A new secret; the old one stops at once (deliveries still pending are signed with the new one). */
  async rotateSecret(actor: string, id: string, context: RequestContext): Promise<WebhookWithSecret> {
    const hook = await this.find(id);
    const secret = newSecret();
    hook.secretSealed = this.box.seal(secret, SECRET_PURPOSE);
    hook.updatedAt = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WebhookEntity, { id }, { secretSealed: hook.secretSealed, updatedAt: hook.updatedAt });
      await this.audit.record({ type: 'support.webhook.secret_rotated', outcome: 'success', actor, subject: id }, context, tx);
    });
    return { ...(await this.view(hook)), secret };
  }

  /** Sends a `ping` delivery now (whatever the webhook's events, active or not). */
  async test(actor: string, id: string, context: RequestContext): Promise<WebhookDeliveryView> {
    const hook = await this.find(id);
    const row = this.delivery(hook.id, 'ping', {}, null, this.clock.now());
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(WebhookDeliveryEntity, row);
      await this.audit.record({ type: 'support.webhook.tested', outcome: 'success', actor, subject: id }, context, tx);
    });
    this.kick();
    return deliveryView(row);
  }

  async deliveries(id: string, cursor: unknown): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null; total: number }> {
    await this.find(id);
    const offset = typeof cursor === 'string' && /^\d{1,7}$/.test(cursor) ? Number(cursor) : 0;
    const [rows, total] = await this.dataSource.getRepository(WebhookDeliveryEntity).findAndCount({
      where: { webhookId: id },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: offset,
      take: PAGE_SIZE,
    });
    return { items: rows.map(deliveryView), nextCursor: offset + rows.length < total ? String(offset + rows.length) : null, total };
  }

  /** Tries a delivery again now (one more attempt for a failed one). */
  async retry(actor: string, webhookId: string, deliveryId: string, context: RequestContext): Promise<WebhookDeliveryView> {
    const hook = await this.find(webhookId);
    const repo = this.dataSource.getRepository(WebhookDeliveryEntity);
    const row = await repo.findOneBy({ id: deliveryId, webhookId });
    if (!row) throw new AppError('not_found', 404, 'There is no such delivery.');
    if (row.state === 'delivered') throw new AppError('conflict', 409, 'This delivery was already delivered.');
    if (!hook.active) throw new AppError('conflict', 409, 'This webhook is turned off; turn it on before sending again.');
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.update(WebhookDeliveryEntity, { id: deliveryId }, { state: 'retrying', nextAttemptAt: now });
      await this.audit.record({ type: 'support.webhook.retried', outcome: 'success', actor, subject: webhookId, details: { delivery: deliveryId } }, context, tx);
    });
    this.kick();
    return deliveryView({ ...row, state: 'retrying', nextAttemptAt: now });
  }

  /* ------------------------------------------------------------ delivery ------------------- */

  /** Starts a pass (the loop, and right after new deliveries). */
  kick(): void {
    if (this.stopping) return;
    void this.sendDue().catch((error: Error) => this.logger.warn(`Webhook pass: ${error.message}`));
  }

  /**
   * One pass: due deliveries claimed and sent; resolves with how many it attempted once they and
   * the passes already running are done. Also prunes the log.
   */
  async sendDue(): Promise<number> {
    const running = [...this.passes];
    const pass = this.runPass().finally(() => this.passes.delete(pass));
    this.passes.add(pass);
    const [sent] = await Promise.all([pass, Promise.allSettled(running)]);
    return sent;
  }

  /**
   * Webhooks are served side by side, each one's deliveries in order: a receiver that hangs for
   * the 10 s timeout on every attempt delays only its own deliveries, never another receiver's.
   */
  private async runPass(): Promise<number> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(WebhookDeliveryEntity);
    await repo.delete({ createdAt: LessThan(new Date(now.getTime() - LOG_KEEP_DAYS * 86_400_000)) });
    const due = await repo.find({ where: { state: In(['pending', 'retrying']), nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC', id: 'ASC' }, take: PER_PASS });
    const byHook = new Map<string, WebhookDeliveryEntity[]>();
    for (const row of due) {
      // A webhook another pass is sending to is left to it (it comes back on a later pass).
      if (this.busy.has(row.webhookId) && !byHook.has(row.webhookId)) continue;
      this.busy.add(row.webhookId);
      byHook.set(row.webhookId, [...(byHook.get(row.webhookId) ?? []), row]);
    }
    const counts = await Promise.all(
      [...byHook].map(async ([hookId, rows]) => {
        let sent = 0;
        try {
          for (const row of rows) {
            if (this.stopping) break;
            if (await this.claimAndSend(row)) sent += 1;
          }
        } finally {
          this.busy.delete(hookId);
        }
        return sent;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  }

  private async claimAndSend(row: WebhookDeliveryEntity): Promise<boolean> {
    const now = this.clock.now();
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(WebhookDeliveryEntity)
      .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_SECONDS * 1000) })
      .where(`id = :id AND state IN ('pending', 'retrying') AND next_attempt_at <= :now`, { id: row.id, now })
      .execute();
    if (claimed.affected !== 1) return false;
    const hook = await this.dataSource.getRepository(WebhookEntity).findOneBy({ id: row.webhookId });
    if (!hook) return false;
    // Written just before the webhook was turned off: dropped like the rest (a test ping still goes).
    if (!hook.active && row.event !== 'ping') {
      await this.dataSource.getRepository(WebhookDeliveryEntity).update({ id: row.id }, { state: 'failed', lastError: TURNED_OFF, nextAttemptAt: null });
      return false;
    }
    const outcome = await this.attempt(hook, row, now);
    const attempts = row.attempts + 1;
    const after = this.clock.now();
    if (outcome.ok) {
      await this.dataSource.getRepository(WebhookDeliveryEntity).update({ id: row.id }, { state: 'delivered', attempts, lastStatus: outcome.status, lastError: null, nextAttemptAt: null, deliveredAt: after });
    } else {
      const delay = RETRY_DELAYS_MINUTES[attempts - 1];
      await this.dataSource.getRepository(WebhookDeliveryEntity).update(
        { id: row.id },
        {
          state: delay === undefined ? 'failed' : 'retrying',
          attempts,
          lastStatus: outcome.status,
          lastError: outcome.error.slice(0, 500),
          nextAttemptAt: delay === undefined ? null : new Date(after.getTime() + delay * 60_000),
        },
      );
    }
    return true;
  }

  private attempt(hook: WebhookEntity, row: WebhookDeliveryEntity, now: Date) {
    let secret: string;
    try {
      secret = this.box.open(hook.secretSealed, SECRET_PURPOSE);
    } catch {
      return Promise.resolve({ ok: false as const, status: null, error: 'The signing secret can’t be read (was the instance key changed?); rotate it' });
    }
    const url = this.urlProblem(hook.url);
    if (url) return Promise.resolve({ ok: false as const, status: null, error: url });
    const seconds = Math.floor(now.getTime() / 1000);
    return sendWebhook({
      url: hook.url,
      body: row.payload,
      allow: this.allow,
      resolve: this.resolve,
      timeoutMs: WEBHOOK_TIMEOUT_MS,
      headers: {
        'content-type': 'application/json',
        'user-agent': `Passerelle/${APP_VERSION} (webhooks; +${this.config.publicUrl})`,
        'passerelle-event': row.event,
        'passerelle-delivery': row.id,
        [WEBHOOK_SIGNATURE_HEADER.toLowerCase()]: webhookSignature(secret, seconds, row.payload),
      },
    });
  }

  /* ------------------------------------------------------------ helpers -------------------- */

  private delivery(webhookId: string, event: string, payload: object, ticketNumber: number | null, now: Date): WebhookDeliveryEntity {
    const id = randomUUID();
    return {
      id,
      webhookId,
      event,
      ticketNumber,
      payload: JSON.stringify({ id, event, occurredAt: now.toISOString(), ...payload }),
      state: 'pending',
      attempts: 0,
      lastStatus: null,
      lastError: null,
      nextAttemptAt: now,
      deliveredAt: null,
      createdAt: now,
    };
  }

  private async find(id: string): Promise<WebhookEntity> {
    const hook = /^[0-9a-f-]{36}$/i.test(id) ? await this.dataSource.getRepository(WebhookEntity).findOneBy({ id }) : null;
    if (!hook) throw new AppError('not_found', 404, 'There is no such webhook.');
    return hook;
  }

  private async view(hook: WebhookEntity): Promise<WebhookView> {
    const last = await this.dataSource.getRepository(WebhookDeliveryEntity).findOne({
      where: { webhookId: hook.id, state: In(['delivered', 'retrying', 'failed']) },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return {
      id: hook.id,
      url: hook.url,
      events: eventsOf(hook),
      active: hook.active,
      description: hook.description,
      createdAt: hook.createdAt.toISOString(),
      lastDelivery: last ? { at: (last.deliveredAt ?? last.createdAt).toISOString(), ok: last.state === 'delivered', status: last.lastStatus } : null,
    };
  }

  private validate(input: SaveWebhookRequest): Pick<WebhookEntity, 'url' | 'events' | 'active' | 'description'> {
    const fields: Record<string, string[]> = {};
    const url = input.url.trim();
    const urlProblem = this.urlProblem(url);
    if (urlProblem) fields['url'] = [urlProblem];
    const events = [...new Set(input.events)];
    if (events.length === 0) fields['events'] = ['Choose at least one event.'];
    const unknown = events.filter((e) => !(WebhookEvents as readonly string[]).includes(e));
    if (unknown.length) fields['events'] = [`Unknown events: ${unknown.join(', ')}. Use ${WebhookEvents.join(', ')}.`];
    if (Object.keys(fields).length) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', fields);
    return { url, events: JSON.stringify(events), active: input.active ?? true, description: (input.description ?? '').trim() };
  }

  /** Why Passerelle won't post to this URL, or null. Names resolve at each delivery (and are checked then). */
  private urlProblem(raw: string): string | null {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'Enter a full address, like https://helpdesk.example.com/hooks/passerelle.';
    }
    if (raw.length > SUPPORT_LIMITS.webhookUrlMax) return `Use at most ${SUPPORT_LIMITS.webhookUrlMax} characters.`;
    if (url.username || url.password) return 'Put credentials in the receiver’s check of the signature, not in the address.';
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && this.allowHttp)) {
      return this.allowHttp ? 'Use an http:// or https:// address.' : 'Use an https:// address (http:// only when WEBHOOK_ALLOW_PRIVATE is set).';
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const literal = literalAddress(host) ?? (host === 'localhost' || host.endsWith('.localhost') ? '127.0.0.1' : null);
    const refusal = literal ? addressRefusal(literal, host, this.allow) : null;
    if (refusal) return `Passerelle won’t post there: ${describeRefusal(refusal)}. An administrator may allow it with WEBHOOK_ALLOW_PRIVATE.`;
    return null;
  }
}

function newSecret(): string {
  return `whsec_${randomToken(32)}`;
}

function eventsOf(hook: WebhookEntity): WebhookEvent[] {
  try {
    const events = JSON.parse(hook.events) as unknown;
    return Array.isArray(events) ? events.filter((e): e is WebhookEvent => (WebhookEvents as readonly string[]).includes(e as string)) : [];
  } catch {
    return [];
  }
}

function numberOf(payload: object): number | null {
  const number = (payload as { ticket?: { number?: unknown } }).ticket?.number;
  return typeof number === 'number' && Number.isInteger(number) ? number : null;
}

/** For the audit trail: no query string (it may hold a token). */
function redact(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '';
  }
}

function deliveryView(row: WebhookDeliveryEntity): WebhookDeliveryView {
  return {
    id: row.id,
    event: row.event as WebhookEvent | 'ping',
    ticketNumber: row.ticketNumber,
    state: row.state,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    nextAttemptAt: row.state === 'delivered' || row.state === 'failed' ? null : (row.nextAttemptAt?.toISOString() ?? null),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}
