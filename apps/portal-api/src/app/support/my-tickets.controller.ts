import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { CreateTicketResponse, SupportFormOptions, TicketList, TicketView } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { CreateTicketDto, MyTicketsQueryDto, PostMessageDto } from './dto/support.dto';
import { TicketsService } from './tickets.service';
import { withRetryAfter } from './widget-access/retry-after';
import { SupportUserGuard } from './widget-access/support-user.guard';
import { WidgetAccessService } from './widget-access/widget-access.service';

/**
 * The requester's routes (SupportRoutes.options, tickets…): the session cookie or the widget's
 * bearer token. A ticket of someone else is a 404, as if it didn't exist. Never cached.
 */
@ApiTags('support')
@UseGuards(SupportUserGuard)
@Controller('support')
export class MyTicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly widgetAccess: WidgetAccessService,
  ) {}

  @Get('options')
  @ApiOperation({ summary: 'What the support form needs: categories, limits, the app and the recent sign-in problems it will attach' })
  options(@CurrentUser() user: PortalUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SupportFormOptions> {
    res.setHeader('Cache-Control', 'no-store');
    return this.tickets.options(user, this.widgetAccess.originOf(req));
  }

  @Get('tickets')
  @ApiOperation({ summary: 'My tickets, most recently changed first (cursor paging)' })
  list(@CurrentUser() user: PortalUser, @Query() query: MyTicketsQueryDto, @Res({ passthrough: true }) res: Response): Promise<TicketList> {
    res.setHeader('Cache-Control', 'no-store');
    return this.tickets.list(user, query);
  }

  @Post('tickets')
  @ApiOperation({ summary: 'File a ticket (201); a retry with the same requestId returns the first one (200, created: false)' })
  async create(@CurrentUser() user: PortalUser, @Body() body: CreateTicketDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CreateTicketResponse> {
    const result = await withRetryAfter(res, () => this.tickets.create(user, body, this.widgetAccess.originOf(req), requestContext(req)));
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get('tickets/unread')
  @ApiOperation({ summary: 'How many of my tickets have news (a reply or a status change I haven’t seen)' })
  unread(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<{ unread: number }> {
    res.setHeader('Cache-Control', 'no-store');
    return this.tickets.unread(user);
  }

  @Get('tickets/:id')
  @ApiOperation({ summary: 'One of my tickets with its conversation; marks it seen' })
  get(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<TicketView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.tickets.get(user, id);
  }

  @Post('tickets/:id/messages')
  @ApiOperation({ summary: 'Reply (with attachments); a ticket waiting for me goes back to support' })
  reply(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: PostMessageDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TicketView> {
    return withRetryAfter(res, () => this.tickets.reply(user, id, body, requestContext(req)));
  }

  @Post('tickets/:id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a resolved ticket within the reopen window (else 409)' })
  reopen(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<TicketView> {
    return this.tickets.reopen(user, id, requestContext(req));
  }

  @Post('tickets/:id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Say the problem is solved' })
  resolve(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<TicketView> {
    return this.tickets.resolve(user, id, requestContext(req));
  }
}
