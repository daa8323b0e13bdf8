import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppGrant } from '@passerelle/contracts';
import { UserEntity } from '../../accounts/entities/user.entity';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { AppGrantEntity } from '../entities/app-grant.entity';
import { CatalogAppEntity } from '../entities/catalog-app.entity';

/** People given one app one by one (whatever its visibility). Each grant and revocation is audited. */
@Injectable()
export class CatalogGrantsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(appId: string): Promise<AppGrant[]> {
    await this.requireApp(this.dataSource.manager, appId);
    const rows = await this.dataSource
      .getRepository(AppGrantEntity)
      .createQueryBuilder('g')
      .innerJoinAndSelect('g.user', 'u')
      .where('g.app_id = :appId', { appId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.email', 'ASC')
      .getMany();
    return rows.map(toView);
  }

  /** Gives the person the app; granting twice keeps the first grant. */
  async grant(appId: string, userId: string, actor: string, context: RequestContext): Promise<AppGrant> {
    return this.dataSource.transaction(async (tx) => {
      const app = await this.requireApp(tx, appId);
      const user = await tx.findOneBy(UserEntity, { id: userId });
      if (!user) throw new AppError('validation_failed', 400, 'There is no such user.', { userId: ['There is no such user.'] });
      if (!(await tx.existsBy(AppGrantEntity, { appId, userId }))) {
        await tx.insert(AppGrantEntity, { appId, userId, grantedBy: actor });
        await this.audit.record({ type: 'catalog.grant_added', outcome: 'success', actor, subject: userId, details: { appId, app: app.name } }, context, tx);
      }
      const grant = (await tx.findOne(AppGrantEntity, { where: { appId, userId }, relations: { user: true } })) as AppGrantEntity;
      return toView(grant);
    });
  }

  async revoke(appId: string, userId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const app = await this.requireApp(tx, appId);
      const removed = await tx.delete(AppGrantEntity, { appId, userId });
      if (!removed.affected) throw new AppError('not_found', 404, 'This person was not given this app.');
      await this.audit.record({ type: 'catalog.grant_removed', outcome: 'success', actor, subject: userId, details: { appId, app: app.name } }, context, tx);
    });
  }

  private async requireApp(tx: EntityManager, appId: string): Promise<CatalogAppEntity> {
    const app = await tx.findOneBy(CatalogAppEntity, { id: appId });
    if (!app) throw new AppError('not_found', 404, 'There is no such app.');
    return app;
  }
}

function toView(grant: AppGrantEntity): AppGrant {
  const user = grant.user as UserEntity;
  return { userId: grant.userId, email: user.email, name: user.name, guest: user.kind === 'guest', grantedAt: new Date(grant.grantedAt).toISOString(), grantedBy: grant.grantedBy };
}
