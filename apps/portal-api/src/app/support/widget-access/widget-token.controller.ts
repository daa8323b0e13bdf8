import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import type { WidgetTokenRequest, WidgetTokenResponse } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { SessionGuard } from '../../identity/session/session.guard';
import { WidgetAccessService } from './widget-access.service';
import { withRetryAfter } from './retry-after';

export class WidgetTokenDto implements WidgetTokenRequest {
  @ApiProperty({ description: 'The origin the widget runs on, e.g. https://crm.example.com', maxLength: 300 })
  @MaxLength(300, { message: 'An origin has at most 300 characters.' })
  @IsString({ message: 'origin is the widget page’s origin, like https://crm.example.com.' })
  origin: string;
}

/** SupportRoutes.widgetToken: the widget on the portal's own pages trades the session cookie for a token. */
@ApiTags('support')
@Controller('support/widget')
export class WidgetTokenController {
  constructor(private readonly widgetAccess: WidgetAccessService) {}

  @Post('token')
  @HttpCode(200)
  // Cookie only: a widget token can't mint another one.
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'A support widget token for this origin (the portal’s or a registered app’s), bound to this session' })
  token(@CurrentUser() user: PortalUser, @Body() body: WidgetTokenDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WidgetTokenResponse> {
    res.setHeader('Cache-Control', 'no-store');
    return withRetryAfter(res, () => this.widgetAccess.issue(user, body.origin, requestContext(req)));
  }
}
