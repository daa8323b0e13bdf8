import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { InstanceInfo } from '@passerelle/contracts';
import { APP_VERSION } from '../../infra/version';
import { InstanceService } from './instance.service';

@ApiTags('instance')
@Controller('instance')
export class InstanceController {
  constructor(@Inject(InstanceService) private readonly instance: InstanceService) {}

  @Get()
  @ApiOkResponse({ description: 'Public facts about this installation, readable before sign-in.' })
  async info(): Promise<InstanceInfo> {
    const [organisationName, setupRequired] = await Promise.all([this.instance.organisationName(), this.instance.setupRequired()]);
    return { organisationName, setupRequired, version: APP_VERSION };
  }
}
