import { Controller, Get, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Clock } from '../../../infra/clock';
import { accessProblem } from '../../accounts/account-access';
import { AccountsService } from '../../accounts/accounts.service';
import { AppError } from '../../http/app-error';
import type { ApiCaller } from '../session/portal-user';
import { BearerGuard, RequireScopes } from '../session/bearer.strategy';
import { UserSearchDto } from '../admin/dto/admin.dto';

export interface DirectoryEntry {
  sub: string;
  email: string;
  name: string;
  groups: string[];
  /** Whether the account may be used now (a guest outside their access window: false). */
  active: boolean;
  guest: boolean;
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
  constructor(
    private readonly accounts: AccountsService,
    private readonly clock: Clock,
  ) {}

  @Get('users')
  @RequireScopes('users:read')
  @ApiOperation({ summary: 'People of the organisation (scope users:read)' })
  async users(@Query() query: UserSearchDto, @Req() req: Request): Promise<{ items: DirectoryEntry[]; total: number; page: number; pageSize: number }> {
    // A guest's own token (an app they may use) doesn't open the organisation's directory to them.
    const caller = req.user as ApiCaller;
    if (caller.accountId && (await this.accounts.findByEmailOrId(caller.accountId))?.kind === 'guest') {
      throw new AppError('forbidden', 403, 'The directory is not available to guests.');
    }
    const now = this.clock.now();
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 100;
    const all = await this.accounts.listUsers(query.search);
    const items = all.slice((page - 1) * pageSize, page * pageSize).map((u) => ({ sub: u.id, email: u.email, name: u.name, groups: u.groups, active: accessProblem(u, now) === undefined, guest: u.kind === 'guest' }));
    return { items, total: all.length, page, pageSize };
  }
}
