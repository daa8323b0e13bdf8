import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AgentTicketView, QueueOptions, QueueTicket, TicketList } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { AgentMessageDto, MergeTicketDto, QueueQueryDto, UpdateTicketDto } from './dto/support.dto';
import { QueueService } from './queue.service';

/** SupportRoutes.queue…: support agents and administrators, with the session cookie only (a widget token never opens them). */
@ApiTags('support')
@UseGuards(SessionGuard)
@Controller('support/queue')
export class QueueController {
  constructor(private readonly queue: QueueService) {}

  @Get()
  @ApiOperation({ summary: 'The queue, filtered; soonest resolution due time first (urgent and late tickets lead), cursor paging' })
  async list(@CurrentUser() user: PortalUser, @Query() query: QueueQueryDto, @Res({ passthrough: true }) res: Response): Promise<TicketList<QueueTicket>> {
    res.setHeader('Cache-Control', 'no-store');
    return this.queue.queue(await this.queue.agent(user), query);
  }

  @Get('options')
  @ApiOperation({ summary: 'Agents, categories, apps and canned replies for the queue’s filters and forms' })
  async options(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<QueueOptions> {
    res.setHeader('Cache-Control', 'no-store');
    await this.queue.agent(user);
    return this.queue.options();
  }

  @Get(':id')
  @ApiOperation({ summary: 'A ticket with the requester, notes, events, SLA and the requester’s other open tickets' })
  async get(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<AgentTicketView> {
    res.setHeader('Cache-Control', 'no-store');
    return this.queue.get(await this.queue.agent(user), id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change status, urgency, assignee or category (each change is an event in the conversation)' })
  async update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: UpdateTicketDto, @Req() req: Request): Promise<AgentTicketView> {
    return this.queue.update(await this.queue.agent(user), id, body, requestContext(req));
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Reply to the requester (they are told) or write an internal note, optionally with a status' })
  async message(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: AgentMessageDto, @Req() req: Request): Promise<AgentTicketView> {
    return this.queue.message(await this.queue.agent(user), id, body, requestContext(req));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge this ticket into another of the same requester; this one closes' })
  async merge(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: MergeTicketDto, @Req() req: Request): Promise<AgentTicketView> {
    return this.queue.merge(await this.queue.agent(user), id, body, requestContext(req));
  }
}
