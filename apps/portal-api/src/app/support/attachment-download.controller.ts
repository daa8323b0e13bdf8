import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserEntity } from '../accounts/entities/user.entity';
import { AppError } from '../http/app-error';
import { CurrentUser } from '../identity/session/current-user.decorator';
import type { PortalUser } from '../identity/session/portal-user';
import { AttachmentsService } from './attachments/attachments.service';
import { TicketMessageEntity } from './entities/ticket-message.entity';
import { TicketEntity } from './entities/ticket.entity';
import { isAgent } from './queue.service';
import { SupportUserGuard } from './widget-access/support-user.guard';
import { WidgetAccessService } from './widget-access/widget-access.service';

/**
 * SupportRoutes.attachment: the file, always as a download. Who may: agents and administrators,
 * the ticket's requester (not for files on internal notes), or the uploader of a file not sent
 * yet. Anyone else gets the same 404 as for a file that doesn't exist. Agent rights need the session
 * cookie (the console): a widget token, held by a registered app's page, opens only its holder's
 * own tickets, like on every other route.
 */
@ApiTags('support')
@UseGuards(SupportUserGuard)
@Controller('support/attachments')
export class AttachmentDownloadController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsService,
    private readonly widgetAccess: WidgetAccessService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Download an attachment (requester of the ticket, agents, or its uploader before use)' })
  async download(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const attachment = await this.attachments.find(id);
    if (!attachment || !(await this.maySee(user, attachment, !this.widgetAccess.viaWidgetToken(req)))) throw new AppError('not_found', 404, 'No such file.');
    this.attachments.send(res, attachment);
  }

  private async maySee(user: PortalUser, attachment: { ticketId: string | null; messageId: string | null; uploaderId: string }, inConsole: boolean): Promise<boolean> {
    if (!attachment.ticketId) return this.attachments.isOwnUnusedUpload(attachment as never, user.id);
    if (inConsole) {
      const row = await this.dataSource.getRepository(UserEntity).findOneBy({ id: user.id });
      if (row && isAgent(row)) return true;
    }
    const ticket = await this.dataSource.getRepository(TicketEntity).findOneBy({ id: attachment.ticketId });
    if (!ticket || ticket.requesterId !== user.id) return false;
    if (!attachment.messageId) return true;
    const message = await this.dataSource.getRepository(TicketMessageEntity).findOneBy({ id: attachment.messageId });
    return !!message && message.kind !== 'note';
  }
}
