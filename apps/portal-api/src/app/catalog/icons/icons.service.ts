import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { CatalogAppIconEntity } from '../entities/catalog-app-icon.entity';
import { CatalogAppEntity } from '../entities/catalog-app.entity';
import { fetchIconBytes } from './icon-fetch';
import { iconProblem, iconVersion } from './icon-image';

export interface StoredIcon {
  contentType: string;
  bytes: Buffer;
  version: string;
}

/** Apps' icons: checked from their bytes, stored in the database with a version, served from there. */
@Injectable()
export class IconsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Stores the image as the app's icon (in one transaction with its version). Returns the version. */
  async store(appId: string, bytes: Buffer, source: 'upload' | 'url', actor: string, context: RequestContext): Promise<string> {
    const checked = iconProblem(bytes);
    if ('problem' in checked) throw new AppError('validation_failed', 400, checked.problem, { [source === 'url' ? 'url' : 'image']: [checked.problem] });
    const version = iconVersion(bytes);
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(CatalogAppEntity, { id: appId }))) throw new AppError('not_found', 404, 'There is no such app.');
      await tx.delete(CatalogAppIconEntity, { appId });
      await tx.insert(CatalogAppIconEntity, { appId, contentType: checked.type, dataBase64: bytes.toString('base64') });
      await tx.update(CatalogAppEntity, { id: appId }, { iconVersion: version });
      await this.audit.record(
        { type: 'catalog.icon_set', outcome: 'success', actor, subject: appId, details: { source, contentType: checked.type, bytes: bytes.length, version } },
        context,
        tx,
      );
    });
    return version;
  }

  /** Fetches the image once and stores it; the URL itself is not kept (never hot-linked). */
  async storeFromUrl(appId: string, url: string, actor: string, context: RequestContext): Promise<string> {
    if (!(await this.dataSource.getRepository(CatalogAppEntity).existsBy({ id: appId }))) throw new AppError('not_found', 404, 'There is no such app.');
    return this.store(appId, await fetchIconBytes(url), 'url', actor, context);
  }

  async remove(appId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const app = await tx.findOneBy(CatalogAppEntity, { id: appId });
      if (!app) throw new AppError('not_found', 404, 'There is no such app.');
      if (app.iconVersion === null) return;
      await tx.delete(CatalogAppIconEntity, { appId });
      await tx.update(CatalogAppEntity, { id: appId }, { iconVersion: null });
      await this.audit.record({ type: 'catalog.icon_removed', outcome: 'success', actor, subject: appId }, context, tx);
    });
  }

  async read(appId: string): Promise<StoredIcon | null> {
    const row = await this.dataSource
      .getRepository(CatalogAppIconEntity)
      .createQueryBuilder('i')
      .innerJoin(CatalogAppEntity, 'a', 'a.id = i.app_id')
      .select(['i.contentType AS "contentType"', 'i.dataBase64 AS "data"', 'a.iconVersion AS "version"'])
      .where('i.app_id = :appId', { appId })
      .getRawOne<{ contentType: string; data: string; version: string | null }>();
    if (!row || !row.version) return null;
    return { contentType: row.contentType, bytes: Buffer.from(row.data, 'base64'), version: row.version };
  }
}
