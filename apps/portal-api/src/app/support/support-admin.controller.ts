import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CannedReply, SupportCategory, SupportSettings } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { AdminGuard, SessionGuard } from '../identity/session/session.guard';
import { SaveCannedReplyDto, SaveCategoryDto, SupportSettingsDto } from './dto/support.dto';
import { QueueService } from './queue.service';
import { SupportAdminService } from './support-admin.service';

/** SupportRoutes.categories and settings: administrators only. */
@ApiTags('support')
@UseGuards(AdminGuard)
@Controller('support/admin')
export class SupportAdminController {
  constructor(private readonly admin: SupportAdminService) {}

  @Get('categories')
  @ApiOperation({ summary: 'Every category, archived ones too' })
  categories(@Res({ passthrough: true }) res: Response): Promise<SupportCategory[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.admin.categories({ includeArchived: true });
  }

  @Post('categories')
  @ApiOperation({ summary: 'Add a category (with its own optional fields)' })
  create(@CurrentUser() user: PortalUser, @Body() body: SaveCategoryDto, @Req() req: Request): Promise<SupportCategory> {
    return this.admin.createCategory(user.id, body, requestContext(req));
  }

  @Put('categories/:id')
  @ApiOperation({ summary: 'Change a category (archive it to take it out of the form)' })
  update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: SaveCategoryDto, @Req() req: Request): Promise<SupportCategory> {
    return this.admin.updateCategory(user.id, id, body, requestContext(req));
  }

  @Delete('categories/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a category no ticket uses (else 409: archive it)' })
  async remove(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<void> {
    await this.admin.deleteCategory(user.id, id, requestContext(req));
  }

  @Get('settings')
  @ApiOperation({ summary: 'SLA targets per urgency (wall-clock minutes) and the reopen window' })
  settings(@Res({ passthrough: true }) res: Response): Promise<SupportSettings> {
    res.setHeader('Cache-Control', 'no-store');
    return this.admin.settings();
  }

  @Put('settings')
  @ApiOperation({ summary: 'Change the SLA targets and the reopen window (new tickets use them)' })
  saveSettings(@CurrentUser() user: PortalUser, @Body() body: SupportSettingsDto, @Req() req: Request): Promise<SupportSettings> {
    return this.admin.saveSettings(user.id, body, requestContext(req));
  }
}

/** SupportRoutes.cannedReplies: support agents and administrators. */
@ApiTags('support')
@UseGuards(SessionGuard)
@Controller('support/canned-replies')
export class CannedRepliesController {
  constructor(
    private readonly admin: SupportAdminService,
    private readonly queue: QueueService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Canned replies, by title' })
  async list(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<CannedReply[]> {
    res.setHeader('Cache-Control', 'no-store');
    await this.queue.agent(user);
    return this.admin.cannedReplies();
  }

  @Post()
  @ApiOperation({ summary: 'Add a canned reply' })
  async create(@CurrentUser() user: PortalUser, @Body() body: SaveCannedReplyDto, @Req() req: Request): Promise<CannedReply> {
    const agent = await this.queue.agent(user);
    return this.admin.createCannedReply(agent.id as string, body, requestContext(req));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a canned reply' })
  async update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: SaveCannedReplyDto, @Req() req: Request): Promise<CannedReply> {
    const agent = await this.queue.agent(user);
    return this.admin.updateCannedReply(agent.id as string, id, body, requestContext(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a canned reply' })
  async remove(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<void> {
    const agent = await this.queue.agent(user);
    await this.admin.deleteCannedReply(agent.id as string, id, requestContext(req));
  }
}
