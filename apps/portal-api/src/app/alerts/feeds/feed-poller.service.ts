import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeedProblem, FeedState } from '@passerelle/contracts';
import { DataSource, In, IsNull, LessThan, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { parseAllowList, type AllowList } from '../../../infra/net/address-guard';
import { APP_VERSION } from '../../../infra/version';
import { AuditService } from '../../audit/audit.service';
import { CatalogAppEntity } from '../../catalog/entities/catalog-app.entity';
import { AppError } from '../../http/app-error';
import { CLI_CONTEXT } from '../../http/request-context';
import { AlertsService } from '../alerts.service';
import { FeedItemEntity } from './entities/feed-item.entity';
import { FeedEntity } from './entities/feed.entity';
import { fetchFeed } from './feed-fetch';
import { alertDedupeKey, parseFeed, sha256, type FeedItem } from './feed-parser';
import { FeedProblemError } from './feed-problem';
import { addSeconds, nextPollDelaySeconds } from './feed-schedule';

/** How often the loop looks for due feeds. */
export const FEED_TICK_MS = 15_000;
/** Feeds polled at once, so a catalog of slow feeds never floods the network or the event loop. */
export const FEED_CONCURRENCY = 4;
/** Due feeds taken in one pass (the rest wait for the next tick). */
const FEEDS_PER_PASS = 20;
/** A claimed feed's next_check_at: long past the 10 s timeout, so a process that died mid-poll only delays it. */
const CLAIM_SECONDS = 120;
/** Items no longer in the feed for this long are forgotten (the feed lists only its latest items). */
const SEEN_KEEP_DAYS = 30;

/** The audit's actor for what the poller does by itself. */
const FEED_ACTOR = 'system';

export interface FeedPassReport {
  polled: number;
  alerted: number;
}

type Outcome =
  | { state: 'ok'; etag: string | null; lastModified: string | null; recorded: number; alerted: number; baseline: boolean }
  | { state: 'not_modified' }
  | { state: 'error' | 'blocked'; message: string; problem: FeedProblem };

/**
 * Polls apps' feeds and turns each new item into an alert to everyone who may use the app. In the
 * serving process (not the CLI), a loop on a timer takes due feeds a few at a time. A feed is
 * claimed with a conditional UPDATE (due → moved forward), so processes sharing a database never
 * poll it together. The first successful poll of a feed records what is there without alerting;
 * later polls alert only items never seen (kept in feed_items, so restarts don't alert again).
 */
@Injectable()
export class FeedPollerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Feeds');
  private readonly allow: AllowList;
  private readonly userAgent: string;
  private timer?: NodeJS.Timeout;
  private pass?: Promise<FeedPassReport>;
  /** At shutdown: the feeds polled now finish, no other is claimed (each may take up to 10 s). */
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly alerts: AlertsService,
    private readonly audit: AuditService,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    this.allow = parseAllowList(config.feeds.allowPrivate);
    this.userAgent = `Passerelle/${APP_VERSION} (feed reader; +${config.publicUrl})`;
  }

  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) this.startJob();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.stopJob();
    await this.pass?.catch(() => undefined);
  }

  startJob(): void {
    this.stopJob();
    this.timer = setInterval(() => void this.pollDue().catch((error: Error) => this.logger.warn(`Feed pass: ${error.message}`)), FEED_TICK_MS);
    this.timer.unref();
  }

  /** Stops the loop (tests drive passes themselves). */
  stopJob(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass: feed rows brought in line with the catalog, then every due feed polled. */
  pollDue(): Promise<FeedPassReport> {
    this.pass ??= this.runPass().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /**
   * Polls one app's feed now, whatever its schedule ("Check now"): it is made due, then claimed like
   * any due feed. Should a poll by another process be under way, the two may overlap — harmless:
   * items already recorded are skipped and every alert carries its item's dedupe key. False when
   * the app has no feed, or a pass of this process claimed it first.
   */
  async pollNow(appId: string): Promise<boolean> {
    await this.sync();
    const feed = await this.dataSource.getRepository(FeedEntity).findOneBy({ appId });
    if (!feed) return false;
    await this.dataSource.getRepository(FeedEntity).update({ appId, url: feed.url }, { nextCheckAt: this.clock.now() });
    return (await this.claimAndPoll(feed)) !== null;
  }

  private async runPass(): Promise<FeedPassReport> {
    await this.sync();
    const due = await this.dataSource.getRepository(FeedEntity).find({
      where: { nextCheckAt: LessThanOrEqual(this.clock.now()) },
      order: { nextCheckAt: 'ASC' },
      take: FEEDS_PER_PASS,
    });
    const report: FeedPassReport = { polled: 0, alerted: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.stopping) {
        const outcome = await this.claimAndPoll(due[next++]);
        if (!outcome) continue;
        report.polled += 1;
        if (outcome.state === 'ok') report.alerted += outcome.alerted;
      }
    };
    await Promise.all(Array.from({ length: Math.min(FEED_CONCURRENCY, due.length) }, worker));
    return report;
  }

  /**
   * One row per app with a feed URL: missing ones added (due now), those whose URL changed started
   * over (state, validators, seen items), those whose app lost its feed removed.
   */
  private async sync(): Promise<void> {
    const now = this.clock.now();
    const apps = await this.dataSource.getRepository(CatalogAppEntity).find({ select: { id: true, feedUrl: true }, where: { feedUrl: Not(IsNull()) } });
    const feeds = await this.dataSource.getRepository(FeedEntity).find({ select: { appId: true, url: true } });
    const wanted = new Map(apps.map((app) => [app.id, app.feedUrl as string]));
    for (const app of apps) {
      const feed = feeds.find((f) => f.appId === app.id);
      if (!feed) {
        // Another process may add it at the same moment: the second insert is ignored.
        await this.dataSource
          .createQueryBuilder()
          .insert()
          .into(FeedEntity)
          .values({ appId: app.id, url: app.feedUrl as string, state: 'never', nextCheckAt: now, consecutiveFailures: 0, itemsSeen: 0 })
          .orIgnore()
          .execute();
      } else if (feed.url !== app.feedUrl) {
        await this.dataSource.transaction(async (tx) => {
          const reset = await tx.update(
            FeedEntity,
            { appId: app.id, url: feed.url },
            { url: app.feedUrl as string, state: 'never', message: null, etag: null, lastModified: null, lastCheckedAt: null, lastSuccessAt: null, nextCheckAt: now, consecutiveFailures: 0, itemsSeen: 0 },
          );
          if (reset.affected) await tx.delete(FeedItemEntity, { appId: app.id });
        });
      }
    }
    const gone = feeds.filter((feed) => !wanted.has(feed.appId)).map((feed) => feed.appId);
    if (gone.length) {
      await this.dataSource.transaction(async (tx) => {
        await tx.delete(FeedItemEntity, { appId: In(gone) });
        await tx.delete(FeedEntity, { appId: In(gone) });
      });
    }
  }

  /** Null when another process (or pass) got the feed first. */
  private async claimAndPoll(feed: FeedEntity): Promise<Outcome | null> {
    const now = this.clock.now();
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(FeedEntity)
      .set({ nextCheckAt: addSeconds(now, CLAIM_SECONDS) })
      .where('app_id = :appId AND url = :url AND next_check_at <= :now', { appId: feed.appId, url: feed.url, now })
      .execute();
    if (claimed.affected !== 1) return null;
    // The row as it is now (another process may have polled it since it was listed).
    const current = await this.dataSource.getRepository(FeedEntity).findOneBy({ appId: feed.appId });
    const app = await this.dataSource.getRepository(CatalogAppEntity).findOne({ select: { id: true, launchUrl: true }, where: { id: feed.appId } });
    if (!current || !app) return null;
    const outcome = await this.poll(current, app.launchUrl);
    await this.record(current, outcome);
    return outcome;
  }

  private async poll(feed: FeedEntity, launchUrl: string): Promise<Outcome> {
    try {
      // Validators only count once items are recorded: before that, the whole feed is needed.
      const known = feed.lastSuccessAt !== null;
      const response = await fetchFeed({
        url: feed.url,
        etag: known ? feed.etag : null,
        lastModified: known ? feed.lastModified : null,
        allow: this.allow,
        userAgent: this.userAgent,
      });
      if (response.status === 'not_modified') {
        // Without a baseline a 304 proves nothing: the next poll asks unconditionally.
        if (known) return { state: 'not_modified' };
        return failure(new FeedProblemError('error', 'not_conditional', 'The feed answered 304 (not modified) to a request that was not conditional.'));
      }
      const parsed = parseFeed(response.body, response.url);
      const delivery = await this.deliver(feed, parsed.items, launchUrl);
      return { state: 'ok', etag: response.etag, lastModified: response.lastModified, ...delivery };
    } catch (error) {
      if (error instanceof FeedProblemError) return failure(error);
      this.logger.warn(`Feed of ${feed.appId}: ${(error as Error).message}`);
      return failure(new FeedProblemError('error', 'delivery_failed', 'Passerelle could not store this feed’s alerts; it will try again.'));
    }
  }

  /**
   * New items become alerts, oldest first, each recorded as seen once posted (so a failure half-way
   * resumes where it stopped; the dedupe key makes a repeat harmless anyway). On the first
   * successful poll everything is recorded and nothing is alerted.
   */
  private async deliver(feed: FeedEntity, items: FeedItem[], launchUrl: string): Promise<{ recorded: number; alerted: number; baseline: boolean }> {
    const now = this.clock.now();
    const hashed = items.map((item) => ({ item, hash: sha256(item.key) }));
    const known = hashed.length
      ? new Set((await this.dataSource.getRepository(FeedItemEntity).find({ select: { itemHash: true }, where: { appId: feed.appId, itemHash: In(hashed.map((h) => h.hash)) } })).map((row) => row.itemHash))
      : new Set<string>();
    if (known.size) await this.dataSource.getRepository(FeedItemEntity).update({ appId: feed.appId, itemHash: In([...known]) }, { lastSeenAt: now });
    const fresh = hashed.filter((h) => !known.has(h.hash));
    const baseline = feed.lastSuccessAt === null;
    let alerted = 0;
    // Feeds list the newest first: alerts go out in the order things happened.
    for (const { item, hash } of [...fresh].reverse()) {
      if (!baseline && (await this.post(feed.appId, item, launchUrl))) alerted += 1;
      await this.dataSource.createQueryBuilder().insert().into(FeedItemEntity).values({ appId: feed.appId, itemHash: hash, lastSeenAt: now }).orIgnore().execute();
    }
    await this.dataSource.getRepository(FeedItemEntity).delete({ appId: feed.appId, lastSeenAt: LessThan(addSeconds(now, -SEEN_KEEP_DAYS * 86_400)) });
    return { recorded: fresh.length, alerted, baseline };
  }

  /** True when the alert was stored; an item the alerts API refuses is skipped (and logged), not retried forever. */
  private async post(appId: string, item: FeedItem, launchUrl: string): Promise<boolean> {
    const alert = {
      recipients: { everyone: true },
      title: item.title,
      ...(item.body ? { body: item.body } : {}),
      ...(postableLink(item.link, launchUrl) ? { link: item.link } : {}),
      dedupeKey: alertDedupeKey(item.key),
    };
    try {
      await this.alerts.post({ kind: 'feed', appId }, alert);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 400) {
        this.logger.warn(`Feed of ${appId}: item skipped: ${error.message}`);
        return false;
      }
      throw error;
    }
  }

  /** Writes the outcome, unless the feed's URL changed meanwhile (then the new URL's state stands). */
  private async record(feed: FeedEntity, outcome: Outcome): Promise<void> {
    const now = this.clock.now();
    const base = this.config.feeds.pollSeconds;
    const failed = outcome.state === 'error' || outcome.state === 'blocked';
    const failures = failed ? feed.consecutiveFailures + 1 : 0;
    const changes: QueryDeepPartialEntity<FeedEntity> = {
      state: outcome.state,
      message: failed ? outcome.message.slice(0, 500) : null,
      problem: failed ? JSON.stringify(outcome.problem) : null,
      lastCheckedAt: now,
      consecutiveFailures: failures,
      nextCheckAt: addSeconds(now, nextPollDelaySeconds(base, failures)),
    };
    if (!failed) changes.lastSuccessAt = now;
    if (outcome.state === 'ok') {
      changes.etag = outcome.etag;
      changes.lastModified = outcome.lastModified;
      // An integer we counted, not input: safe in the expression.
      if (outcome.recorded > 0) changes.itemsSeen = () => `items_seen + ${Math.trunc(outcome.recorded)}`;
    }
    await this.dataSource.transaction(async (tx) => {
      const updated = await tx.createQueryBuilder().update(FeedEntity).set(changes).where('app_id = :appId AND url = :url', { appId: feed.appId, url: feed.url }).execute();
      if (updated.affected !== 1) return;
      await this.auditChange(tx, feed, outcome);
    });
  }

  /**
   * The trail records what changes for people: items alerted, the baseline, and the feed starting
   * or ceasing to fail (not every routine poll). A refused address is a security event each time
   * it starts.
   */
  private async auditChange(tx: EntityManager, feed: FeedEntity, outcome: Outcome): Promise<void> {
    const record = (type: string, outcomeName: 'success' | 'failure', details: Record<string, string | number | boolean | null>) =>
      this.audit.record({ type, outcome: outcomeName, actor: FEED_ACTOR, subject: feed.appId, details }, CLI_CONTEXT, tx);
    const was: FeedState = feed.state;
    if (outcome.state === 'blocked' || outcome.state === 'error') {
      if (was !== outcome.state) await record(outcome.state === 'blocked' ? 'feed.blocked' : 'feed.failing', 'failure', { message: outcome.message });
      return;
    }
    if (was === 'error' || was === 'blocked') await record('feed.recovered', 'success', { previous: was });
    if (outcome.state === 'ok' && outcome.baseline) await record('feed.first_poll', 'success', { itemsRecorded: outcome.recorded });
    else if (outcome.state === 'ok' && outcome.alerted > 0) await record('feed.items_alerted', 'success', { alerts: outcome.alerted });
  }
}

function failure(error: FeedProblemError): Outcome {
  return { state: error.state, message: error.message, problem: error.problem };
}

/** The alerts API takes https links, and http ones only to the app's own origin. */
function postableLink(link: string | null, launchUrl: string): boolean {
  if (!link) return false;
  const url = new URL(link);
  if (url.protocol === 'https:') return true;
  try {
    return url.origin === new URL(launchUrl).origin;
  } catch {
    return false;
  }
}
