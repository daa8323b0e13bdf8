import { Body, Controller, Get, HttpCode, Param, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthRoutes, CatalogRoutes, type Dashboard } from '@passerelle/contracts';
import { SessionsService } from '../../identity/sessions/sessions.service';
import { CurrentUser } from '../../identity/session/current-user.decorator';
import type { PortalUser } from '../../identity/session/portal-user';
import { SessionGuard } from '../../identity/session/session.guard';
import { DashboardService } from './dashboard.service';
import { UpdatePinsDto } from './dto/dashboard.dto';

/** Longest app id the launch endpoint looks up (ids are slugs of at most 64 characters). */
const APP_ID_MAX = 64;

/** What a catalog app id looks like (see client-id.ts): lower-case letters, digits and dashes. */
const APP_ID_SHAPE = new RegExp(`^[a-z0-9-]{1,${APP_ID_MAX}}$`);

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly sessions: SessionsService,
  ) {}

  @Get()
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'The signed-in person’s dashboard: apps by section, pins, recently used, requestable apps' })
  dashboard(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): Promise<Dashboard> {
    res.setHeader('Cache-Control', 'no-store');
    return this.dashboards.dashboard(user.id);
  }

  @Put('pins')
  @HttpCode(204)
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'Replace the person’s pinned apps, in order' })
  async pins(@CurrentUser() user: PortalUser, @Body() body: UpdatePinsDto): Promise<void> {
    await this.dashboards.updatePins(user.id, body.appIds);
  }

  /**
   * A browser navigation (a tile's link), so it answers with redirects, never JSON: to the sign-in
   * when signed out, back to the dashboard with a notice when the app can't be opened, else to the app.
   */
  @Get('apps/:appId/launch')
  @ApiOperation({ summary: 'Open an app (redirects; third-party-initiated login when the app has one)' })
  async launch(@Param('appId') appId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    res.setHeader('Cache-Control', 'no-store');
    // App ids are slugs; anything else names no app and is never echoed back.
    const knownShape = APP_ID_SHAPE.test(appId);
    const user = await this.sessions.userOf(req, res);
    if (!user) {
      res.redirect(302, knownShape ? `${AuthRoutes.signIn}?returnTo=${encodeURIComponent(CatalogRoutes.launch(appId))}` : AuthRoutes.signIn);
      return;
    }
    const target = knownShape ? await this.dashboards.launch(user, appId) : null;
    res.redirect(302, target ?? (knownShape ? `/?unavailable=${appId}` : '/?unavailable='));
  }
}
