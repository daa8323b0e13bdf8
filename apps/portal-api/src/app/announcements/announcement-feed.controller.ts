import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AnnouncementView } from '@passerelle/contracts';
import { AppError } from '../http/app-error';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { AnnouncementsService } from './announcements.service';

/** AnnouncementRoutes.feed and imageFile: what the signed-in person may read. */
@ApiTags('announcements')
@UseGuards(SessionGuard)
@Controller('announcements')
export class AnnouncementFeedController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Get()
  @ApiOperation({ summary: 'The signed-in person’s announcements: published, not expired, in their audience; pinned first' })
  feed(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<AnnouncementView[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.announcements.feed(user.id);
  }

  @Get(':id/image')
  @ApiOperation({ summary: 'An announcement’s image; cached for a year when `v` is its current version' })
  async image(@CurrentUser() user: PortalUser, @Param('id') id: string, @Query('v') v: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    const image = await this.announcements.readImage(user.id, id);
    // Not in their feed (another audience, scheduled, expired) or no image: the same answer.
    if (!image) throw new AppError('not_found', 404, 'This announcement has no image.');
    res.setHeader('Content-Type', image.contentType);
    // The bytes were checked to be a raster image; these keep a browser from reading them as anything else.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('Cache-Control', v === image.version ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    const etag = `"${image.version}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', String(image.bytes.length));
    res.status(200).end(image.bytes);
  }
}
