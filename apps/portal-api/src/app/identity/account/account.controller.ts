import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AccountSecurity, RecoveryCodes, SessionInfo, TotpEnrolment } from '@passerelle/contracts';
import { AppError } from '../../http/app-error';
import { requestContext } from '../../http/request-context';
import { clearSessionCookie, SessionsService } from '../sessions/sessions.service';
import { CurrentUser } from '../session/current-user.decorator';
import type { PortalUser } from '../session/portal-user';
import { SessionGuard } from '../session/session.guard';
import { withRetryAfter } from '../throttle/too-many-attempts';
import { AccountService } from './account.service';
import { ChangePasswordDto, ConfirmAuthenticatorDto, SecondFactorProofDto, UpdateProfileDto } from './dto/account.dto';

@ApiTags('account')
@UseGuards(SessionGuard)
@Controller('account')
export class AccountController {
  constructor(
    private readonly account: AccountService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('security')
  @ApiOperation({ summary: 'Two-step verification status and password age' })
  security(@CurrentUser() user: PortalUser): Promise<AccountSecurity> {
    return this.account.security(user);
  }

  @Patch('profile')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one’s name or language' })
  async profile(@CurrentUser() user: PortalUser, @Body() body: UpdateProfileDto, @Req() req: Request): Promise<void> {
    await this.account.updateProfile(user, body, requestContext(req));
  }

  @Post('password')
  @HttpCode(204)
  @ApiOperation({ summary: 'Change one’s password (needs the current one)' })
  async password(@CurrentUser() user: PortalUser, @Body() body: ChangePasswordDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await withRetryAfter(res, () => this.account.changePassword(user, body.currentPassword, body.newPassword, requestContext(req)));
  }

  @Post('authenticator/start')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the authenticator, step 1: prove the current one, get a new key' })
  startAuthenticator(@CurrentUser() user: PortalUser, @Body() body: SecondFactorProofDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<TotpEnrolment> {
    return withRetryAfter(res, () => this.account.startAuthenticatorReplacement(user, body, requestContext(req)));
  }

  @Post('authenticator/confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the authenticator, step 2: a code from the new device; returns new recovery codes' })
  confirmAuthenticator(@CurrentUser() user: PortalUser, @Body() body: ConfirmAuthenticatorDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RecoveryCodes> {
    return withRetryAfter(res, () => this.account.confirmAuthenticator(user, body.code, requestContext(req)));
  }

  @Post('recovery-codes')
  @HttpCode(200)
  @ApiOperation({ summary: 'New recovery codes (the old ones stop working)' })
  recoveryCodes(@CurrentUser() user: PortalUser, @Body() body: SecondFactorProofDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<RecoveryCodes> {
    return withRetryAfter(res, () => this.account.regenerateRecoveryCodes(user, body, requestContext(req)));
  }

  @Get('sessions')
  @ApiOperation({ summary: 'Where one is signed in' })
  list(@CurrentUser() user: PortalUser): Promise<SessionInfo[]> {
    return this.sessions.list(user.id, user.sessionUid);
  }

  @Post('sessions/sign-out-everywhere')
  @HttpCode(204)
  @ApiOperation({ summary: 'End every session, revoke every grant, tell every app' })
  async signOutEverywhere(@CurrentUser() user: PortalUser, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.sessions.endAll(user.id, user.id, requestContext(req));
    clearSessionCookie(res);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'End one session' })
  async end(@CurrentUser() user: PortalUser, @Param('id') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    if (!(await this.sessions.end(user.id, id, user.id, requestContext(req)))) throw new AppError('not_found', 404, 'There is no such session.');
    if (id === user.sessionUid) clearSessionCookie(res);
  }
}
