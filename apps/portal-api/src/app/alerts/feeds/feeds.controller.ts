import { Controller, Get, HttpCode, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { FeedStatus } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { AdminGuard } from '../../identity/session/session.guard';
import { FeedsService } from './feeds.service';

/** FeedRoutes: an app's feed status for administrators, and "check now". HTTP only. */
@ApiTags('admin')
@UseGuards(AdminGuard)
@Controller('admin/catalog/apps/:id/feed')
export class FeedsController {
  constructor(private readonly feeds: FeedsService) {}

  @Get()
  @ApiOperation({ summary: 'How polling the app’s feed goes: state, last check and success, failures, message' })
  status(@Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<FeedStatus> {
    res.setHeader('Cache-Control', 'no-store');
    return this.feeds.status(id);
  }

  @Post('check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Poll the app’s feed now; answers with the state that came of it' })
  check(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<FeedStatus> {
    return this.feeds.checkNow(id, admin.id, requestContext(req));
  }
}
