import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import { CatalogAppEntity } from './entities/catalog-app.entity';

/** The catalog app an OIDC client belongs to, as the sign-in steps need it. */
export interface ClientApp {
  id: string;
  name: string;
  requestable: boolean;
}

/**
 * Who may use which app. One rule, used by the dashboard, the launch endpoint and the OpenID
 * provider alike: an app is open to a person when it is for everyone, when they are in one of its
 * groups (visibility `groups`), or when they were given it one by one (`app_grants`).
 * OIDC clients that are not in the catalog (the portal itself, API-only clients) are not restricted here.
 */
@Injectable()
export class EntitlementsService {
  constructor(@InjectRepository(CatalogAppEntity) private readonly apps: Repository<CatalogAppEntity>) {}

  /** Ids of every app the person may open. */
  async appIdsFor(userId: string): Promise<Set<string>> {
    const rows = await this.entitled(this.apps.createQueryBuilder('a').select('a.id', 'id'), userId).getRawMany<{ id: string }>();
    return new Set(rows.map((row) => row.id));
  }

  async mayUseApp(userId: string, appId: string): Promise<boolean> {
    const query = this.apps.createQueryBuilder('a').select('a.id', 'id').where('a.id = :appId', { appId });
    return (await this.entitled(query, userId, 'andWhere').getRawOne()) !== undefined;
  }

  /** Null when the client is not linked to a catalog app (then nothing here restricts it). */
  async appForClient(clientId: string): Promise<ClientApp | null> {
    const app = await this.apps.findOne({ where: { clientId }, select: { id: true, name: true, requestable: true } });
    return app ? { id: app.id, name: app.name, requestable: app.requestable } : null;
  }

  /** May this person sign in to this OIDC client (and keep using its tokens)? */
  async mayUseClient(userId: string, clientId: string): Promise<boolean> {
    const app = await this.appForClient(clientId);
    return app === null || this.mayUseApp(userId, app.id);
  }

  private entitled(query: SelectQueryBuilder<CatalogAppEntity>, userId: string, join: 'where' | 'andWhere' = 'where'): SelectQueryBuilder<CatalogAppEntity> {
    return query[join](
      `(a.visibility = 'everyone'
        OR (a.visibility = 'groups' AND EXISTS (
          SELECT 1 FROM catalog_app_groups ag JOIN user_groups ug ON ug.group_id = ag.group_id
          WHERE ag.app_id = a.id AND ug.user_id = :userId))
        OR EXISTS (SELECT 1 FROM app_grants g WHERE g.app_id = a.id AND g.user_id = :userId))`,
      { userId },
    );
  }
}
