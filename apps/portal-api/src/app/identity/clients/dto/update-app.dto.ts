import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';
import { ApiScopes, type UpdateAppRequest } from '@passerelle/contracts';

const MAX_SCOPES = 20;

// Shapes only; which scopes exist is checked by apiScopeProblems, the same rule as at creation.

export class UpdateAppDto implements UpdateAppRequest {
  @ApiProperty({
    enum: ApiScopes,
    isArray: true,
    example: ['alerts:write'],
    description: 'Replaces the extra API scopes (beyond openid profile email groups offline_access); [] removes them all.',
  })
  @IsString({ each: true, message: 'Enter each scope as text.' })
  @ArrayMaxSize(MAX_SCOPES, { message: `Enter at most ${MAX_SCOPES} scopes.` })
  @IsArray({ message: 'Enter a list of scopes.' })
  scopes: string[];
}
