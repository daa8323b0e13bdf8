import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../infra/clock';
import { storedDate } from '../../infra/database/stored-date';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { accessProblem } from '../accounts/account-access';
import { normaliseEmail } from '../accounts/accounts.service';
import { GroupEntity } from '../accounts/entities/group.entity';
import { UserEntity } from '../accounts/entities/user.entity';
import { EntitlementsService, type CatalogEntry } from '../catalog/entitlements.service';
import { AppGrantEntity } from '../catalog/entities/app-grant.entity';
import { AppError } from '../http/app-error';
import { OidcClientEntity } from '../identity/entities/oidc-client.entity';
import type { AlertBroadcast } from './entities/alert.entity';

/** Who is posting: an app with its token, an app's feed, or Passerelle itself. */
export type AlertOrigin = { kind: 'app'; clientId: string } | { kind: 'feed'; appId: string } | { kind: 'system' };

/** The sender as stored on the alert, and whom it may reach. */
export interface Sender {
  source: 'app' | 'feed' | 'system';
  sender: string;
  appId: string | null;
  name: string | null;
  /** Who `everyone` means for this sender. */
  broadcast: AlertBroadcast;
  /** The catalog entry whose users alone may receive it (null: no app restriction). */
  app: CatalogEntry | null;
  /** Origins an http (not https) link may point to: the app's own. */
  origins: Set<string>;
}

type Candidate = Pick<UserEntity, 'id' | 'kind' | 'status' | 'accessStartsAt' | 'accessEndsAt'>;
const CHUNK = 500;

/**
 * Turns an alert's `recipients` into account ids: only accounts usable now, and for an app only the
 * people who may use it (an app can't reach people outside its audience, and a guest hears only
 * from their own apps). Unknown people are skipped (counted, not named); unknown groups are an error.
 */
@Injectable()
export class AlertAudience {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entitlements: EntitlementsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sender(origin: AlertOrigin): Promise<Sender> {
    // Passerelle's own alerts link to its own pages (http too, on a development machine).
    if (origin.kind === 'system') return { source: 'system', sender: 'system', appId: null, name: null, broadcast: 'all', app: null, origins: originsOf([this.config.publicUrl]) };
    const catalog = await this.entitlements.catalog();
    if (origin.kind === 'feed') {
      const app = catalog.byId.get(origin.appId);
      if (!app) throw new AppError('not_found', 404, 'This app is not in the catalog.');
      return { source: 'feed', sender: `feed:${app.id}`, appId: app.id, name: app.name, broadcast: 'app', app, origins: originsOf([app.launchUrl]) };
    }
    const client = await this.dataSource.getRepository(OidcClientEntity).findOneBy({ clientId: origin.clientId });
    const redirects = client ? redirectUrisOf(client.metadata) : [];
    const app = catalog.byClient.get(origin.clientId) ?? null;
    const origins = originsOf([...redirects, ...(app ? [app.launchUrl] : [])]);
    if (app) return { source: 'app', sender: `client:${origin.clientId}`, appId: app.id, name: app.name, broadcast: 'app', app, origins };
    // A client whose tile was deleted is closed to everyone (EntitlementsService): it reaches nobody.
    if (catalog.tilelessManagedClients.has(origin.clientId)) throw new AppError('forbidden', 403, 'This app is no longer in the catalog: it can’t post alerts.');
    return { source: 'app', sender: `client:${origin.clientId}`, appId: null, name: client?.name ?? origin.clientId, broadcast: 'employees', app: null, origins };
  }

  /** Account ids for explicit users and groups (not `everyone`), with how many named people were left out. */
  async resolve(sender: Sender, users: string[], groups: string[], fieldPrefix = ''): Promise<{ ids: string[]; skipped: number }> {
    const found = new Map<string, Candidate>();
    const select = { id: true, kind: true, status: true, accessStartsAt: true, accessEndsAt: true, email: true } as const;
    const ids = [...new Set(users.filter((u) => !u.includes('@')))];
    const emails = [...new Set(users.filter((u) => u.includes('@')).map(normaliseEmail))];
    const foundEmails = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      for (const user of await this.dataSource.getRepository(UserEntity).find({ select, where: { id: In(ids.slice(i, i + CHUNK)) } })) found.set(user.id, user);
    }
    for (let i = 0; i < emails.length; i += CHUNK) {
      for (const user of await this.dataSource.getRepository(UserEntity).find({ select, where: { email: In(emails.slice(i, i + CHUNK)) } })) {
        found.set(user.id, user);
        foundEmails.add(user.email);
      }
    }
    // Names that match nobody; one person named twice (by email and sub, or in two cases) is not skipped.
    let skipped = ids.filter((id) => !found.has(id)).length + emails.filter((email) => !foundEmails.has(email)).length;
    const named = new Set(found.keys());

    if (groups.length > 0) {
      const known = await this.dataSource.getRepository(GroupEntity).find({ select: { id: true, name: true }, where: { name: In(groups) } });
      const unknown = groups.filter((name) => !known.some((g) => g.name === name));
      if (unknown.length > 0) {
        const message = `Unknown groups: ${unknown.join(', ')}.`;
        throw new AppError('validation_failed', 400, message, { [`${fieldPrefix}recipients.groups`]: [message] });
      }
      const rows = await this.dataSource
        .createQueryBuilder()
        .select(['u.id AS id', 'u.kind AS kind', 'u.status AS status', 'u.access_starts_at AS starts', 'u.access_ends_at AS ends'])
        .from('user_groups', 'ug')
        .innerJoin('users', 'u', 'u.id = ug.user_id')
        .where('ug.group_id IN (:...groupIds)', { groupIds: known.map((g) => g.id) })
        .getRawMany<{ id: string; kind: UserEntity['kind']; status: UserEntity['status']; starts: string | Date | null; ends: string | Date | null }>();
      for (const row of rows) {
        found.set(row.id, { id: row.id, kind: row.kind, status: row.status, accessStartsAt: row.starts === null ? null : storedDate(row.starts), accessEndsAt: row.ends === null ? null : storedDate(row.ends) });
      }
    }

    const now = this.clock.now();
    const usable = [...found.values()].filter((user) => accessProblem(user, now) === undefined);
    const allowed = await this.withinAudience(sender, usable);
    // Named people left out (disabled, or not allowed to use the app); a group's other members aren't "named".
    const reached = new Set(allowed.map((u) => u.id));
    skipped += [...named].filter((id) => !reached.has(id)).length;
    return { ids: allowed.map((u) => u.id), skipped: Math.max(0, skipped) };
  }

  /** How many people an `everyone` alert from this sender reaches now. */
  async broadcastSize(sender: Sender): Promise<number> {
    const users = await this.dataSource.getRepository(UserEntity).find({ select: { id: true, kind: true, status: true, accessStartsAt: true, accessEndsAt: true } });
    const now = this.clock.now();
    return (await this.withinAudience(sender, users.filter((u) => accessProblem(u, now) === undefined))).length;
  }

  /** The same rule as EntitlementsService.opens, for many people at once. */
  private async withinAudience(sender: Sender, users: Candidate[]): Promise<Candidate[]> {
    if (sender.broadcast === 'all') return users;
    if (sender.broadcast === 'employees' || !sender.app) return users.filter((u) => u.kind !== 'guest');
    const app = sender.app;
    if (users.length === 0) return [];
    // A few candidates (the usual alert to one person): only their grants and memberships, rather
    // than the app's whole audience (10,000 members of its group read for one person). Many: the
    // whole audience at once, cheaper than asking for each chunk of them.
    const only = users.length <= CHUNK ? users.map((u) => u.id) : null;
    const granted = new Set(
      (await this.dataSource.getRepository(AppGrantEntity).find({ select: { userId: true }, where: { appId: app.id, ...(only ? { userId: In(only) } : {}) } })).map((g) => g.userId),
    );
    let inGroups = new Set<string>();
    if (app.visibility === 'groups' && app.groupIds.length > 0) {
      const members = this.dataSource
        .createQueryBuilder()
        .select('DISTINCT ug.user_id', 'id')
        .from('user_groups', 'ug')
        .where('ug.group_id IN (:...groupIds)', { groupIds: [...app.groupIds] });
      if (only) members.andWhere('ug.user_id IN (:...only)', { only });
      inGroups = new Set((await members.getRawMany<{ id: string }>()).map((r) => r.id));
    }
    return users.filter((u) => {
      if (granted.has(u.id)) return true;
      if (u.kind === 'guest') return false;
      return app.visibility === 'everyone' || (app.visibility === 'groups' && inGroups.has(u.id));
    });
  }
}

function originsOf(urls: string[]): Set<string> {
  const origins = new Set<string>();
  for (const url of urls) {
    try {
      origins.add(new URL(url).origin);
    } catch {
      // Not a URL: no origin to allow.
    }
  }
  return origins;
}

function redirectUrisOf(metadata: string): string[] {
  try {
    const parsed = JSON.parse(metadata) as { redirect_uris?: unknown };
    return Array.isArray(parsed.redirect_uris) ? parsed.redirect_uris.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}
