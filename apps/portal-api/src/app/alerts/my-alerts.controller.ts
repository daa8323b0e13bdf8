import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AlertCounts, AlertList, AlertView } from '@passerelle/contracts';
import type { Response } from 'express';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { AlertsService } from './alerts.service';
import { AlertListQueryDto, ReadAllDto, UpdateAlertStateDto } from './dto/my-alerts.dto';

/** The signed-in person's alerts: the notification centre and the tiles' badges. Never cached. */
@ApiTags('alerts')
@UseGuards(SessionGuard)
@Controller('me/alerts')
export class MyAlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: 'My alerts, newest first, with filters (app, severity, unread) and unread counts' })
  async list(@CurrentUser() user: PortalUser, @Query() query: AlertListQueryDto, @Res({ passthrough: true }) res: Response): Promise<AlertList> {
    res.setHeader('Cache-Control', 'no-store');
    return this.alerts.list(await this.alerts.readerFor(user.id), query);
  }

  @Get('counts')
  @ApiOperation({ summary: 'Unread alerts: in all, critical, and per app (the tiles’ badges)' })
  async counts(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<AlertCounts> {
    res.setHeader('Cache-Control', 'no-store');
    return this.alerts.counts(await this.alerts.readerFor(user.id));
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark all my alerts read (or one app’s)' })
  async readAll(@CurrentUser() user: PortalUser, @Body() body: ReadAllDto): Promise<void> {
    await this.alerts.readAll(await this.alerts.readerFor(user.id), body.appId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One of my alerts' })
  async one(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<AlertView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.alerts.one(await this.alerts.readerFor(user.id), id);
  }

  @Patch(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my alerts read or unread, or dismiss it' })
  async update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: UpdateAlertStateDto): Promise<void> {
    await this.alerts.setState(await this.alerts.readerFor(user.id), id, body);
  }
}
