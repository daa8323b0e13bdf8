import { GroupEntity } from '../../app/accounts/entities/group.entity';
import { UserEntity } from '../../app/accounts/entities/user.entity';
import { AuditEventEntity } from '../../app/audit/entities/audit-event.entity';
import { InstanceSettingEntity } from '../../app/instance/entities/instance-setting.entity';
import { SetupTokenEntity } from '../../app/setup/entities/setup-token.entity';

/** Every entity of the application; features add theirs here. */
export const ENTITIES = [UserEntity, GroupEntity, InstanceSettingEntity, SetupTokenEntity, AuditEventEntity];
