import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { PasswordResetLinkStatus } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { withRetryAfter } from '../throttle/too-many-attempts';
import { CompletePasswordResetDto, PasswordResetCheckDto, RequestPasswordResetDto } from './dto/password-reset.dto';
import { PasswordResetService } from './password-reset.service';

@ApiTags('auth')
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Always the same answer: a link was mailed if the address belongs to an active account.' })
  async request(
    @Body() dto: RequestPasswordResetDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Record<string, never>> {
    await withRetryAfter(res, () => this.resets.requestReset(dto.email, requestContext(req)));
    return {};
  }

  /** POST, not GET: the token travels in the body, out of proxies' access logs. */
  @Post('check')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Whether a reset link can still be used, and whether it needs the second factor.' })
  check(@Body() body: PasswordResetCheckDto): Promise<PasswordResetLinkStatus> {
    return this.resets.checkLink(body.token);
  }

  @Post('complete')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The password was changed; the link is spent.' })
  async complete(@Body() dto: CompletePasswordResetDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.resets.completeReset(dto, requestContext(req)));
  }
}
