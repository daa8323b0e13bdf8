import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../accounts/entities/user.entity';
import { InstanceSettingEntity } from './entities/instance-setting.entity';

const ORGANISATION_NAME = 'organisation.name';
export const DEFAULT_ORGANISATION_NAME = 'Passerelle';

@Injectable()
export class InstanceService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async organisationName(): Promise<string> {
    const row = await this.dataSource.getRepository(InstanceSettingEntity).findOneBy({ key: ORGANISATION_NAME });
    return row?.value ?? DEFAULT_ORGANISATION_NAME;
  }

  async setOrganisationName(name: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.upsert(InstanceSettingEntity, { key: ORGANISATION_NAME, value: name }, ['key']);
  }

  /** Setup is needed while no active administrator exists. */
  async setupRequired(manager: EntityManager = this.dataSource.manager): Promise<boolean> {
    const admins = await manager.countBy(UserEntity, { isAdmin: true, status: 'active' });
    return admins === 0;
  }
}
