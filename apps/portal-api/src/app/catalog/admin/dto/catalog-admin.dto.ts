import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AppVisibilities, CATALOG_LIMITS, type AppVisibility, type CatalogAppInput, type CatalogAppUpdate, type CatalogOrder, type SetAppIconRequest } from '@passerelle/contracts';
import { MAX_URI_LENGTH } from '../../../identity/clients/client-uris';
import { APP_GROUPS_MAX, FEED_URL_MAX } from '../app-rules';

// Shapes only: the rules (trimmed lengths, URLs, existing ids) are in app-rules.ts and
// CatalogAdminService, shared with the CLI. Decorators run bottom-up and stop at the first failure.

const ORDER_SECTIONS_MAX = 500;
const ORDER_APPS_MAX = 5_000;
/** Base64 of the largest icon, with room for a `data:image/…;base64,` prefix. */
const ICON_BASE64_MAX = Math.ceil(CATALOG_LIMITS.iconBytesMax / 3) * 4 + 64;

export class CatalogAppUpdateDto implements CatalogAppUpdate {
  @ApiPropertyOptional({ example: 'Wiki', maxLength: CATALOG_LIMITS.nameMax })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.nameMax, { message: `Enter a name of 1 to ${CATALOG_LIMITS.nameMax} characters.` })
  @IsString({ message: 'Enter a name for the app.' })
  name?: string;

  @ApiPropertyOptional({ maxLength: CATALOG_LIMITS.descriptionMax })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.descriptionMax, { message: `Use at most ${CATALOG_LIMITS.descriptionMax} characters.` })
  @IsString({ message: 'Enter the description as text.' })
  description?: string;

  @ApiPropertyOptional({ example: 'https://wiki.example.com/' })
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { message: `Use at most ${MAX_URI_LENGTH} characters.` })
  @IsString({ message: 'Enter the URL as text.' })
  launchUrl?: string;

  @ApiPropertyOptional({ nullable: true, description: 'OIDC initiate_login_uri for the tile (https, or http on localhost); null: the client\u2019s.' })
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { message: `Use at most ${MAX_URI_LENGTH} characters.` })
  @IsString({ message: 'Enter the URL as text, or null.' })
  initiateLoginUri?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'The OIDC client that signs people in; null for a plain link.' })
  @IsOptional()
  @MaxLength(64, { message: 'Use at most 64 characters.' })
  @IsString({ message: 'Enter the client id as text, or null.' })
  clientId?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(36, { message: 'There is no such section.' })
  @IsString({ message: 'Enter the section id as text, or null.' })
  sectionId?: string | null;

  @ApiPropertyOptional({ enum: AppVisibilities })
  @IsOptional()
  @IsIn([...AppVisibilities], { message: `Choose ${AppVisibilities.join(', ')}.` })
  visibility?: AppVisibility;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(APP_GROUPS_MAX, { message: `Choose at most ${APP_GROUPS_MAX} groups.` })
  @MaxLength(36, { each: true, message: 'Each group id has at most 36 characters.' })
  @IsString({ each: true, message: 'Each group id is text.' })
  @IsArray({ message: 'groupIds is a list of group ids.' })
  groupIds?: string[];

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { message: `Use at most ${MAX_URI_LENGTH} characters.` })
  @IsString({ message: 'Enter the URL as text, or null.' })
  healthUrl?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'RSS, Atom or JSON Feed (http or https) polled for alerts; null: none.' })
  @IsOptional()
  @MaxLength(FEED_URL_MAX, { message: `Use at most ${FEED_URL_MAX} characters.` })
  @IsString({ message: 'Enter the URL as text, or null.' })
  feedUrl?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'Answer true or false.' })
  requestable?: boolean;
}

export class CatalogAppInputDto extends CatalogAppUpdateDto implements CatalogAppInput {
  @ApiProperty({ example: 'Wiki', maxLength: CATALOG_LIMITS.nameMax })
  @MaxLength(CATALOG_LIMITS.nameMax, { message: `Enter a name of 1 to ${CATALOG_LIMITS.nameMax} characters.` })
  @IsString({ message: 'Enter a name for the app.' })
  declare name: string;

  @ApiProperty({ example: 'https://wiki.example.com/' })
  @MaxLength(MAX_URI_LENGTH, { message: `Use at most ${MAX_URI_LENGTH} characters.` })
  @IsString({ message: 'Enter the URL people open.' })
  declare launchUrl: string;
}

export class SectionNameDto {
  @ApiProperty({ example: 'Daily work', maxLength: CATALOG_LIMITS.sectionNameMax })
  @MaxLength(CATALOG_LIMITS.sectionNameMax, { message: `Enter a section name of 1 to ${CATALOG_LIMITS.sectionNameMax} characters.` })
  @IsString({ message: 'Enter a section name.' })
  name: string;
}

export class OrderSectionDto {
  @ApiProperty()
  @MaxLength(36, { message: 'Unknown section id.' })
  @IsString({ message: 'Each section id is text.' })
  id: string;

  @ApiProperty({ type: [String] })
  @ArrayMaxSize(ORDER_APPS_MAX, { message: `At most ${ORDER_APPS_MAX} apps.` })
  @MaxLength(64, { each: true, message: 'Unknown app id.' })
  @IsString({ each: true, message: 'Each app id is text.' })
  @IsArray({ message: 'appIds is a list of app ids.' })
  appIds: string[];
}

export class CatalogOrderDto implements CatalogOrder {
  @ApiProperty({ type: [OrderSectionDto], description: 'Every section, in order, with its apps in order.' })
  @ValidateNested({ each: true })
  @Type(() => OrderSectionDto)
  @ArrayMaxSize(ORDER_SECTIONS_MAX, { message: `At most ${ORDER_SECTIONS_MAX} sections.` })
  @IsArray({ message: 'sections is a list of { id, appIds }.' })
  sections: OrderSectionDto[];

  @ApiPropertyOptional({ type: [String], description: 'Apps in no section, in order.' })
  @IsOptional()
  @ArrayMaxSize(ORDER_APPS_MAX, { message: `At most ${ORDER_APPS_MAX} apps.` })
  @MaxLength(64, { each: true, message: 'Unknown app id.' })
  @IsString({ each: true, message: 'Each app id is text.' })
  @IsArray({ message: 'unsectioned is a list of app ids.' })
  unsectioned?: string[];
}

export class SetAppIconDto implements SetAppIconRequest {
  @ApiPropertyOptional({ description: 'Base64 of a PNG, JPEG, WebP or GIF image (a data: URL is accepted too).' })
  @IsOptional()
  @MaxLength(ICON_BASE64_MAX, { message: `The image is too large: at most ${CATALOG_LIMITS.iconBytesMax / 1024} KB.` })
  @IsString({ message: 'Send the image as base64 text.' })
  image?: string;

  @ApiPropertyOptional({ description: 'Or a URL (https, or http on localhost) fetched once by the server; the image is stored.' })
  @IsOptional()
  @MaxLength(MAX_URI_LENGTH, { message: `Use at most ${MAX_URI_LENGTH} characters.` })
  @IsString({ message: 'Enter the URL as text.' })
  url?: string;

  @ApiPropertyOptional({ description: 'Ignored: the type is read from the image bytes.' })
  @IsOptional()
  @MaxLength(40)
  @IsString()
  contentType?: string;
}

export class GrantAppDto {
  @ApiProperty()
  @MaxLength(64, { message: 'There is no such user.' })
  @IsString({ message: 'Enter the id of the person to give the app to.' })
  userId: string;
}
