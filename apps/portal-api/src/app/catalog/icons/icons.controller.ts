import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AppError } from '../../http/app-error';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { SessionGuard } from '../../identity/session/session.guard';
import { EntitlementsService } from '../entitlements.service';
import { IconsService } from './icons.service';

/**
 * Serves stored icons (CatalogRoutes.icon) to the people who see the app's tile: those who may open
 * it or request it, and administrators. For anyone else the app does not exist (404).
 */
@ApiTags('catalog')
@UseGuards(SessionGuard)
@Controller('catalog/apps')
export class IconsController {
  constructor(
    private readonly icons: IconsService,
    private readonly entitlements: EntitlementsService,
  ) {}

  @Get(':id/icon')
  @ApiOperation({ summary: 'An app\u2019s stored icon; cached for a year when `v` is its current version' })
  async icon(@Param('id') id: string, @Query('v') v: unknown, @CurrentUser() user: PortalUser, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (!(await this.seesTile(user, id))) throw new AppError('not_found', 404, 'This app has no icon.');
    const icon = await this.icons.read(id);
    if (!icon) throw new AppError('not_found', 404, 'This app has no icon.');
    res.setHeader('Content-Type', icon.contentType);
    // The bytes were checked to be a raster image; these headers keep a browser from reading them as anything else.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Security-Policy', "default-src 'none'");
    res.setHeader('Cache-Control', v === icon.version ? 'private, max-age=31536000, immutable' : 'private, no-cache');
    const etag = `"${icon.version}"`;
    res.setHeader('ETag', etag);
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', String(icon.bytes.length));
    res.status(200).end(icon.bytes);
  }

  private async seesTile(user: PortalUser, appId: string): Promise<boolean> {
    if (user.isAdmin) return true;
    const app = (await this.entitlements.catalog()).byId.get(appId);
    return app !== undefined && (app.requestable || (await this.entitlements.mayUseApp(user.id, appId)));
  }
}
