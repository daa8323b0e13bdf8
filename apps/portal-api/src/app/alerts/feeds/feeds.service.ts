import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FeedProblem, FeedStatus } from '@passerelle/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { CatalogAppEntity } from '../../catalog/entities/catalog-app.entity';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { FeedEntity } from './entities/feed.entity';
import { FeedPollerService } from './feed-poller.service';

/** The console's view of an app's feed: how its polling goes, and "check now". */
@Injectable()
export class FeedsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly poller: FeedPollerService,
    private readonly audit: AuditService,
  ) {}

  /** 404 when the app doesn't exist or has no feed URL. A URL not polled yet is `never`. */
  async status(appId: string): Promise<FeedStatus> {
    const app = await this.dataSource.getRepository(CatalogAppEntity).findOne({ select: { id: true, feedUrl: true }, where: { id: appId } });
    if (!app) throw new AppError('not_found', 404, 'There is no such app.');
    if (!app.feedUrl) throw new AppError('not_found', 404, 'This app has no feed.');
    const feed = await this.dataSource.getRepository(FeedEntity).findOneBy({ appId });
    if (!feed || feed.url !== app.feedUrl) {
      return { appId, url: app.feedUrl, state: 'never', lastCheckedAt: null, lastSuccessAt: null, nextCheckAt: null, consecutiveFailures: 0, message: null, problem: null, itemsSeen: 0 };
    }
    return toStatus(feed);
  }

  /** Polls the feed now (audited: it reaches out to the feed's server); answers with the new state. */
  async checkNow(appId: string, actor: string, context: RequestContext): Promise<FeedStatus> {
    await this.status(appId);
    await this.audit.record({ type: 'feed.check_requested', outcome: 'success', actor, subject: appId }, context);
    await this.poller.pollNow(appId);
    return this.status(appId);
  }
}

function toStatus(feed: FeedEntity): FeedStatus {
  return {
    appId: feed.appId,
    url: feed.url,
    state: feed.state,
    lastCheckedAt: iso(feed.lastCheckedAt),
    lastSuccessAt: iso(feed.lastSuccessAt),
    nextCheckAt: iso(feed.nextCheckAt),
    consecutiveFailures: feed.consecutiveFailures,
    message: feed.message,
    problem: problemOf(feed.problem),
    itemsSeen: feed.itemsSeen,
  };
}

function problemOf(json: string | null): FeedProblem | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as FeedProblem;
  } catch {
    return null;
  }
}

function iso(date: Date | null): string | null {
  return date ? new Date(date).toISOString() : null;
}
