import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppGrant, CatalogApp, CatalogOverview, CatalogSection } from '@passerelle/contracts';
import { AppError } from '../../http/app-error';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { AdminGuard } from '../../identity/session/session.guard';
import { CatalogAdminService } from './catalog-admin.service';
import { CatalogGrantsService } from './catalog-grants.service';
import { CatalogAppInputDto, CatalogAppUpdateDto, CatalogOrderDto, GrantAppDto, SectionNameDto, SetAppIconDto } from './dto/catalog-admin.dto';

/** The console's catalog (CatalogAdminRoutes). HTTP only: rules are in the services. */
@ApiTags('admin')
@UseGuards(AdminGuard)
@Controller('admin/catalog')
export class CatalogAdminController {
  constructor(
    private readonly catalog: CatalogAdminService,
    private readonly grants: CatalogGrantsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Sections and apps in display order' })
  overview(): Promise<CatalogOverview> {
    return this.catalog.overview();
  }

  @Post('apps')
  @ApiOperation({ summary: 'Add an app (tile): a plain link, or linked to an existing OIDC client' })
  createApp(@Body() body: CatalogAppInputDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogApp> {
    return this.catalog.createApp(body, admin.id, requestContext(req));
  }

  @Get('apps/:id')
  getApp(@Param('id') id: string): Promise<CatalogApp> {
    return this.catalog.getApp(id);
  }

  @Patch('apps/:id')
  updateApp(@Param('id') id: string, @Body() body: CatalogAppUpdateDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogApp> {
    return this.catalog.updateApp(id, body, admin.id, requestContext(req));
  }

  @Delete('apps/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete the tile, and its OIDC client when they were created together' })
  deleteApp(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    return this.catalog.deleteApp(id, admin.id, requestContext(req));
  }

  @Put('apps/:id/icon')
  @ApiOperation({ summary: 'Set the icon: uploaded (base64) or fetched once from a URL, and stored' })
  setIcon(@Param('id') id: string, @Body() body: SetAppIconDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogApp> {
    const context = requestContext(req);
    if ((body.image === undefined) === (body.url === undefined)) {
      throw new AppError('validation_failed', 400, 'Send either an image or a URL.', { image: ['Send either an image (base64) or a url.'] });
    }
    if (body.url !== undefined) return this.catalog.setIconFromUrl(id, body.url, admin.id, context);
    return this.catalog.setIconFromBytes(id, decodeBase64(body.image as string), admin.id, context);
  }

  @Delete('apps/:id/icon')
  @HttpCode(204)
  async removeIcon(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    await this.catalog.removeIcon(id, admin.id, requestContext(req));
  }

  @Get('apps/:id/grants')
  @ApiOperation({ summary: 'People given this app one by one' })
  listGrants(@Param('id') id: string): Promise<AppGrant[]> {
    return this.grants.list(id);
  }

  @Post('apps/:id/grants')
  grant(@Param('id') id: string, @Body() body: GrantAppDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<AppGrant> {
    return this.grants.grant(id, body.userId, admin.id, requestContext(req));
  }

  @Delete('apps/:id/grants/:userId')
  @HttpCode(204)
  revoke(@Param('id') id: string, @Param('userId') userId: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    return this.grants.revoke(id, userId, admin.id, requestContext(req));
  }

  @Post('sections')
  createSection(@Body() body: SectionNameDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogSection> {
    return this.catalog.createSection(body.name, admin.id, requestContext(req));
  }

  @Patch('sections/:id')
  renameSection(@Param('id') id: string, @Body() body: SectionNameDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogSection> {
    return this.catalog.renameSection(id, body.name, admin.id, requestContext(req));
  }

  @Delete('sections/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a section; its apps stay, in no section' })
  deleteSection(@Param('id') id: string, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<void> {
    return this.catalog.deleteSection(id, admin.id, requestContext(req));
  }

  @Put('order')
  @ApiOperation({ summary: 'Order sections and the apps in each (every section once; each app at most once)' })
  setOrder(@Body() body: CatalogOrderDto, @CurrentUser() admin: PortalUser, @Req() req: Request): Promise<CatalogOverview> {
    return this.catalog.setOrder(body, admin.id, requestContext(req));
  }
}

/** Strict base64 (a `data:…;base64,` prefix is allowed): a typo must not become a different image. */
function decodeBase64(text: string): Buffer {
  const body = text.replace(/^data:[a-z0-9.+/-]+;base64,/i, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 === 1) {
    throw new AppError('validation_failed', 400, 'The image is not valid base64.', { image: ['The image is not valid base64.'] });
  }
  return Buffer.from(body, 'base64');
}
