import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { InteractionState } from '@passerelle/contracts';
import { requestContext } from '../../http/request-context';
import { withRetryAfter } from '../throttle/too-many-attempts';
import { CodeStepDto, ConsentDto, PasswordStepDto } from './dto/interaction.dto';
import { InteractionService } from './interaction.service';

/**
 * JSON steps of a sign-in, under /interaction/:uid (outside /api: the provider's interaction cookie
 * is scoped to this path). The Angular page at /interaction/:uid drives them.
 */
@ApiExcludeController()
@Controller('interaction/:uid')
export class InteractionController {
  constructor(private readonly interactions: InteractionService) {}

  @Get('state')
  state(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<InteractionState> {
    noStore(res);
    return this.interactions.state(req, res, requestContext(req));
  }

  @Post('password')
  @HttpCode(200)
  password(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: PasswordStepDto): Promise<InteractionState> {
    noStore(res);
    return withRetryAfter(res, () => this.interactions.password(req, res, body.email, body.password, requestContext(req)));
  }

  @Post('totp')
  @HttpCode(200)
  totp(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: CodeStepDto): Promise<InteractionState> {
    noStore(res);
    return withRetryAfter(res, () => this.interactions.totp(req, res, body.code, requestContext(req)));
  }

  @Post('recovery')
  @HttpCode(200)
  recovery(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: CodeStepDto): Promise<InteractionState> {
    noStore(res);
    return withRetryAfter(res, () => this.interactions.recoveryCode(req, res, body.code, requestContext(req)));
  }

  @Post('enrolment')
  @HttpCode(200)
  enrolment(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: CodeStepDto): Promise<InteractionState> {
    noStore(res);
    return withRetryAfter(res, () => this.interactions.confirmEnrolment(req, res, body.code, requestContext(req)));
  }

  @Post('finish')
  @HttpCode(200)
  finish(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<InteractionState> {
    noStore(res);
    return this.interactions.finishAfterEnrolment(req, res, requestContext(req));
  }

  @Post('consent')
  @HttpCode(200)
  consent(@Req() req: Request, @Res({ passthrough: true }) res: Response, @Body() body: ConsentDto): Promise<InteractionState> {
    noStore(res);
    return this.interactions.consent(req, res, body.approve, requestContext(req));
  }

  @Post('abort')
  @HttpCode(200)
  abort(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<InteractionState> {
    noStore(res);
    return this.interactions.abort(req, res, requestContext(req));
  }
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
}
