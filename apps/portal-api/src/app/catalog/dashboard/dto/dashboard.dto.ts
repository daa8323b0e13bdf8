import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsString, MaxLength } from 'class-validator';
import { CATALOG_LIMITS } from '@passerelle/contracts';

export class UpdatePinsDto {
  @ApiProperty({ type: [String], description: 'App ids in the order they are pinned (replaces the list)' })
  @ArrayUnique({ message: 'Pin each app once.' })
  @ArrayMaxSize(CATALOG_LIMITS.pinsMax, { message: `Pin at most ${CATALOG_LIMITS.pinsMax} apps.` })
  @MaxLength(64, { each: true, message: 'Each app id has at most 64 characters.' })
  @IsString({ each: true, message: 'Each pinned app is an app id.' })
  @IsArray({ message: 'appIds is a list of app ids.' })
  appIds: string[];
}
