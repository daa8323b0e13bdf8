import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CreateFirstAdminResponse, SetupLinkStatus } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { InstanceService } from '../instance/instance.service';
import { ActivateAccountDto, CreateFirstAdminDto, SetupLinkCheckDto } from './dto/setup.dto';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Controller('setup')
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly instance: InstanceService,
  ) {}

  /** POST, not GET: the token travels in the body, out of proxies' access logs. */
  @Post('link')
  @HttpCode(200)
  @ApiOkResponse({ description: 'Whether a setup or activation link can still be used, and why not.' })
  checkLink(@Body() body: SetupLinkCheckDto): Promise<SetupLinkStatus> {
    return this.setup.checkLink(body.token);
  }

  @Post()
  @ApiCreatedResponse({ description: 'The first administrator was created; the link is spent.' })
  async createFirstAdmin(@Body() dto: CreateFirstAdminDto, @Req() req: Request): Promise<CreateFirstAdminResponse> {
    const admin = await this.setup.createFirstAdmin(dto, requestContext(req));
    return { organisationName: await this.instance.organisationName(), email: admin.email, name: admin.name };
  }

  @Post('activate')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The account now has a password; the link is spent.' })
  async activate(@Body() dto: ActivateAccountDto, @Req() req: Request): Promise<{ email: string; name: string }> {
    const user = await this.setup.activateAccount(dto, requestContext(req));
    return { email: user.email, name: user.name };
  }
}
