import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AdminCreateUserResponse, AdminUser, AuditEventView, OutboxMail, Page, SessionInfo } from '@passerelle/contracts';
import { MailService } from '../../../infra/mail/mail.service';
import { requestContext } from '../../http/request-context';
import { SessionsService } from '../sessions/sessions.service';
import { CurrentUser } from '../session/current-user.decorator';
import type { PortalUser } from '../session/portal-user';
import { AdminGuard } from '../session/session.guard';
import { AdminUsersService } from './admin-users.service';
import { AuditQueryService } from './audit-query.service';
import { AdminCreateUserDto, AdminUpdateUserDto, AuditQueryDto, PageQueryDto, UserSearchDto } from './dto/admin.dto';

@ApiTags('admin')
@UseGuards(AdminGuard)
@Controller('admin')
export class AdminController {
  constructor(
    private readonly users: AdminUsersService,
    private readonly sessions: SessionsService,
    private readonly auditLog: AuditQueryService,
    private readonly mail: MailService,
  ) {}

  @Get('users')
  @ApiOperation({ summary: 'Users, searchable by name or email' })
  list(@Query() query: UserSearchDto): Promise<Page<AdminUser>> {
    return this.users.list(query.search, query.page ?? 1, query.pageSize ?? 25);
  }

  @Post('users')
  @ApiOperation({ summary: 'Create a user; returns a one-time link to set the password (also mailed)' })
  create(@Body() body: AdminCreateUserDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminCreateUserResponse> {
    return this.users.create(body, admin.id, requestContext(req));
  }

  @Get('users/:id')
  get(@Param('id') id: string): Promise<AdminUser> {
    return this.users.get(id);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: 'Edit name, email, administrator role or groups (by name; replaces them)' })
  update(@Param('id') id: string, @Body() body: AdminUpdateUserDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminUser> {
    return this.users.update(id, body, admin.id, requestContext(req));
  }

  @Post('users/:id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Disable: ends every session and token at once, tells the apps' })
  disable(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminUser> {
    return this.users.disable(id, admin.id, requestContext(req));
  }

  @Post('users/:id/enable')
  @HttpCode(200)
  enable(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminUser> {
    return this.users.enable(id, admin.id, requestContext(req));
  }

  @Post('users/:id/reset-second-factor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Remove the authenticator and recovery codes; the next sign-in enrols a new one' })
  resetSecondFactor(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminUser> {
    return this.users.resetSecondFactor(id, admin.id, requestContext(req));
  }

  @Post('users/:id/unlock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Lift the lock after repeated failed sign-ins' })
  unlock(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AdminUser> {
    return this.users.unlock(id, admin.id, requestContext(req));
  }

  @Get('users/:id/sessions')
  async userSessions(@Param('id') id: string): Promise<SessionInfo[]> {
    await this.users.get(id);
    return this.sessions.list(id);
  }

  @Delete('users/:id/sessions')
  @HttpCode(204)
  @ApiOperation({ summary: 'End all of a user’s sessions and revoke their grants' })
  async endUserSessions(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    await this.users.get(id);
    await this.sessions.endAll(id, admin.id, requestContext(req), 'ended_by_admin');
  }

  @Get('audit')
  @ApiOperation({ summary: 'The audit trail, newest first' })
  audit(@Query() query: AuditQueryDto): Promise<Page<AuditEventView>> {
    return this.auditLog.search(query);
  }

  @Get('outbox')
  @ApiOperation({ summary: 'Mail kept by Passerelle (all of it when no SMTP server is configured)' })
  outbox(@Query() query: PageQueryDto): Promise<Page<OutboxMail>> {
    return this.mail.listOutbox(query.page ?? 1, query.pageSize ?? 25);
  }
}
