import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AccessRequestView, Page } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { AdminGuard, SessionGuard } from '../../identity/session/session.guard';
import { AccessRequestsService } from './access-requests.service';
import { AccessRequestQueryDto, CreateAccessRequestDto, DecideAccessRequestDto } from './dto/access-request.dto';

/** A person's own access requests (CatalogRoutes.accessRequests). */
@ApiTags('dashboard')
@UseGuards(SessionGuard)
@Controller('dashboard/access-requests')
export class AccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Ask for an app; 201 when filed, 200 with the request already waiting' })
  async create(@CurrentUser() user: PortalUser, @Body() body: CreateAccessRequestDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccessRequestView> {
    const { request, created } = await this.requests.create(user.id, body.appId, body.reason, requestContext(req));
    res.status(created ? 201 : 200);
    return request;
  }

  @Get()
  @ApiOperation({ summary: 'The person’s own requests, newest first' })
  list(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<AccessRequestView[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.requests.listOwn(user.id);
  }
}

/** IT's queue of access requests (CatalogAdminRoutes.accessRequests*). */
@ApiTags('admin')
@UseGuards(AdminGuard)
@Controller('admin/access-requests')
export class AdminAccessRequestsController {
  constructor(private readonly requests: AccessRequestsService) {}

  @Get()
  @ApiOperation({ summary: 'Access requests by status (pending ones oldest first)' })
  list(@Query() query: AccessRequestQueryDto): Promise<Page<AccessRequestView>> {
    return this.requests.list(query.status, query.page ?? 1, query.pageSize ?? 25);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve: the person is given the app and told by mail (409 when already decided)' })
  approve(@Param('id') id: string, @Body() body: DecideAccessRequestDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AccessRequestView> {
    return this.requests.approve(id, admin.id, body.note, requestContext(req));
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse: the person is told by mail (409 when already decided)' })
  refuse(@Param('id') id: string, @Body() body: DecideAccessRequestDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AccessRequestView> {
    return this.requests.refuse(id, admin.id, body.note, requestContext(req));
  }
}
