import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '@passerelle/contracts';

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page is a whole number from 1.' })
  @Min(1, { message: 'page is a whole number from 1.' })
  @Max(100_000, { message: 'page is a whole number from 1 to 100000.' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize is a whole number from 1 to 100.' })
  @Min(1, { message: 'pageSize is a whole number from 1 to 100.' })
  @Max(100, { message: 'pageSize is a whole number from 1 to 100.' })
  pageSize?: number;
}

export class UserSearchDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200, { message: 'Search with at most 200 characters.' })
  search?: string;
}

export class AdminCreateUserDto {
  @ApiProperty()
  @IsString({ message: 'Enter an email address.' })
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This email address is too long.' })
  email: string;

  @ApiProperty()
  @IsString({ message: 'Enter a name.' })
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'isAdmin is true or false.' })
  isAdmin?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray({ message: 'groups is a list of group names.' })
  @ArrayMaxSize(50, { message: 'At most 50 groups.' })
  @IsString({ each: true, message: 'Each group is a name.' })
  groups?: string[];
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Event type or its prefix, e.g. `auth.` or `auth.password`' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  event?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'], { message: 'outcome is success or failure.' })
  outcome?: 'success' | 'failure';

  @ApiPropertyOptional({ description: 'User id (as actor or subject)' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({}, { message: 'from is a date, like 2026-01-31 or 2026-01-31T08:00:00Z.' })
  from?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({}, { message: 'to is a date, like 2026-01-31 or 2026-01-31T18:00:00Z.' })
  to?: string;

  @ApiPropertyOptional({ description: 'Id of the last event already shown: the next page starts after it' })
  @IsOptional()
  @IsString()
  @MaxLength(36)
  before?: string;
}
