import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
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

/**
 * SupportRoutes.attachment: the file, always as a download. Who may: agents and administrators,
 * the ticket's requester (not for files on internal notes), or the uploader of a file not sent
 * yet. Anyone else gets the same 404 as for a file that doesn't exist.
 */
@ApiTags('support')
@UseGuards(SupportUserGuard)
@Controller('support/attachments')
export class AttachmentDownloadController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly attachments: AttachmentsService,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'Download an attachment (requester of the ticket, agents, or its uploader before use)' })
  async download(@CurrentUser() user: PortalUser, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const attachment = await this.attachments.find(id);
    if (!attachment || !(await this.maySee(user, attachment))) throw new AppError('not_found', 404, 'No such file.');
    this.attachments.send(res, attachment);
  }

  private async maySee(user: PortalUser, attachment: { ticketId: string | null; messageId: string | null; uploaderId: string }): Promise<boolean> {
    if (!attachment.ticketId) return this.attachments.isOwnUnusedUpload(attachment as never, user.id);
    const row = await this.dataSource.getRepository(UserEntity).findOneBy({ id: user.id });
    if (row && isAgent(row)) return true;
    const ticket = await this.dataSource.getRepository(TicketEntity).findOneBy({ id: attachment.ticketId });
    if (!ticket || ticket.requesterId !== user.id) return false;
    if (!attachment.messageId) return true;
    const message = await this.dataSource.getRepository(TicketMessageEntity).findOneBy({ id: attachment.messageId });
    return !!message && message.kind !== 'note';
  }
}
