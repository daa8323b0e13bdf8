import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Request, Response } from 'express';
import { SUPPORT_LIMITS, WebhookEvents, type SaveWebhookRequest, type WebhookDeliveryView, type WebhookEvent, type WebhookView, type WebhookWithSecret } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { AdminGuard } from '../../identity/session/session.guard';
import { WebhooksService } from './webhooks.service';

export class SaveWebhookDto implements SaveWebhookRequest {
  @ApiProperty({ description: 'https:// address of the receiver (http:// only with WEBHOOK_ALLOW_PRIVATE)', maxLength: SUPPORT_LIMITS.webhookUrlMax })
  @MaxLength(SUPPORT_LIMITS.webhookUrlMax, { message: `Use at most ${SUPPORT_LIMITS.webhookUrlMax} characters.` })
  @IsString({ message: 'Enter the receiver’s address.' })
  url: string;

  @ApiProperty({ enum: WebhookEvents, isArray: true })
  @IsIn(WebhookEvents, { each: true, message: `Events are ${WebhookEvents.join(', ')}.` })
  @ArrayMaxSize(WebhookEvents.length, { message: 'Each event once.' })
  @IsArray({ message: 'events is a list of event names.' })
  events: WebhookEvent[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'active is true or false.' })
  active?: boolean;

  @ApiPropertyOptional({ maxLength: 300 })
  @IsOptional()
  @MaxLength(300, { message: 'Use at most 300 characters.' })
  @IsString({ message: 'The description is text.' })
  description?: string;
}

/** SupportRoutes.webhooks and below: administrators only (a widget token never reaches them). */
@ApiTags('support')
@UseGuards(AdminGuard)
@Controller('support/admin/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Get()
  @ApiOperation({ summary: 'Outbound webhooks, with each one’s last delivery' })
  list(@Res({ passthrough: true }) res: Response): Promise<WebhookView[]> {
    res.setHeader('Cache-Control', 'no-store');
    return this.webhooks.list();
  }

  @Post()
  @ApiOperation({ summary: 'Add a webhook; the answer holds its signing secret, shown this once' })
  create(@CurrentUser() user: PortalUser, @Body() body: SaveWebhookDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WebhookWithSecret> {
    res.setHeader('Cache-Control', 'no-store');
    return this.webhooks.create(user.id, body, requestContext(req));
  }

  @Put(':id')
  @ApiOperation({ summary: 'Change a webhook’s address, events, description or active state' })
  update(@CurrentUser() user: PortalUser, @Param('id') id: string, @Body() body: SaveWebhookDto, @Req() req: Request): Promise<WebhookView> {
    return this.webhooks.update(user.id, id, body, requestContext(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook and its delivery log' })
  remove(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<void> {
    return this.webhooks.remove(user.id, id, requestContext(req));
  }

  @Post(':id/secret')
  @HttpCode(201)
  @ApiOperation({ summary: 'A new signing secret (shown this once); the old one stops at once' })
  rotate(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<WebhookWithSecret> {
    res.setHeader('Cache-Control', 'no-store');
    return this.webhooks.rotateSecret(user.id, id, requestContext(req));
  }

  @Post(':id/test')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a `ping` delivery now' })
  test(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request): Promise<WebhookDeliveryView> {
    return this.webhooks.test(user.id, id, requestContext(req));
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'The delivery log, newest first (kept 30 days)' })
  deliveries(@Param('id') id: string, @Query('cursor') cursor: unknown, @Res({ passthrough: true }) res: Response) {
    res.setHeader('Cache-Control', 'no-store');
    return this.webhooks.deliveries(id, cursor);
  }

  @Post(':id/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Try a delivery again now' })
  retry(@CurrentUser() user: PortalUser, @Param('id') id: string, @Param('deliveryId') deliveryId: string, @Req() req: Request): Promise<WebhookDeliveryView> {
    return this.webhooks.retry(user.id, id, deliveryId, requestContext(req));
  }
}
