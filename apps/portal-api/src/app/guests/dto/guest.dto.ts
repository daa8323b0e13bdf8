import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  GUEST_LIMITS,
  GuestFilters,
  NAME_MAX_LENGTH,
  type BulkGuestRequest,
  type GuestFilter,
  type InviteGuestRequest,
  type UpdateGuestRequest,
} from '@passerelle/contracts';

const DATE_HINT = 'ISO 8601 date-time, e.g. 2027-03-31T23:59:59Z';

/** Shapes only; the rules that need the clock, the catalog or the sponsor are GuestsService's. */
export class InviteGuestDto implements InviteGuestRequest {
  @ApiProperty()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This email address is too long.' })
  @IsString({ message: 'Enter the guest’s email address.' })
  email: string;

  @ApiProperty()
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsString({ message: 'Enter the guest’s name.' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(GUEST_LIMITS.companyMax, { message: `Use at most ${GUEST_LIMITS.companyMax} characters.` })
  @IsString({ message: 'Enter a company name.' })
  company?: string;

  @ApiPropertyOptional({ description: 'Email or id of the employee who sponsors the guest (administrators only; default: you).' })
  @IsOptional()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This sponsor is too long.' })
  @IsString({ message: 'Name the sponsor by email.' })
  sponsor?: string;

  @ApiPropertyOptional({ description: `${DATE_HINT}; default now` })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date like 2027-03-31.' })
  @IsString({ message: 'Enter a date like 2027-03-31.' })
  startsAt?: string;

  @ApiProperty({ description: DATE_HINT })
  @MaxLength(40, { message: 'Enter a date like 2027-03-31.' })
  @IsString({ message: 'Choose when the access ends.' })
  endsAt: string;

  @ApiPropertyOptional({ type: [String], description: 'Catalog app ids' })
  @IsOptional()
  @ArrayMaxSize(GUEST_LIMITS.appsMax, { message: `Choose at most ${GUEST_LIMITS.appsMax} apps.` })
  @MaxLength(64, { each: true, message: 'Each app is an app id.' })
  @IsString({ each: true, message: 'Each app is an app id.' })
  @IsArray({ message: 'apps is a list of app ids.' })
  apps?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(GUEST_LIMITS.noteMax, { message: `Use at most ${GUEST_LIMITS.noteMax} characters.` })
  @IsString({ message: 'The note is text.' })
  note?: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'] })
  @IsOptional()
  @IsIn(['fr', 'en'], { message: 'Choose fr or en.' })
  locale?: 'fr' | 'en';
}

export class UpdateGuestDto implements UpdateGuestRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsString({ message: 'Enter the guest’s name.' })
  name?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(GUEST_LIMITS.companyMax, { message: `Use at most ${GUEST_LIMITS.companyMax} characters.` })
  @IsString({ message: 'Enter a company name.' })
  company?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(GUEST_LIMITS.noteMax, { message: `Use at most ${GUEST_LIMITS.noteMax} characters.` })
  @IsString({ message: 'The note is text.' })
  note?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This sponsor is too long.' })
  @IsString({ message: 'Name the sponsor by email.' })
  sponsor?: string;

  @ApiPropertyOptional({ description: DATE_HINT })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date like 2027-03-31.' })
  @IsString({ message: 'Enter a date like 2027-03-31.' })
  startsAt?: string;

  @ApiPropertyOptional({ description: `${DATE_HINT}; later extends (reactivates an ended guest), earlier shortens` })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date like 2027-03-31.' })
  @IsString({ message: 'Enter a date like 2027-03-31.' })
  endsAt?: string;

  @ApiPropertyOptional({ type: [String], description: 'Replaces the guest’s apps; removed apps stop working at once' })
  @IsOptional()
  @ArrayMaxSize(GUEST_LIMITS.appsMax, { message: `Choose at most ${GUEST_LIMITS.appsMax} apps.` })
  @MaxLength(64, { each: true, message: 'Each app is an app id.' })
  @IsString({ each: true, message: 'Each app is an app id.' })
  @IsArray({ message: 'apps is a list of app ids.' })
  apps?: string[];
}

export class BulkGuestDto implements BulkGuestRequest {
  @ApiProperty({ enum: ['extend', 'revoke'] })
  @IsIn(['extend', 'revoke'], { message: 'action is extend or revoke.' })
  action: 'extend' | 'revoke';

  @ApiProperty({ type: [String] })
  @ArrayMaxSize(GUEST_LIMITS.bulkMax, { message: `Choose at most ${GUEST_LIMITS.bulkMax} guests at once.` })
  @MaxLength(36, { each: true, message: 'Each id is a guest id.' })
  @IsString({ each: true, message: 'Each id is a guest id.' })
  @IsArray({ message: 'ids is a list of guest ids.' })
  ids: string[];

  @ApiPropertyOptional({ description: `For extend: ${DATE_HINT}` })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date like 2027-03-31.' })
  @IsString({ message: 'Enter a date like 2027-03-31.' })
  endsAt?: string;
}

export class GuestListQueryDto {
  @ApiPropertyOptional({ enum: GuestFilters })
  @IsOptional()
  @IsIn(GuestFilters, { message: `filter is one of ${GuestFilters.join(', ')}.` })
  filter?: GuestFilter;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(100, { message: 'Search with at most 100 characters.' })
  @IsString({ message: 'search is text.' })
  search?: string;
}
