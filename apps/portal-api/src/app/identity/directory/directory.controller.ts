import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountsService } from '../../accounts/accounts.service';
import { BearerGuard, RequireScopes } from '../session/bearer.strategy';
import { UserSearchDto } from '../admin/dto/admin.dto';

export interface DirectoryEntry {
  sub: string;
  email: string;
  name: string;
  groups: string[];
  active: boolean;
}

/**
 * For apps: who is in the organisation, read with a bearer token from this provider carrying the
 * `users:read` scope (client_credentials, or a person's token). Lets an app sync its members.
 */
@ApiTags('directory')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@Controller('directory')
export class DirectoryController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('users')
  @RequireScopes('users:read')
  @ApiOperation({ summary: 'People of the organisation (scope users:read)' })
  async users(@Query() query: UserSearchDto): Promise<{ items: DirectoryEntry[]; total: number; page: number; pageSize: number }> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const all = await this.accounts.listUsers(query.search);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((u) => ({ sub: u.id, email: u.email, name: u.name, groups: u.groups, active: u.status === 'active' }));
    return { items, total: all.length, page, pageSize };
  }
}
