import { CatalogRoutes, type AppHealth, type CatalogApp, type CatalogSection } from '@passerelle/contracts';
import { In, type EntityManager } from 'typeorm';
import { readMetadata } from '../../identity/clients/client-metadata';
import { OidcClientEntity } from '../../identity/entities/oidc-client.entity';
import { AppGrantEntity } from '../entities/app-grant.entity';
import { CatalogAppGroupEntity } from '../entities/catalog-app-group.entity';
import { CatalogAppEntity } from '../entities/catalog-app.entity';
import { CatalogSectionEntity } from '../entities/catalog-section.entity';

/**
 * Where a tile's third-party-initiated login goes: the app's own URL, else its client's
 * `initiate_login_uri`, else none (the tile opens the launch URL).
 */
export function effectiveInitiateLoginUri(app: Pick<CatalogAppEntity, 'initiateLoginUri'>, client: OidcClientEntity | null | undefined): string | null {
  if (app.initiateLoginUri) return app.initiateLoginUri;
  return client ? (readMetadata(client).initiate_login_uri ?? null) : null;
}

export function toSectionView(section: CatalogSectionEntity): CatalogSection {
  return { id: section.id, name: section.name, position: section.position };
}

/** Sections in display order. */
export async function loadSections(manager: EntityManager): Promise<CatalogSectionEntity[]> {
  return manager.find(CatalogSectionEntity, { order: { position: 'ASC', name: 'ASC' } });
}

/**
 * The console's view of apps (all of them, or these ids), in display order: by section order,
 * then position; apps in no section last.
 */
export async function loadAppViews(
  manager: EntityManager,
  ids?: string[],
  healthOf: (app: { id: string; healthUrl: string | null }) => AppHealth | null = () => null,
): Promise<CatalogApp[]> {
  const apps = await manager.find(CatalogAppEntity, ids ? { where: { id: In(ids) } } : {});
  if (apps.length === 0) return [];
  const appIds = apps.map((a) => a.id);
  const clientIds = apps.map((a) => a.clientId).filter((id): id is string => id !== null);
  // One after the other: inside a transaction they share one connection (pg warns about overlapping queries).
  const sections = await loadSections(manager);
  const clients = clientIds.length ? await manager.findBy(OidcClientEntity, { clientId: In(clientIds) }) : [];
  const groups = await manager.findBy(CatalogAppGroupEntity, { appId: In(appIds) });
  const grants = await manager
    .createQueryBuilder(AppGrantEntity, 'g')
    .select('g.app_id', 'appId')
    .addSelect('COUNT(*)', 'count')
    .where('g.app_id IN (:...appIds)', { appIds })
    .groupBy('g.app_id')
    .getRawMany<{ appId: string; count: string | number }>();
  const sectionOrder = new Map(sections.map((s, index) => [s.id, index]));
  const rank = (app: CatalogAppEntity) => (app.sectionId !== null ? (sectionOrder.get(app.sectionId) ?? sections.length) : sections.length + 1);
  apps.sort((a, b) => rank(a) - rank(b) || a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  const grantCounts = new Map(grants.map((g) => [g.appId, Number(g.count)]));
  return apps.map((app) => {
    const client = app.clientId ? clients.find((c) => c.clientId === app.clientId) : null;
    return {
      id: app.id,
      name: app.name,
      description: app.description,
      launchUrl: app.launchUrl,
      initiateLoginUri: effectiveInitiateLoginUri(app, client),
      clientId: app.clientId,
      clientName: client?.name ?? null,
      sectionId: app.sectionId,
      visibility: app.visibility,
      groupIds: groups.filter((g) => g.appId === app.id).map((g) => g.groupId).sort(),
      healthUrl: app.healthUrl,
      health: healthOf(app),
      feedUrl: app.feedUrl,
      requestable: app.requestable,
      iconUrl: app.iconVersion ? CatalogRoutes.icon(app.id, app.iconVersion) : null,
      position: app.position,
      grantCount: grantCounts.get(app.id) ?? 0,
      createdAt: new Date(app.createdAt).toISOString(),
    };
  });
}
