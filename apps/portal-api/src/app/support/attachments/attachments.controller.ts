import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiConsumes, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { UploadAttachmentResponse } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { withRetryAfter } from '../widget-access/retry-after';
import { SupportUserGuard } from '../widget-access/support-user.guard';
import { AttachmentsService } from './attachments.service';
import { readUpload } from './upload-body';

/** SupportRoutes.attachments: upload one file (the session cookie or the widget token). Downloads are the tickets' route. */
@ApiTags('support')
@Controller('support/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @HttpCode(201)
  @UseGuards(SupportUserGuard)
  @ApiConsumes('application/octet-stream')
  @ApiHeader({ name: 'X-File-Name', required: true, description: 'The file’s name, URL-encoded' })
  @ApiOperation({ summary: 'Upload a file to attach to a ticket or message (PNG, JPEG, GIF, WebP, PDF or plain text, checked from its bytes); unused uploads are deleted after 24 h' })
  async upload(@CurrentUser() user: PortalUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<UploadAttachmentResponse> {
    res.setHeader('Cache-Control', 'no-store');
    return withRetryAfter(res, async () => {
      this.attachments.admit(user.id);
      const bytes = await readUpload(req, this.attachments.maxBytes);
      return this.attachments.upload(user.id, req.headers['x-file-name'], bytes, requestContext(req));
    });
  }
}
