import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { CreateFirstAdminResponse, SetupLinkStatus } from '@passerelle/contracts';
import { requestContext } from '../http/request-context';
import { InstanceService } from '../instance/instance.service';
import { ActivateAccountDto, CreateFirstAdminDto, SetupLinkQuery } from './dto/setup.dto';
import { SetupService } from './setup.service';

@ApiTags('setup')
@Controller('setup')
export class SetupController {
  constructor(
    private readonly setup: SetupService,
    private readonly instance: InstanceService,
  ) {}

  @Get('link')
  @ApiOkResponse({ description: 'Whether a setup or activation link can still be used, and why not.' })
  checkLink(@Query() query: SetupLinkQuery): Promise<SetupLinkStatus> {
    return this.setup.checkLink(query.token);
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
