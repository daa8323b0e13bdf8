import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { CatalogApp, CatalogAppInput, CatalogAppUpdate, CatalogOrder, CatalogOverview, CatalogSection, CreateAppRequest, CreatedAppClient } from '@passerelle/contracts';
import { GroupEntity } from '../../accounts/entities/group.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { newClientId } from '../../identity/clients/client-id';
import { ClientsService } from '../../identity/clients/clients.service';
import { findByNames } from '../../../infra/database/names';
import { OidcClientEntity } from '../../identity/entities/oidc-client.entity';
import { CatalogAppGroupEntity } from '../entities/catalog-app-group.entity';
import { CatalogAppEntity } from '../entities/catalog-app.entity';
import { CatalogSectionEntity } from '../entities/catalog-section.entity';
import { HealthProbesService } from '../health/health-probes.service';
import { IconsService } from '../icons/icons.service';
import { appInputProblems, sectionNameProblem } from './app-rules';
import { loadAppViews, loadSections, toSectionView } from './catalog-view';
import { orderProblems } from './catalog-order';

export type AppWithClientInput = CatalogAppInput & { sso: Omit<CreateAppRequest, 'name'> };

function invalid(fields: Record<string, string[]>): AppError {
  return new AppError('validation_failed', 400, 'Some fields are missing or not valid.', fields);
}

/**
 * The console's catalog: apps (tiles), their sections and order, their icons. Every change is
 * audited in the transaction that makes it; visibility and group changes decide who sees an app.
 */
@Injectable()
export class CatalogAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clients: ClientsService,
    private readonly icons: IconsService,
    private readonly audit: AuditService,
    private readonly health: HealthProbesService,
  ) {}

  async overview(): Promise<CatalogOverview> {
    const manager = this.dataSource.manager;
    const sections = await loadSections(manager);
    const apps = await loadAppViews(manager, undefined, this.healthOf);
    return { sections: sections.map(toSectionView), apps };
  }

  async getApp(appId: string, manager: EntityManager = this.dataSource.manager): Promise<CatalogApp> {
    const [app] = await loadAppViews(manager, [appId], this.healthOf);
    if (!app) throw new AppError('not_found', 404, 'There is no such app.');
    return app;
  }

  /** A tile, linked to an existing OIDC client (`clientId`) or a plain link. Its id is a slug of its name. */
  async createApp(input: CatalogAppInput, actor: string, context: RequestContext): Promise<CatalogApp> {
    const problems = appInputProblems(input, { partial: false });
    if (Object.keys(problems).length) throw invalid(problems);
    return this.dataSource.transaction(async (tx) => {
      const id = await this.unusedAppId(tx, input.name);
      await this.insertApp(tx, id, input, actor, context);
      return this.getApp(id, tx);
    });
  }

  /**
   * A new OIDC client and its tile together; the tile shares the client's id. The client is
   * registered first (ClientsService has its own transaction); if the tile then fails, the client
   * is deleted again so nothing is left half-made.
   */
  async createAppWithClient(input: AppWithClientInput, actor: string, context: RequestContext): Promise<{ app: CatalogApp; client: CreatedAppClient }> {
    const { sso, ...tile } = input;
    const problems = appInputProblems({ ...tile, clientId: undefined }, { partial: false });
    if (tile.clientId !== undefined && tile.clientId !== null) problems['clientId'] = ['A new client is created with this app: leave clientId out.'];
    Object.assign(problems, await this.referenceProblems(this.dataSource.manager, { ...tile, clientId: undefined }));
    if (Object.keys(problems).length) throw invalid(problems);
    const client = await this.clients.create({ ...sso, name: tile.name }, actor, context);
    try {
      const app = await this.dataSource.transaction(async (tx) => {
        await this.insertApp(tx, client.clientId, { ...tile, clientId: client.clientId }, actor, context);
        return this.getApp(client.clientId, tx);
      });
      return { app, client };
    } catch (error) {
      await this.clients.delete(client.clientId, actor, context).catch(() => undefined);
      throw error;
    }
  }

  async updateApp(appId: string, patch: CatalogAppUpdate, actor: string, context: RequestContext): Promise<CatalogApp> {
    const problems = appInputProblems(patch, { partial: true });
    if (patch.launchUrl === null) problems['launchUrl'] = ['Enter a URL.'];
    if (Object.keys(problems).length) throw invalid(problems);
    return this.dataSource.transaction(async (tx) => {
      const app = await this.requireApp(tx, appId);
      const refs = await this.referenceProblems(tx, patch);
      if (Object.keys(refs).length) throw invalid(refs);
      if (patch.clientId) await this.refuseLinkedClient(tx, patch.clientId, app.id);
      const changes: Partial<CatalogAppEntity> = {};
      if (patch.name !== undefined) changes.name = patch.name.trim();
      if (patch.description !== undefined) changes.description = patch.description.trim();
      if (patch.launchUrl !== undefined) changes.launchUrl = patch.launchUrl;
      if (patch.initiateLoginUri !== undefined) changes.initiateLoginUri = patch.initiateLoginUri || null;
      if (patch.clientId !== undefined) changes.clientId = patch.clientId || null;
      if (patch.healthUrl !== undefined) changes.healthUrl = patch.healthUrl || null;
      if (patch.feedUrl !== undefined) changes.feedUrl = patch.feedUrl || null;
      if (patch.visibility !== undefined) changes.visibility = patch.visibility;
      if (patch.requestable !== undefined) changes.requestable = patch.requestable;
      if (patch.sectionId !== undefined && (patch.sectionId || null) !== app.sectionId) {
        changes.sectionId = patch.sectionId || null;
        changes.position = await this.nextAppPosition(tx, changes.sectionId);
      }
      const changed = Object.keys(changes).filter((key) => key !== 'position' && changes[key as keyof CatalogAppEntity] !== app[key as keyof CatalogAppEntity]);
      if (Object.keys(changes).length) await tx.update(CatalogAppEntity, { id: app.id }, changes);
      if (changes.clientId) await markCatalogManaged(tx, changes.clientId);
      let groupsChanged = false;
      if (patch.groupIds !== undefined) {
        const before = (await tx.findBy(CatalogAppGroupEntity, { appId: app.id })).map((g) => g.groupId).sort();
        const after = [...new Set(patch.groupIds)].sort();
        if (before.join() !== after.join()) {
          groupsChanged = true;
          await tx.delete(CatalogAppGroupEntity, { appId: app.id });
          if (after.length) await tx.insert(CatalogAppGroupEntity, after.map((groupId) => ({ appId: app.id, groupId })));
        }
      }
      if (changed.length || groupsChanged) {
        await this.audit.record(
          {
            type: 'catalog.app_updated',
            outcome: 'success',
            actor,
            subject: app.id,
            details: {
              changed: [...changed, ...(groupsChanged ? ['groupIds'] : [])].join(','),
              ...(changes.visibility !== undefined && changes.visibility !== app.visibility ? { visibility: changes.visibility, previousVisibility: app.visibility } : {}),
              ...(groupsChanged ? { groupIds: [...new Set(patch.groupIds)].join(',') } : {}),
              ...(changes.clientId !== undefined && changes.clientId !== app.clientId ? { clientId: changes.clientId, previousClientId: app.clientId } : {}),
            },
          },
          context,
          tx,
        );
      }
      return this.getApp(app.id, tx);
    });
  }

  /**
   * Deletes the tile; when it was created with its OIDC client (same id), the client goes too —
   * first, with every token issued to it, so the app never stands unrestricted without its tile.
   */
  async deleteApp(appId: string, actor: string, context: RequestContext): Promise<void> {
    const app = await this.requireApp(this.dataSource.manager, appId);
    if (app.clientId !== null && app.clientId === app.id) await this.clients.delete(app.clientId, actor, context);
    await this.dataSource.transaction(async (tx) => {
      await this.requireApp(tx, appId);
      await tx.delete(CatalogAppEntity, { id: appId });
      await this.audit.record(
        { type: 'catalog.app_deleted', outcome: 'success', actor, subject: appId, details: { name: app.name, clientDeleted: app.clientId !== null && app.clientId === app.id } },
        context,
        tx,
      );
    });
  }

  /* ------------------------------------------------------------------------- icons ------------ */

  async setIconFromBytes(appId: string, bytes: Buffer, actor: string, context: RequestContext): Promise<CatalogApp> {
    await this.icons.store(appId, bytes, 'upload', actor, context);
    return this.getApp(appId);
  }

  async setIconFromUrl(appId: string, url: string, actor: string, context: RequestContext): Promise<CatalogApp> {
    await this.icons.storeFromUrl(appId, url, actor, context);
    return this.getApp(appId);
  }

  async removeIcon(appId: string, actor: string, context: RequestContext): Promise<CatalogApp> {
    await this.icons.remove(appId, actor, context);
    return this.getApp(appId);
  }

  /* ---------------------------------------------------------------------- sections ------------ */

  async createSection(name: string, actor: string, context: RequestContext): Promise<CatalogSection> {
    const problem = sectionNameProblem(name);
    if (problem) throw invalid({ name: [problem] });
    return this.dataSource.transaction(async (tx) => {
      await this.refuseTakenSectionName(tx, name.trim());
      const last = await tx.createQueryBuilder(CatalogSectionEntity, 's').select('MAX(s.position)', 'max').getRawOne<{ max: number | null }>();
      const section = tx.create(CatalogSectionEntity, { id: randomUUID(), name: name.trim(), position: (last?.max ?? -1) + 1 });
      await tx.insert(CatalogSectionEntity, section);
      await this.audit.record({ type: 'catalog.section_created', outcome: 'success', actor, subject: section.id, details: { name: section.name } }, context, tx);
      return toSectionView(section);
    });
  }

  /** The section with this name (any case), created at the end when missing. Used by the CLI and the demo seed. */
  async ensureSection(name: string, actor: string, context: RequestContext): Promise<CatalogSection> {
    const existing = await this.findSectionByName(this.dataSource.manager, name);
    return existing ? toSectionView(existing) : this.createSection(name, actor, context);
  }

  async renameSection(sectionId: string, name: string, actor: string, context: RequestContext): Promise<CatalogSection> {
    const problem = sectionNameProblem(name);
    if (problem) throw invalid({ name: [problem] });
    return this.dataSource.transaction(async (tx) => {
      const section = await this.requireSection(tx, sectionId);
      if (section.name !== name.trim()) {
        await this.refuseTakenSectionName(tx, name.trim(), section.id);
        await tx.update(CatalogSectionEntity, { id: section.id }, { name: name.trim() });
        await this.audit.record({ type: 'catalog.section_renamed', outcome: 'success', actor, subject: section.id, details: { name: name.trim(), previousName: section.name } }, context, tx);
        section.name = name.trim();
      }
      return toSectionView(section);
    });
  }

  /** Its apps stay, in no section (after the apps already there, in their order). */
  async deleteSection(sectionId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const section = await this.requireSection(tx, sectionId);
      const apps = await tx.find(CatalogAppEntity, { where: { sectionId: section.id }, order: { position: 'ASC', name: 'ASC' } });
      let position = await this.nextAppPosition(tx, null);
      for (const app of apps) await tx.update(CatalogAppEntity, { id: app.id }, { sectionId: null, position: position++ });
      await tx.delete(CatalogSectionEntity, { id: section.id });
      await this.audit.record({ type: 'catalog.section_deleted', outcome: 'success', actor, subject: section.id, details: { name: section.name, apps: apps.length } }, context, tx);
    });
  }

  /**
   * The order of sections and of the apps in each (moving apps between sections). Checked whole
   * before anything is written; written in one transaction. Apps not listed keep their section
   * and come after the listed ones, in their previous order.
   */
  async setOrder(order: CatalogOrder, actor: string, context: RequestContext): Promise<CatalogOverview> {
    await this.dataSource.transaction(async (tx) => {
      const sections = await loadSections(tx);
      const apps = await tx.find(CatalogAppEntity, { order: { position: 'ASC', name: 'ASC' } });
      const problems = orderProblems(order, sections.map((s) => s.id), apps.map((a) => a.id));
      if (Object.keys(problems).length) throw invalid(problems);
      const lists = new Map<string | null, string[]>(order.sections.map((s) => [s.id, [...s.appIds]]));
      lists.set(null, [...(order.unsectioned ?? [])]);
      const listed = new Set([...lists.values()].flat());
      for (const app of apps) if (!listed.has(app.id)) lists.get(app.sectionId)?.push(app.id);
      for (const [index, section] of order.sections.entries()) {
        await tx.update(CatalogSectionEntity, { id: section.id }, { position: index });
      }
      const byId = new Map(apps.map((a) => [a.id, a]));
      for (const [sectionId, ids] of lists) {
        for (const [position, id] of ids.entries()) {
          const app = byId.get(id) as CatalogAppEntity;
          if (app.sectionId !== sectionId || app.position !== position) await tx.update(CatalogAppEntity, { id }, { sectionId, position });
        }
      }
      await this.audit.record({ type: 'catalog.order_changed', outcome: 'success', actor, details: { sections: sections.length, apps: listed.size } }, context, tx);
    });
    return this.overview();
  }

  /* ----------------------------------------------------------------------- helpers ------------ */

  private readonly healthOf = (app: { id: string; healthUrl: string | null }) => this.health.healthOf(app);

  private async insertApp(tx: EntityManager, id: string, input: CatalogAppInput, actor: string, context: RequestContext): Promise<void> {
    const refs = await this.referenceProblems(tx, input);
    if (Object.keys(refs).length) throw invalid(refs);
    if (input.clientId) await this.refuseLinkedClient(tx, input.clientId);
    const sectionId = input.sectionId || null;
    const groupIds = [...new Set(input.groupIds ?? [])];
    await tx.insert(CatalogAppEntity, {
      id,
      name: input.name.trim(),
      description: (input.description ?? '').trim(),
      launchUrl: input.launchUrl,
      initiateLoginUri: input.initiateLoginUri || null,
      clientId: input.clientId || null,
      sectionId,
      visibility: input.visibility ?? 'groups',
      healthUrl: input.healthUrl || null,
      feedUrl: input.feedUrl || null,
      requestable: input.requestable ?? false,
      position: await this.nextAppPosition(tx, sectionId),
      iconVersion: null,
    });
    if (input.clientId) await markCatalogManaged(tx, input.clientId);
    if (groupIds.length) await tx.insert(CatalogAppGroupEntity, groupIds.map((groupId) => ({ appId: id, groupId })));
    await this.audit.record(
      {
        type: 'catalog.app_created',
        outcome: 'success',
        actor,
        subject: id,
        details: { name: input.name.trim(), clientId: input.clientId || null, visibility: input.visibility ?? 'groups', groupIds: groupIds.join(','), requestable: input.requestable ?? false, feed: !!input.feedUrl },
      },
      context,
      tx,
    );
  }

  /** Unknown client, section or groups, by field. */
  private async referenceProblems(tx: EntityManager, input: CatalogAppUpdate): Promise<Record<string, string[]>> {
    const problems: Record<string, string[]> = {};
    if (input.clientId && !(await tx.existsBy(OidcClientEntity, { clientId: input.clientId }))) {
      problems['clientId'] = [`No OIDC client has the id "${input.clientId}".`];
    }
    if (input.sectionId && !(await tx.existsBy(CatalogSectionEntity, { id: input.sectionId }))) problems['sectionId'] = ['There is no such section.'];
    const groupIds = [...new Set(input.groupIds ?? [])];
    if (groupIds.length) {
      const found = new Set((await tx.find(GroupEntity, { select: { id: true }, where: { id: In(groupIds) } })).map((g) => g.id));
      const unknown = groupIds.filter((id) => !found.has(id));
      if (unknown.length) problems['groupIds'] = [`No group has the id ${unknown.map((id) => `"${id}"`).join(', ')}.`];
    }
    return problems;
  }

  /** One tile per OIDC client. */
  private async refuseLinkedClient(tx: EntityManager, clientId: string, exceptAppId?: string): Promise<void> {
    const other = await tx.findOneBy(CatalogAppEntity, { clientId });
    if (other && other.id !== exceptAppId) {
      const message = `This OIDC client already belongs to the app "${other.name}".`;
      throw new AppError('conflict', 409, message, { clientId: [message] });
    }
  }

  private async nextAppPosition(tx: EntityManager, sectionId: string | null): Promise<number> {
    const query = tx.createQueryBuilder(CatalogAppEntity, 'a').select('MAX(a.position)', 'max');
    if (sectionId === null) query.where('a.section_id IS NULL');
    else query.where('a.section_id = :sectionId', { sectionId });
    const row = await query.getRawOne<{ max: number | string | null }>();
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
  }

  /** A slug of the name that no app and no client uses (apps created with a client share its id). */
  private async unusedAppId(tx: EntityManager, name: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = newClientId(name);
      if (!(await tx.existsBy(CatalogAppEntity, { id: candidate })) && !(await tx.existsBy(OidcClientEntity, { clientId: candidate }))) return candidate;
    }
    throw new Error('Could not find an unused app id');
  }

  private async requireApp(tx: EntityManager, appId: string): Promise<CatalogAppEntity> {
    const app = await tx.findOneBy(CatalogAppEntity, { id: appId });
    if (!app) throw new AppError('not_found', 404, 'There is no such app.');
    return app;
  }

  private async requireSection(tx: EntityManager, sectionId: string): Promise<CatalogSectionEntity> {
    const section = await tx.findOneBy(CatalogSectionEntity, { id: sectionId });
    if (!section) throw new AppError('not_found', 404, 'There is no such section.');
    return section;
  }

  private async findSectionByName(tx: EntityManager, name: string): Promise<CatalogSectionEntity | null> {
    return (await findByNames(tx, CatalogSectionEntity, [name]))[0] ?? null;
  }

  private async refuseTakenSectionName(tx: EntityManager, name: string, exceptId?: string): Promise<void> {
    const other = await this.findSectionByName(tx, name);
    if (other && other.id !== exceptId) {
      throw new AppError('conflict', 409, `A section named "${other.name}" already exists.`, { name: [`A section named "${other.name}" already exists.`] });
    }
  }
}

/** See OidcClientEntity.catalogManaged: a client that had a tile never falls back to "open to all". */
function markCatalogManaged(tx: EntityManager, clientId: string): Promise<unknown> {
  return tx.update(OidcClientEntity, { clientId }, { catalogManaged: true });
}
