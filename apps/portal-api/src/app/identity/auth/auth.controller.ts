import { Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { parse as parseCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { CurrentUser as CurrentUserView } from '@passerelle/contracts';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { randomToken, safeEqual } from '../../../infra/crypto/tokens';
import { requestContext } from '../../http/request-context';
import { splitName } from '../oidc/account-claims';
import { issuerFor, PORTAL_CALLBACK_PATH, PORTAL_CLIENT_ID } from '../oidc/create-provider';
import { SessionsService } from '../sessions/sessions.service';
import { CurrentUser } from '../session/current-user.decorator';
import type { PortalUser } from '../session/portal-user';
import { SessionGuard } from '../session/session.guard';
import { safeReturnTo } from './return-to';

const STATE_COOKIE = 'psl_sign_in';

/**
 * The portal signs in like any app: it sends the browser to the provider (response_type=none —
 * the portal needs the provider's session, not tokens), and the provider's session is the
 * portal's session from then on.
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
  ) {}

  @Get('sign-in')
  @ApiOperation({ summary: 'Start signing in to the portal (redirects to the provider)' })
  signIn(@Query('returnTo') returnTo: unknown, @Res() res: Response): void {
    const state = randomToken(16);
    res.cookie(STATE_COOKIE, `${state}.${Buffer.from(safeReturnTo(returnTo)).toString('base64url')}`, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.config.publicUrl.startsWith('https:'),
      path: PORTAL_CALLBACK_PATH,
      maxAge: 30 * 60 * 1000,
    });
    const url = new URL(`${issuerFor(this.config.publicUrl)}/auth`);
    url.search = new URLSearchParams({
      client_id: PORTAL_CLIENT_ID,
      response_type: 'none',
      redirect_uri: `${this.config.publicUrl}${PORTAL_CALLBACK_PATH}`,
      scope: 'openid',
      state,
    }).toString();
    res.redirect(303, url.toString());
  }

  @Get('callback')
  @ApiOperation({ summary: 'Where the provider returns after the portal’s own sign-in' })
  callback(@Query('state') state: unknown, @Query('error') error: unknown, @Req() req: Request, @Res() res: Response): void {
    const [expected, encodedReturnTo] = String(parseCookie(req.headers.cookie ?? '')[STATE_COOKIE] ?? '').split('.');
    res.clearCookie(STATE_COOKIE, { path: PORTAL_CALLBACK_PATH });
    const returnTo = safeReturnTo(encodedReturnTo ? Buffer.from(encodedReturnTo, 'base64url').toString('utf8') : '/');
    if (typeof state !== 'string' || !expected || !safeEqual(state, expected) || error) {
      // A stale or forged callback signs nobody in; the home page offers to sign in again.
      res.redirect(303, '/');
      return;
    }
    res.redirect(303, returnTo);
  }

  @Post('sign-out')
  @HttpCode(204)
  @ApiOperation({ summary: 'End this browser’s session; the apps are told by back-channel logout' })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.endCurrent(req, res, requestContext(req));
  }

  @Get('me')
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'The signed-in person' })
  me(@CurrentUser() user: PortalUser, @Res({ passthrough: true }) res: Response): CurrentUserView {
    res.setHeader('Cache-Control', 'no-store');
    const { givenName, familyName } = splitName(user.name);
    return { id: user.id, email: user.email, name: user.name, givenName, familyName, locale: user.locale, isAdmin: user.isAdmin, kind: user.accountKind, permissions: user.permissions, groups: user.groups, amr: user.amr };
  }
}
