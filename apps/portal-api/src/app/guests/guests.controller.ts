import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { BulkGuestResponse, GuestList, GuestOptions, GuestView, InviteGuestResponse } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { BulkGuestDto, GuestListQueryDto, InviteGuestDto, UpdateGuestDto } from './dto/guest.dto';
import { GuestsService } from './guests.service';

/**
 * GuestRoutes: administrators manage every guest; employees with the `sponsor` permission manage
 * the guests they sponsor (anyone else: 403). Responses are never cached.
 */
@ApiTags('guests')
@UseGuards(SessionGuard)
@Controller('guests')
export class GuestsController {
  constructor(private readonly guests: GuestsService) {}

  @Get('options')
  @ApiOperation({ summary: 'What the invite form needs: limits, sponsor choice, apps that may be given' })
  async options(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<GuestOptions> {
    res.setHeader('Cache-Control', 'no-store');
    return this.guests.options(await this.guests.managerFor(user.id));
  }

  @Get()
  @ApiOperation({ summary: 'Guests by filter (active, starting, ending within 7 days, ended, invited), with counts' })
  async list(@CurrentUser() user: PortalUser, @Query() query: GuestListQueryDto, @Res({ passthrough: true }) res: Response): Promise<GuestList> {
    res.setHeader('Cache-Control', 'no-store');
    return this.guests.list(await this.guests.managerFor(user.id), query.filter, query.search);
  }

  @Post()
  @ApiOperation({ summary: 'Invite a guest: the account, its apps and a one-time invitation link (mailed, and returned to copy)' })
  async invite(@CurrentUser() user: PortalUser, @Body() body: InviteGuestDto, @Req() req: Request): Promise<InviteGuestResponse> {
    return this.guests.invite(await this.guests.managerFor(user.id), body, requestContext(req));
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend or revoke several guests; one result per guest' })
  async bulk(@CurrentUser() user: PortalUser, @Body() body: BulkGuestDto, @Req() req: Request): Promise<BulkGuestResponse> {
    return this.guests.bulk(await this.guests.managerFor(user.id), body, requestContext(req));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One guest' })
  async get(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<GuestView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.guests.get(await this.guests.managerFor(user.id), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Extend, shorten, reactivate, change apps (removed apps stop at once), sponsor or details' })
  async update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: UpdateGuestDto, @Req() req: Request): Promise<GuestView> {
    return this.guests.update(await this.guests.managerFor(user.id), id, body, requestContext(req));
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the access now: sessions ended, tokens revoked, apps told by back-channel logout' })
  async revoke(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<GuestView> {
    return this.guests.revoke(await this.guests.managerFor(user.id), id, requestContext(req));
  }

  @Post(':id/invitation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the invitation again with a new link (the old one stops working)' })
  async resend(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<InviteGuestResponse> {
    return this.guests.resendInvitation(await this.guests.managerFor(user.id), id, requestContext(req));
  }

  @Delete(':id/invitation')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel an invitation not yet accepted: the link stops working and the guest is erased' })
  async cancel(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<void> {
    await this.guests.cancelInvitation(await this.guests.managerFor(user.id), id, requestContext(req));
  }
}
