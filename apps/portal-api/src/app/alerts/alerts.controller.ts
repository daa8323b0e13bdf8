import { Body, Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PostAlertBatchResponse, PostAlertResponse } from '@passerelle/contracts';
import type { Request, Response } from 'express';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { AppError } from '../http/app-error';
import { BearerGuard, RequireScopes } from '../identity/session/bearer.strategy';
import type { ApiCaller } from '../identity/session/portal-user';
import { AlertRateLimit } from './alert-rate-limit';
import { AlertsService } from './alerts.service';
import { PostAlertBatchDoc, PostAlertBatchResponseDoc, PostAlertDoc, PostAlertResponseDoc } from './dto/alert-docs.dto';

/**
 * The push API for apps: a bearer token from this provider (client_credentials) with the
 * `alerts:write` scope, which an administrator grants per app. 202 means stored.
 */
@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(BearerGuard)
@RequireScopes('alerts:write')
@Controller('alerts')
export class AlertsController {
  private readonly rateLimit: AlertRateLimit;

  constructor(
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.rateLimit = new AlertRateLimit(config.alerts.perAppPerMinute);
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Post an alert to people, groups or everyone who uses the app (scope alerts:write)' })
  @ApiBody({ type: PostAlertDoc })
  @ApiAcceptedResponse({ type: PostAlertResponseDoc, description: 'Stored: created, updated (same dedupeKey, new content) or unchanged (a retry).' })
  async post(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PostAlertResponse> {
    const caller = appCaller(req);
    this.limit(caller.clientId, 1, res);
    return this.alerts.post({ kind: 'app', clientId: caller.clientId }, body);
  }

  @Post('batch')
  @HttpCode(202)
  @ApiOperation({ summary: 'Post several alerts at once, all or nothing (scope alerts:write)' })
  @ApiBody({ type: PostAlertBatchDoc })
  @ApiAcceptedResponse({ type: PostAlertBatchResponseDoc })
  async batch(@Body() body: Record<string, unknown>, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<PostAlertBatchResponse> {
    const caller = appCaller(req);
    const alerts = body?.['alerts'];
    const extra = Object.keys(body ?? {}).filter((key) => key !== 'alerts');
    if (extra.length > 0) throw new AppError('validation_failed', 400, `${extra[0]} is not an accepted field.`, Object.fromEntries(extra.map((k) => [k, [`${k} is not an accepted field.`]])));
    this.limit(caller.clientId, Array.isArray(alerts) ? alerts.length : 1, res);
    return this.alerts.postBatch({ kind: 'app', clientId: caller.clientId }, alerts);
  }

  private limit(clientId: string, n: number, res: Response): void {
    try {
      this.rateLimit.take(clientId, n, this.clock.now().getTime());
    } catch (error) {
      if (error instanceof AppError && error.params?.['retryAfter']) res.setHeader('Retry-After', error.params['retryAfter']);
      throw error;
    }
  }
}

/**
 * The app itself (a client_credentials token), never a person's token for it: otherwise anyone who
 * signs in to an app that holds alerts:write (a public one especially) could post as the app.
 */
function appCaller(req: Request): ApiCaller {
  const caller = req.user as ApiCaller;
  if (caller.accountId) throw new AppError('forbidden', 403, 'Post alerts with the app’s own token (client_credentials grant), not a token issued to a person.');
  return caller;
}
