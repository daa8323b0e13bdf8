import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { CatalogAppEntity } from '../../catalog/entities/catalog-app.entity';
import { OidcClientEntity } from '../../identity/entities/oidc-client.entity';

/** How long the list of allowed origins is reused: a removed app stops working within this time. */
export const ORIGINS_CACHE_MS = 30_000;

export interface AllowedOrigin {
  /** The catalog app on this origin; null for the portal itself. */
  app: { id: string; name: string } | null;
}

/**
 * Where the support widget may run: the portal's own origin and the origins of registered apps —
 * each catalog app's launch and login URLs and its OIDC client's redirect URIs. Read from the
 * database at most every 30 s (per process).
 */
@Injectable()
export class WidgetOrigins {
  private readonly portalOrigin: string;
  private cached?: { at: number; version: string; origins: Promise<Map<string, AllowedOrigin>> };

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.portalOrigin = new URL(config.publicUrl).origin;
  }

  get portal(): string {
    return this.portalOrigin;
  }

  /**
   * The entry for `origin` when the widget may run there, else undefined. A miss checks whether the
   * catalog changed since the list was read (one cheap query), so a newly added app works at once.
   */
  async find(origin: string | undefined): Promise<AllowedOrigin | undefined> {
    if (!origin) return undefined;
    if (origin === this.portalOrigin) return { app: null };
    const found = (await this.all()).get(origin);
    if (found || !this.cached) return found;
    const version = await this.catalogVersion();
    if (version === this.cached.version) return undefined;
    this.forget();
    return (await this.all()).get(origin);
  }

  /** Drops the cache (the next question reads the catalog again). */
  forget(): void {
    this.cached = undefined;
  }

  private all(): Promise<Map<string, AllowedOrigin>> {
    const now = this.clock.now().getTime();
    if (!this.cached || now - this.cached.at >= ORIGINS_CACHE_MS || now < this.cached.at) {
      const entry: { at: number; version: string; origins: Promise<Map<string, AllowedOrigin>> } = { at: now, version: '', origins: Promise.resolve(new Map()) };
      entry.origins = this.catalogVersion().then((version) => {
        entry.version = version;
        return this.load();
      });
      this.cached = entry;
      // A failed read is not cached.
      entry.origins.catch(() => {
        if (this.cached === entry) this.cached = undefined;
      });
    }
    return this.cached.origins;
  }

  /** Changes whenever an app or client is added, changed or removed. */
  private async catalogVersion(): Promise<string> {
    const [apps] = await this.dataSource.query(`SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM catalog_apps`);
    const [clients] = await this.dataSource.query(`SELECT COUNT(*) AS n, MAX(updated_at) AS at FROM oidc_clients`);
    return JSON.stringify([apps, clients]);
  }

  private async load(): Promise<Map<string, AllowedOrigin>> {
    const apps = await this.dataSource.getRepository(CatalogAppEntity).find({ select: { id: true, name: true, launchUrl: true, initiateLoginUri: true, clientId: true } });
    const clientIds = apps.flatMap((app) => (app.clientId ? [app.clientId] : []));
    const clients = clientIds.length ? await this.dataSource.getRepository(OidcClientEntity).find({ select: { clientId: true, metadata: true }, where: { clientId: In(clientIds) } }) : [];
    const redirects = new Map(clients.map((client) => [client.clientId, redirectUrisOf(client.metadata)]));
    const origins = new Map<string, AllowedOrigin>();
    for (const app of apps) {
      const urls = [app.launchUrl, app.initiateLoginUri, ...(app.clientId ? (redirects.get(app.clientId) ?? []) : [])];
      for (const url of urls) {
        const origin = webOrigin(url);
        // The portal's own origin stays the portal's (no app), whatever a tile links to.
        if (origin && origin !== this.portalOrigin && !origins.has(origin)) origins.set(origin, { app: { id: app.id, name: app.name } });
      }
    }
    return origins;
  }
}

/** `https://host[:port]` of an http(s) URL, else null. */
export function webOrigin(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function redirectUrisOf(metadata: string): string[] {
  try {
    const uris = (JSON.parse(metadata) as { redirect_uris?: unknown }).redirect_uris;
    return Array.isArray(uris) ? uris.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}
