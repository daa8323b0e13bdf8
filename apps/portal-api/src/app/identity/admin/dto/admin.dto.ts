import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { EMAIL_MAX_LENGTH, NAME_MAX_LENGTH, Permissions, type AdminUpdateUserRequest, type Permission } from '@passerelle/contracts';

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
  @MaxLength(200, { message: 'Search with at most 200 characters.' })
  @IsString()
  search?: string;
}

export class AdminCreateUserDto {
  @ApiProperty()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This email address is too long.' })
  @IsString({ message: 'Enter an email address.' })
  email: string;

  @ApiProperty()
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsString({ message: 'Enter a name.' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'isAdmin is true or false.' })
  isAdmin?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'At most 50 groups.' })
  @IsString({ each: true, message: 'Each group is a name.' })
  @IsArray({ message: 'groups is a list of group names.' })
  groups?: string[];
}

/** PATCH /api/admin/users/:id: only the fields given change; `groups` (names) replaces the person's groups. */
export class AdminUpdateUserDto implements AdminUpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsString({ message: 'Enter a name.' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This email address is too long.' })
  @IsString({ message: 'Enter an email address.' })
  email?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'isAdmin is true or false.' })
  isAdmin?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'Names of existing groups; replaces the person\u2019s groups.' })
  @IsOptional()
  @ArrayMaxSize(200, { message: 'At most 200 groups.' })
  @MaxLength(80, { each: true, message: 'Group names have 1 to 80 characters.' })
  @IsString({ each: true, message: 'Each group is a name.' })
  @IsArray({ message: 'groups is a list of group names.' })
  groups?: string[];

  @ApiPropertyOptional({ enum: Permissions, isArray: true, description: 'Replaces the person\u2019s permissions (`sponsor`: may invite guests; `communication`: may publish announcements; `support`: works the support queue).' })
  @IsOptional()
  @IsIn(Permissions, { each: true, message: `Permissions are a list of: ${Permissions.join(', ')}.` })
  @IsArray({ message: `Permissions are a list of: ${Permissions.join(', ')}.` })
  permissions?: Permission[];
}

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Event type or its prefix, e.g. `auth.` or `auth.password`' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
  event?: string;

  @ApiPropertyOptional({ enum: ['success', 'failure'] })
  @IsOptional()
  @IsIn(['success', 'failure'], { message: 'outcome is success or failure.' })
  outcome?: 'success' | 'failure';

  @ApiPropertyOptional({ description: 'User id (as actor or subject)' })
  @IsOptional()
  @MaxLength(64)
  @IsString()
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
  @MaxLength(36)
  @IsString()
  before?: string;
}
