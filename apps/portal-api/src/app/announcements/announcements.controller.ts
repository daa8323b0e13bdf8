import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AnnouncementAdminView, AnnouncementOptions } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { AnnouncementsService } from './announcements.service';
import { SaveAnnouncementDto, SetAnnouncementImageDto } from './dto/announcement.dto';

/**
 * AnnouncementRoutes.manage and below: administrators and employees with the `communication`
 * permission write every announcement (anyone else, guests included: 403). Never cached.
 */
@ApiTags('announcements')
@UseGuards(SessionGuard)
@Controller('admin/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Get()
  @ApiOperation({ summary: 'Every announcement with its audience and status (scheduled, published, expired)' })
  async list(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<AnnouncementAdminView[]> {
    res.setHeader('Cache-Control', 'no-store');
    await this.announcements.managerFor(user.id);
    return this.announcements.list();
  }

  @Get('options')
  @ApiOperation({ summary: 'What the editor needs: the groups an audience can be chosen from' })
  async options(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<AnnouncementOptions> {
    res.setHeader('Cache-Control', 'no-store');
    await this.announcements.managerFor(user.id);
    return this.announcements.options();
  }

  @Post()
  @ApiOperation({ summary: 'Write an announcement: published now or at publishAt, for everyone or chosen groups' })
  async create(@CurrentUser() user: PortalUser, @Body() body: SaveAnnouncementDto, @Req() req: Request): Promise<AnnouncementAdminView> {
    return this.announcements.create(await this.announcements.managerFor(user.id), body, requestContext(req));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One announcement' })
  async get(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<AnnouncementAdminView> {
    res.setHeader('Cache-Control', 'no-store');
    await this.announcements.managerFor(user.id);
    return this.announcements.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace an announcement’s text, audience, dates and pin' })
  async update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: SaveAnnouncementDto, @Req() req: Request): Promise<AnnouncementAdminView> {
    return this.announcements.update(await this.announcements.managerFor(user.id), id, body, requestContext(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an announcement (and its image)' })
  async remove(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<void> {
    await this.announcements.remove(await this.announcements.managerFor(user.id), id, requestContext(req));
  }

  @Put(':id/image')
  @ApiOperation({ summary: 'Set the image (PNG, JPEG or WebP, checked from its bytes, at most 2 MB) and its alt text' })
  async setImage(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: SetAnnouncementImageDto, @Req() req: Request): Promise<AnnouncementAdminView> {
    return this.announcements.setImage(await this.announcements.managerFor(user.id), id, body, requestContext(req));
  }

  @Delete(':id/image')
  @ApiOperation({ summary: 'Remove the image' })
  async removeImage(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<AnnouncementAdminView> {
    return this.announcements.removeImage(await this.announcements.managerFor(user.id), id, requestContext(req));
  }
}
