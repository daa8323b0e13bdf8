import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../accounts/entities/user.entity';
import { InstanceSettingEntity } from './entities/instance-setting.entity';

const ORGANISATION_NAME = 'organisation.name';
export const DEFAULT_ORGANISATION_NAME = 'Passerelle';

/** The name is on every sign-in screen; another process renaming it shows here within this time. */
const NAME_CACHE_MS = 30_000;

@Injectable()
export class InstanceService {
  private cachedName?: { value: string; until: number };

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organisationName(): Promise<string> {
    if (this.cachedName && this.cachedName.until > performance.now()) return this.cachedName.value;
    const row = await this.dataSource.getRepository(InstanceSettingEntity).findOneBy({ key: ORGANISATION_NAME });
    const value = row?.value ?? DEFAULT_ORGANISATION_NAME;
    this.cachedName = { value, until: performance.now() + NAME_CACHE_MS };
    return value;
  }

  async setOrganisationName(name: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.upsert(InstanceSettingEntity, { key: ORGANISATION_NAME, value: name }, ['key']);
    this.cachedName = undefined;
  }

  /** Setup is needed while no active administrator exists. */
  async setupRequired(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const admins = await manager.countBy(UserEntity, { isAdmin: true, status: 'active' });
    return admins === 0;
  }
}
