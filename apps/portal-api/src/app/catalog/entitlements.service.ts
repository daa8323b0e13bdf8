import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppVisibility } from '@passerelle/contracts';
import type { DataSource, EntityMetadata, EntitySubscriberInterface, QueryRunner } from 'typeorm';
import { PORTAL_CLIENT_ID } from '../identity/oidc/create-provider';
import { OidcClientEntity } from '../identity/entities/oidc-client.entity';
import { AccessRequestEntity } from './entities/access-request.entity';
import { CatalogAppGroupEntity } from './entities/catalog-app-group.entity';
import { CatalogAppEntity } from './entities/catalog-app.entity';
import { CatalogSectionEntity } from './entities/catalog-section.entity';

/** The catalog app an OIDC client belongs to, as the sign-in steps need it. */
export interface ClientApp {
  id: string;
  name: string;
  requestable: boolean;
}

/** One app of the catalog as the dashboard, the launch endpoint and the provider read it. */
export interface CatalogEntry {
  id: string;
  name: string;
  description: string;
  launchUrl: string;
  /** The catalog's own login URL, else the linked client's `initiate_login_uri`, else null. */
  initiateLoginUri: string | null;
  clientId: string | null;
  sectionId: string | null;
  visibility: AppVisibility;
  groupIds: readonly string[];
  healthUrl: string | null;
  requestable: boolean;
  position: number;
  iconVersion: string | null;
}

export interface CatalogSnapshot {
  /** In the administrators' order. */
  sections: ReadonlyArray<{ id: string; name: string; position: number }>;
  /** In display order: sections in order, apps in order within each, apps in no section last. */
  apps: readonly CatalogEntry[];
  byId: ReadonlyMap<string, CatalogEntry>;
  byClient: ReadonlyMap<string, CatalogEntry>;
  /** Clients that had a tile and have none now (id → name): closed to everyone until linked again. */
  tilelessManagedClients: ReadonlyMap<string, string>;
}

/** What a person holds that opens apps: group memberships and individual grants. */
export interface Holdings {
  groupIds: ReadonlySet<string>;
  grantedAppIds: ReadonlySet<string>;
  /** A guest opens only the apps given to them one by one (their allowed apps), nothing else. */
  guest: boolean;
}

/**
 * How long another process's catalog change may take to reach this one. Changes made through this
 * process's TypeORM are seen at once (see `watchCatalogWrites`); 2 s bounds the rest (the CLI, other
 * processes on PostgreSQL).
 */
const CATALOG_TTL_MS = 2_000;

/** Tables whose rows make up the snapshot: a write to any of them invalidates it. */
const CATALOG_TABLES = new Set(['catalog_apps', 'catalog_app_groups', 'catalog_sections', 'oidc_clients']);

/**
 * Who may use which app. One rule (`opens`), used by the dashboard, the launch endpoint and the
 * OpenID provider alike: an app is open to a person when it is for everyone, when they are in one
 * of its groups (visibility `groups`), or when they were given it one by one (`app_grants`).
 * OIDC clients never linked to a tile (the portal itself, API-only clients) are not restricted here;
 * a client whose tile went (deleted, unlinked) is closed to everyone — failing closed, never open.
 *
 * The catalog itself (a few hundred rows at most) is kept in memory for a moment; what the person
 * holds (groups, grants) is read on every call, so removing someone from a group takes effect at once.
 */
@Injectable()
export class EntitlementsService implements OnModuleInit {
  private generation = 0;
  private cached?: { snapshot: Promise<CatalogSnapshot>; generation: number; loadedAt: number; loaded: boolean };
  /** Transactions that wrote catalog rows: the snapshot is invalidated again once they commit. */
  private readonly pendingCommits = new WeakSet<QueryRunner>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    this.watchCatalogWrites();
  }

  /** Ids of every app the person may open. */
  async appIdsFor(userId: string): Promise<Set<string>> {
    return (await this.access(userId)).open;
  }

  /** The catalog and the ids of the apps this person may open, read together. */
  async access(userId: string): Promise<{ catalog: CatalogSnapshot; open: Set<string>; guest: boolean }> {
    const [catalog, holdings] = await Promise.all([this.catalog(), this.holdings(userId)]);
    return { catalog, open: new Set(catalog.apps.filter((app) => opens(app, holdings)).map((app) => app.id)), guest: holdings.guest };
  }

  async mayUseApp(userId: string, appId: string): Promise<boolean> {
    const app = (await this.catalog()).byId.get(appId);
    return app !== undefined && this.mayUseEntry(userId, app);
  }

  /** Null when the client was never linked to a catalog app (then nothing here restricts it); `id` is '' for a client whose tile went. */
  async appForClient(clientId: string): Promise<ClientApp | null> {
    const catalog = await this.catalog();
    const app = catalog.byClient.get(clientId);
    if (app) return { id: app.id, name: app.name, requestable: app.requestable };
    const orphanName = catalog.tilelessManagedClients.get(clientId);
    return orphanName === undefined ? null : { id: '', name: orphanName, requestable: false };
  }

  /**
   * May this person sign in to this OIDC client (and keep using its tokens)? Called on every token
   * use: one small query (the person's groups, grants and kind), none for the portal itself.
   * Clients outside the catalog are open to employees, closed to guests.
   */
  async mayUseClient(userId: string, clientId: string): Promise<boolean> {
    if (clientId === PORTAL_CLIENT_ID) return true;
    const catalog = await this.catalog();
    const app = catalog.byClient.get(clientId);
    if (app === undefined) return !catalog.tilelessManagedClients.has(clientId) && !(await this.holdings(userId)).guest;
    return this.mayUseEntry(userId, app);
  }

  /** Whether the person has a request for this app waiting for an administrator. */
  async requestPending(userId: string, appId: string): Promise<boolean> {
    return this.dataSource.getRepository(AccessRequestEntity).exists({ where: { userId, appId, status: 'pending' } });
  }

  /** The catalog, from memory when fresh (see CATALOG_TTL_MS); concurrent callers share one load. */
  catalog(): Promise<CatalogSnapshot> {
    const now = performance.now();
    const cached = this.cached;
    const fresh = cached && cached.generation === this.generation && now - cached.loadedAt < CATALOG_TTL_MS;
    // On SQLite, a load started outside a transaction waits for the one under way to end: code in
    // that transaction must not wait for such a load, nor start one others would wait for.
    const inSqliteTransaction = this.dataSource.options.type !== 'postgres' && sqliteConnection(this.dataSource)?.isTransactionActive === true;
    if (fresh && (cached.loaded || !inSqliteTransaction)) return cached.snapshot;
    if (inSqliteTransaction) return this.load();
    const snapshot = this.load();
    const entry = { snapshot, generation: this.generation, loadedAt: now, loaded: false };
    this.cached = entry;
    snapshot.then(
      () => (entry.loaded = true),
      () => {
        if (this.cached === entry) this.cached = undefined;
      },
    );
    return snapshot;
  }

  /** Forget the catalog kept in memory (writes through TypeORM do this by themselves). */
  invalidate(): void {
    this.generation += 1;
  }

  /** The person's groups, individual grants and kind (employee or guest), in one query. */
  async holdings(userId: string): Promise<Holdings> {
    const [sql, parameters] = this.dataSource.driver.escapeQueryWithParameters(
      `SELECT 'g' AS kind, group_id AS id FROM user_groups WHERE user_id = :userId
       UNION ALL SELECT 'a' AS kind, app_id AS id FROM app_grants WHERE user_id = :userId
       UNION ALL SELECT 'k' AS kind, kind AS id FROM users WHERE id = :userId`,
      { userId },
      {},
    );
    const rows = (await this.dataSource.query(sql, parameters)) as Array<{ kind: string; id: string }>;
    const groupIds = new Set<string>();
    const grantedAppIds = new Set<string>();
    let guest = false;
    for (const row of rows) {
      if (row.kind === 'k') guest = row.id === 'guest';
      else (row.kind === 'g' ? groupIds : grantedAppIds).add(row.id);
    }
    return { groupIds, grantedAppIds, guest };
  }

  private async mayUseEntry(userId: string, app: CatalogEntry): Promise<boolean> {
    return opens(app, await this.holdings(userId));
  }

  private async load(): Promise<CatalogSnapshot> {
    const [sectionRows, appRows, groupRows, managedClients] = await Promise.all([
      this.dataSource.getRepository(CatalogSectionEntity).find({ select: { id: true, name: true, position: true } }),
      this.dataSource
        .getRepository(CatalogAppEntity)
        .createQueryBuilder('a')
        .leftJoin(OidcClientEntity, 'c', 'c.client_id = a.client_id')
        .select([
          'a.id AS id', 'a.name AS name', 'a.description AS description', 'a.launch_url AS launch_url',
          'a.initiate_login_uri AS initiate_login_uri', 'a.client_id AS client_id', 'a.section_id AS section_id',
          'a.visibility AS visibility', 'a.health_url AS health_url', 'a.requestable AS requestable',
          'a.position AS position', 'a.icon_version AS icon_version', 'c.metadata AS client_metadata',
        ])
        .getRawMany<RawApp>(),
      this.dataSource.getRepository(CatalogAppGroupEntity).find(),
      this.dataSource.getRepository(OidcClientEntity).find({ where: { catalogManaged: true }, select: { clientId: true, name: true } }),
    ]);
    const sections = [...sectionRows].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    const sectionRank = new Map(sections.map((section, index) => [section.id, index]));
    const groupsByApp = new Map<string, string[]>();
    for (const row of groupRows) groupsByApp.set(row.appId, [...(groupsByApp.get(row.appId) ?? []), row.groupId]);
    const apps = appRows
      .map((row): CatalogEntry => ({
        id: row.id,
        name: row.name,
        description: row.description ?? '',
        launchUrl: row.launch_url,
        initiateLoginUri: row.initiate_login_uri || clientLoginUri(row.client_metadata),
        clientId: row.client_id ?? null,
        sectionId: row.section_id !== null && sectionRank.has(row.section_id) ? row.section_id : null,
        visibility: row.visibility,
        groupIds: groupsByApp.get(row.id) ?? [],
        healthUrl: row.health_url || null,
        requestable: row.requestable === true || row.requestable === 1 || row.requestable === '1' || row.requestable === 't',
        position: Number(row.position) || 0,
        iconVersion: row.icon_version || null,
      }))
      .sort((a, b) => rank(a, sectionRank) - rank(b, sectionRank) || a.position - b.position || a.name.localeCompare(b.name));
    return {
      sections: sections.map(({ id, name, position }) => ({ id, name, position })),
      apps,
      byId: new Map(apps.map((app) => [app.id, app])),
      byClient: new Map(apps.flatMap((app) => (app.clientId ? [[app.clientId, app] as const] : []))),
      tilelessManagedClients: new Map(managedClients.filter((c) => !apps.some((app) => app.clientId === c.clientId)).map((c) => [c.clientId, c.name])),
    };
  }

  /**
   * Invalidates the snapshot on every insert, update or delete of catalog rows made through this
   * process's TypeORM — and again when the transaction that made it commits, so a load that ran
   * in between (PostgreSQL reads committed data only) is not kept.
   */
  private watchCatalogWrites(): void {
    const touched = (metadata: EntityMetadata | undefined, queryRunner: QueryRunner | undefined) => {
      if (!metadata || !CATALOG_TABLES.has(metadata.tableName)) return;
      this.invalidate();
      if (queryRunner?.isTransactionActive) this.pendingCommits.add(queryRunner);
    };
    const subscriber: EntitySubscriberInterface = {
      afterInsert: (event) => touched(event.metadata, event.queryRunner),
      afterUpdate: (event) => touched(event.metadata, event.queryRunner),
      afterRemove: (event) => touched(event.metadata, event.queryRunner),
      afterTransactionCommit: (event) => {
        if (this.pendingCommits.delete(event.queryRunner)) this.invalidate();
      },
      afterTransactionRollback: (event) => {
        if (this.pendingCommits.delete(event.queryRunner)) this.invalidate();
      },
    };
    this.dataSource.subscribers.push(subscriber);
  }
}

/** THE rule: who may open an app. */
export function opens(app: Pick<CatalogEntry, 'id' | 'visibility' | 'groupIds'>, holdings: Holdings): boolean {
  if (holdings.grantedAppIds.has(app.id)) return true;
  if (holdings.guest) return false;
  if (app.visibility === 'everyone') return true;
  return app.visibility === 'groups' && app.groupIds.some((groupId) => holdings.groupIds.has(groupId));
}

interface RawApp {
  id: string;
  name: string;
  description: string | null;
  launch_url: string;
  initiate_login_uri: string | null;
  client_id: string | null;
  section_id: string | null;
  visibility: AppVisibility;
  health_url: string | null;
  requestable: boolean | number | string;
  position: number | string;
  icon_version: string | null;
  client_metadata: string | null;
}

/** SQLite drivers keep their one connection here (the transaction gate wraps the same one). */
function sqliteConnection(dataSource: DataSource): QueryRunner | undefined {
  return (dataSource.driver as unknown as { queryRunner?: QueryRunner }).queryRunner;
}

function rank(app: CatalogEntry, sectionRank: Map<string, number>): number {
  return app.sectionId === null ? Number.MAX_SAFE_INTEGER : (sectionRank.get(app.sectionId) ?? Number.MAX_SAFE_INTEGER);
}

function clientLoginUri(metadata: string | null): string | null {
  if (!metadata) return null;
  try {
    const uri = (JSON.parse(metadata) as { initiate_login_uri?: unknown }).initiate_login_uri;
    return typeof uri === 'string' && uri ? uri : null;
  } catch {
    return null;
  }
}
