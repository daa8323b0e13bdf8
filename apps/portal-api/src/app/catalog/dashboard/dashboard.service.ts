import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type GuestNotice,
  CatalogRoutes,
  type AccessRequestStatus,
  type Dashboard,
  type DashboardApp,
  type DashboardSection,
  type RequestableApp,
} from '@passerelle/contracts';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../accounts/entities/user.entity';
import { sponsorOf } from '../../guests/guest-sponsor';
import { Clock } from '../../../infra/clock';
import { storedDate } from '../../../infra/database/stored-date';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { AppError } from '../../http/app-error';
import { issuerFor } from '../../identity/oidc/create-provider';
import type { PortalUser } from '../../identity/session/portal-user';
import { EntitlementsService, type CatalogEntry } from '../entitlements.service';
import { UserAppPreferenceEntity } from '../entities/user-app-preference.entity';
import { HealthProbesService } from '../health/health-probes.service';

/** How many apps "recently used" shows. */
export const RECENT_MAX = 6;

/**
 * A person's dashboard: the apps they may open (by section), their pins and recently used apps,
 * and the apps they may ask for. The catalog comes from EntitlementsService's in-memory snapshot;
 * per request this reads only the person's groups and grants, their preferences and (when some
 * apps are requestable) their requests.
 */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly entitlements: EntitlementsService,
    private readonly health: HealthProbesService,
    private readonly clock: Clock,
  ) {}

  async dashboard(userId: string): Promise<Dashboard> {
    const [{ catalog, open, guest }, preferences] = await Promise.all([this.entitlements.access(userId), this.preferences(userId)]);
    const entitled = catalog.apps.filter((app) => open.has(app.id));
    // Guests are given their apps by their sponsor; they don't ask for more.
    const askable = guest ? [] : catalog.apps.filter((app) => app.requestable && !open.has(app.id));
    const requests = askable.length ? await this.latestRequests(userId) : new Map<string, LatestRequest>();
    const sectionNames = new Map(catalog.sections.map((s) => [s.id, s.name]));

    const sections: DashboardSection[] = catalog.sections
      .map((section) => ({ id: section.id, name: section.name, appIds: entitled.filter((app) => app.sectionId === section.id).map((app) => app.id) }))
      .filter((section) => section.appIds.length > 0);
    const pinned = preferences
      .filter((p) => p.pinPosition !== null && open.has(p.appId))
      .sort((a, b) => (a.pinPosition as number) - (b.pinPosition as number))
      .map((p) => p.appId);
    const recent = preferences
      .filter((p) => p.launchedAt !== null && open.has(p.appId))
      .sort((a, b) => (b.launchedAt as number) - (a.launchedAt as number))
      .slice(0, RECENT_MAX)
      .map((p) => p.appId);
    const requestable = askable.map(
      (app): RequestableApp => ({
        id: app.id,
        name: app.name,
        description: app.description,
        iconUrl: iconUrlOf(app),
        sectionName: app.sectionId ? (sectionNames.get(app.sectionId) ?? null) : null,
        request: requests.get(app.id) ?? null,
      }),
    );
    return { apps: entitled.map((app) => this.tile(app)), sections, pinned, recent, requestable, guest: guest ? await this.guestNotice(userId) : null };
  }

  /** "Guest access — ends 31 March", and whom to ask for more. */
  private async guestNotice(userId: string): Promise<GuestNotice | null> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user?.accessEndsAt) return null;
    const sponsor = await sponsorOf(this.dataSource.manager, userId);
    return { endsAt: user.accessEndsAt.toISOString(), sponsorName: sponsor?.name ?? null, sponsorEmail: sponsor?.email ?? null };
  }

  /** Replaces the person's pinned apps, in order. Each must be an app they may open. */
  async updatePins(userId: string, appIds: string[]): Promise<void> {
    const open = await this.entitlements.appIdsFor(userId);
    const refused = appIds.filter((id) => !open.has(id));
    if (refused.length) {
      // Unknown and forbidden ids get the same answer: no hint about apps the person can't see.
      const message = `You can’t pin ${refused.map((id) => `“${id}”`).join(', ')}: ${refused.length === 1 ? 'it is not an app you can open' : 'they are not apps you can open'}.`;
      throw new AppError('validation_failed', 400, message, { appIds: [message] });
    }
    await this.dataSource.transaction(async (tx) => {
      // Two saves at once (two devices) must not mix their lists: one waits for the other.
      // FOR UPDATE on PostgreSQL; SQLite transactions are already serial.
      if (this.dataSource.options.type === 'postgres') await tx.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId]);
      await tx.update(UserAppPreferenceEntity, { userId }, { pinPosition: null });
      if (appIds.length) {
        await tx.upsert(UserAppPreferenceEntity, appIds.map((appId, index) => ({ userId, appId, pinPosition: index })), ['userId', 'appId']);
      }
    });
  }

  /**
   * Where the tile sends the browser, or null when the person may not open this app (or there is
   * no such app: the same answer). Records the launch for "recently used".
   */
  async launch(user: Pick<PortalUser, 'id' | 'email'>, appId: string): Promise<string | null> {
    const app = (await this.entitlements.catalog()).byId.get(appId);
    if (!app || !(await this.entitlements.mayUseApp(user.id, app.id))) return null;
    await this.dataSource
      .getRepository(UserAppPreferenceEntity)
      .upsert({ userId: user.id, appId: app.id, lastLaunchedAt: this.clock.now() }, ['userId', 'appId']);
    if (!app.initiateLoginUri) return app.launchUrl;
    // OIDC third-party-initiated login: the app starts its own sign-in, which the session answers.
    const target = new URL(app.initiateLoginUri);
    target.searchParams.set('iss', issuerFor(this.config.publicUrl));
    target.searchParams.set('login_hint', user.email);
    target.searchParams.set('target_link_uri', app.launchUrl);
    return target.toString();
  }

  private tile(app: CatalogEntry): DashboardApp {
    return {
      id: app.id,
      name: app.name,
      description: app.description,
      sectionId: app.sectionId,
      iconUrl: iconUrlOf(app),
      launchUrl: CatalogRoutes.launch(app.id),
      sso: app.clientId !== null,
      health: this.health.healthOf(app),
    };
  }

  /** Pins and launch times. Plain SQL: this runs on every dashboard request. */
  private async preferences(userId: string): Promise<Array<{ appId: string; pinPosition: number | null; launchedAt: number | null }>> {
    const rows = await this.raw<{ app_id: string; pin_position: number | string | null; last_launched_at: Date | string | null }>(
      'SELECT app_id, pin_position, last_launched_at FROM user_app_preferences WHERE user_id = :userId',
      { userId },
    );
    return rows.map((row) => ({
      appId: row.app_id,
      pinPosition: row.pin_position === null ? null : Number(row.pin_position),
      launchedAt: row.last_launched_at === null ? null : storedDate(row.last_launched_at).getTime(),
    }));
  }

  /** The person's latest request for each app. */
  private async latestRequests(userId: string): Promise<Map<string, LatestRequest>> {
    const rows = await this.raw<{ id: string; app_id: string; status: AccessRequestStatus; created_at: Date | string; decided_at: Date | string | null; note: string | null }>(
      'SELECT id, app_id, status, created_at, decided_at, note FROM access_requests WHERE user_id = :userId',
      { userId },
    );
    const latest = new Map<string, LatestRequest>();
    const newestFirst = rows
      .map((row) => ({ row, createdAt: storedDate(row.created_at) }))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    for (const { row, createdAt } of newestFirst) {
      if (latest.has(row.app_id)) continue;
      latest.set(row.app_id, {
        id: row.id,
        status: row.status,
        createdAt: createdAt.toISOString(),
        decidedAt: row.decided_at === null ? null : storedDate(row.decided_at).toISOString(),
        note: row.note,
      });
    }
    return latest;
  }

  private async raw<T>(sql: string, parameters: Record<string, unknown>): Promise<T[]> {
    const [query, values] = this.dataSource.driver.escapeQueryWithParameters(sql, parameters, {});
    return (await this.dataSource.query(query, values)) as T[];
  }
}

type LatestRequest = NonNullable<RequestableApp['request']>;

export function iconUrlOf(app: Pick<CatalogEntry, 'id' | 'iconVersion'>): string | null {
  return app.iconVersion ? CatalogRoutes.icon(app.id, app.iconVersion) : null;
}
