import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { GroupMember, GroupView } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { AdminGuard } from '../../identity/session/session.guard';
import { AddMemberDto, CreateGroupDto, SetMembersDto, UpdateGroupDto } from './dto/groups.dto';
import { GroupsService } from './groups.service';

/** Administrators' groups (CatalogAdminRoutes.groups…). HTTP only: rules are in GroupsService. */
@ApiTags('admin')
@UseGuards(AdminGuard)
@Controller('admin/groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Every group, with its number of members' })
  list(): Promise<GroupView[]> {
    return this.groups.list();
  }

  @Post()
  create(@Body() body: CreateGroupDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<GroupView> {
    return this.groups.create(body, admin.id, requestContext(req));
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<GroupView> {
    return this.groups.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename a group or change its description' })
  update(@Param('id') id: string, @Body() body: UpdateGroupDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<GroupView> {
    return this.groups.update(id, body, admin.id, requestContext(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group: its members leave it, apps stop being shown to them through it' })
  delete(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    return this.groups.delete(id, admin.id, requestContext(req));
  }

  @Get(':id/members')
  members(@Param('id') id: string): Promise<GroupMember[]> {
    return this.groups.members(id);
  }

  @Put(':id/members')
  @ApiOperation({ summary: 'Replace the members (counts from each person\u2019s next sign-in or dashboard load)' })
  setMembers(@Param('id') id: string, @Body() body: SetMembersDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<GroupMember[]> {
    return this.groups.setMembers(id, body.userIds, admin.id, requestContext(req));
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add one person' })
  addMember(@Param('id') id: string, @Body() body: AddMemberDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<GroupMember[]> {
    return this.groups.addMembers(id, [body.userId], admin.id, requestContext(req));
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  removeMember(@Param('id') id: string, @Param('userId') userId: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    return this.groups.removeMember(id, userId, admin.id, requestContext(req));
  }
}
