import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppClient, CreatedAppClient } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { AdminGuard } from '../session/admin.guard';
import { CurrentUser } from '../session/current-user.decorator';
import type { PortalUser } from '../session/portal-user';
import { ClientsService } from './clients.service';
import { CreateAppDto } from './dto/create-app.dto';
import { UpdateAppDto } from './dto/update-app.dto';

/** Administrators register the apps (OIDC clients) people sign in to. HTTP only: rules are in ClientsService. */
@ApiTags('admin')
@Controller('admin/apps')
@UseGuards(AdminGuard)
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Get()
  @ApiOkResponse({ description: 'Every registered app, without secrets.' })
  list(): Promise<AppClient[]> {
    return this.clients.list();
  }

  @Post()
  @ApiCreatedResponse({ description: 'The app was registered; clientSecret (confidential apps) is shown this once.' })
  create(@Body() dto: CreateAppDto, @CurrentUser() user: PortalUser, @Req() req: Request): Promise<CreatedAppClient> {
    return this.clients.create(dto, user.id, requestContext(req));
  }

  @Get(':clientId')
  @ApiOkResponse({ description: 'One app, without its secret.' })
  get(@Param('clientId') clientId: string): Promise<AppClient> {
    return this.clients.get(clientId);
  }

  @Patch(':clientId')
  @ApiOperation({ summary: "Replace an app's extra API scopes (e.g. grant alerts:write)" })
  @ApiOkResponse({ description: 'The app with its new scopes. Tokens carrying a removed scope stop working at once.' })
  @ApiBadRequestResponse({ description: 'fields.scopes names the unknown scopes.' })
  async update(@Param('clientId') clientId: string, @Body() dto: UpdateAppDto, @CurrentUser() user: PortalUser, @Req() req: Request): Promise<AppClient> {
    return (await this.clients.updateScopes(clientId, dto.scopes, user.id, requestContext(req))).client;
  }

  @Post(':clientId/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({ description: 'A new secret, shown this once; the old one stops working at once.' })
  rotateSecret(@Param('clientId') clientId: string, @CurrentUser() user: PortalUser, @Req() req: Request): Promise<CreatedAppClient> {
    return this.clients.rotateSecret(clientId, user.id, requestContext(req));
  }

  @Delete(':clientId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The app and every code, token and grant issued to it are gone.' })
  delete(@Param('clientId') clientId: string, @CurrentUser() user: PortalUser, @Req() req: Request): Promise<void> {
    return this.clients.delete(clientId, user.id, requestContext(req));
  }
}

