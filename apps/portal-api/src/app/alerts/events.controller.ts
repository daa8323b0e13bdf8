import { Controller, Get, Headers, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { SessionGuard } from '../identity/session/session.guard';
import { AlertStreamService } from './alert-stream.service';

/** Server-Sent Events for the signed-in person's dashboard: alerts, read state, counts, announcements. */
@ApiTags('alerts')
@UseGuards(SessionGuard)
@Controller('events')
export class EventsController {
  constructor(private readonly stream: AlertStreamService) {}

  @Get()
  @ApiProduces('text/event-stream')
  @ApiOperation({ summary: 'Live events (alert, alert-state, counts, announcement); resume with the Last-Event-ID header' })
  async events(
    @CurrentUser() user: PortalUser,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('lastEventId') lastEventIdQuery: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    await this.stream.open({ id: user.id, sessionUid: user.sessionUid }, res, eventId(lastEventIdHeader ?? lastEventIdQuery));
  }
}

/** A Last-Event-ID we sent is a positive integer; anything else means "from now". */
function eventId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
