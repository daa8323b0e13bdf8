import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsArray, IsBoolean, IsOptional, IsString } from 'class-validator';
import { ApiScopes, type CreateAppRequest, type SigningAlgorithm } from '@passerelle/contracts';
import { APP_NAME_MAX_LENGTH, SIGNING_ALGORITHMS } from '../client-metadata';
import { MAX_URIS_PER_LIST } from '../client-uris';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// The DTO only checks shapes; the rules (URLs, lengths, known scopes) live in appRequestProblems so
// the CLI applies the same ones. Decorators run bottom-up and stop at the first failure.

export class CreateAppDto implements CreateAppRequest {
  @ApiProperty({ example: 'Wiki', maxLength: APP_NAME_MAX_LENGTH })
  @IsString({ message: 'Enter a name for the app.' })
  @Transform(trim)
  name: string;

  @ApiProperty({ example: ['https://wiki.example.com/oidc/callback'], maxItems: MAX_URIS_PER_LIST })
  @IsString({ each: true, message: 'Enter each redirect URI as text.' })
  @IsArray({ message: 'Enter at least one redirect URI.' })
  redirectUris: string[];

  @ApiPropertyOptional({ example: ['https://wiki.example.com/'], maxItems: MAX_URIS_PER_LIST })
  @IsString({ each: true, message: 'Enter each URI as text.' })
  @IsArray({ message: 'Enter a list of URIs.' })
  @IsOptional()
  postLogoutRedirectUris?: string[];

  @ApiPropertyOptional({ example: 'https://wiki.example.com/oidc/login', description: 'Where a dashboard tile sends people (https).' })
  @IsString({ message: 'Enter the URI as text.' })
  @IsOptional()
  initiateLoginUri?: string;

  @ApiPropertyOptional({ example: 'https://wiki.example.com/oidc/backchannel-logout' })
  @IsString({ message: 'Enter the URI as text.' })
  @IsOptional()
  backchannelLogoutUri?: string;

  @ApiPropertyOptional({ description: 'A public client (SPA, mobile app) has no secret and must use PKCE.' })
  @IsBoolean({ message: 'Answer true or false.' })
  @IsOptional()
  public?: boolean;

  @ApiPropertyOptional({ enum: ApiScopes, isArray: true, description: 'Extra API scopes beyond openid profile email groups offline_access.' })
  @IsString({ each: true, message: 'Enter each scope as text.' })
  @IsArray({ message: 'Enter a list of scopes.' })
  @IsOptional()
  scopes?: string[];

  @ApiPropertyOptional({ enum: SIGNING_ALGORITHMS, default: 'RS256' })
  @IsString({ message: `Choose ${SIGNING_ALGORITHMS.join(', ')}.` })
  @IsOptional()
  idTokenSigningAlg?: SigningAlgorithm;
}
