import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { ANNOUNCEMENT_LIMITS, type SaveAnnouncementRequest, type SetAnnouncementImageRequest } from '@passerelle/contracts';
import { IMAGE_BASE64_MAX } from '../announcement-image-body';

const DATE_HINT = 'ISO 8601 date-time with its offset, e.g. 2027-03-31T09:00:00Z';
const MAX_MIB = ANNOUNCEMENT_LIMITS.imageMaxBytes / (1024 * 1024);

/** Shapes only; the rules that need the clock or the groups are AnnouncementsService's. */
export class SaveAnnouncementDto implements SaveAnnouncementRequest {
  @ApiProperty({ maxLength: ANNOUNCEMENT_LIMITS.titleMax })
  // Trimmed length is checked by the service; this bounds what is read at all.
  @MaxLength(ANNOUNCEMENT_LIMITS.titleMax * 2, { message: `Use at most ${ANNOUNCEMENT_LIMITS.titleMax} characters.` })
  @IsString({ message: 'Give the announcement a title.' })
  title: string;

  @ApiProperty({ description: 'Plain text or a small Markdown subset (paragraphs, **bold**, *italic*, `code`, links, lists); HTML shows as text.' })
  @MaxLength(ANNOUNCEMENT_LIMITS.bodyMax + 1000, { message: `Use at most ${ANNOUNCEMENT_LIMITS.bodyMax} characters.` })
  @IsString({ message: 'The body is text (it may be empty).' })
  body: string;

  @ApiPropertyOptional({ type: [String], description: 'Group names; empty or absent: every employee' })
  @IsOptional()
  @ArrayMaxSize(ANNOUNCEMENT_LIMITS.audienceMax, { message: `Choose at most ${ANNOUNCEMENT_LIMITS.audienceMax} groups.` })
  @MaxLength(80, { each: true, message: 'Group names have at most 80 characters.' })
  @IsString({ each: true, message: 'Each group is a name.' })
  @IsArray({ message: 'audienceGroups is a list of group names.' })
  audienceGroups?: string[];

  @ApiPropertyOptional({ description: `${DATE_HINT}; absent or null: now`, nullable: true })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date and time like 2027-03-31T09:00:00Z.' })
  @IsString({ message: 'Enter a date and time like 2027-03-31T09:00:00Z.' })
  publishAt?: string | null;

  @ApiPropertyOptional({ description: `${DATE_HINT}; absent or null: never`, nullable: true })
  @IsOptional()
  @MaxLength(40, { message: 'Enter a date and time like 2027-03-31T09:00:00Z.' })
  @IsString({ message: 'Enter a date and time like 2027-03-31T09:00:00Z.' })
  expiresAt?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'pinned is true or false.' })
  pinned?: boolean;

  @ApiPropertyOptional({ maxLength: ANNOUNCEMENT_LIMITS.imageAltMax })
  @IsOptional()
  @MaxLength(ANNOUNCEMENT_LIMITS.imageAltMax, { message: `Use at most ${ANNOUNCEMENT_LIMITS.imageAltMax} characters.` })
  @IsString({ message: 'Describe the image in text.' })
  imageAlt?: string;
}

export class SetAnnouncementImageDto implements SetAnnouncementImageRequest {
  @ApiProperty({ description: `Base64 of a PNG, JPEG or WebP image of at most ${MAX_MIB} MB (a data: URL is accepted too).` })
  @MaxLength(IMAGE_BASE64_MAX, { message: `The image is too large: at most ${MAX_MIB} MB.` })
  @IsString({ message: 'Send the image as base64 text.' })
  image: string;

  @ApiProperty({ description: 'What the image shows, for people who can’t see it.', maxLength: ANNOUNCEMENT_LIMITS.imageAltMax })
  @MaxLength(ANNOUNCEMENT_LIMITS.imageAltMax, { message: `Use at most ${ANNOUNCEMENT_LIMITS.imageAltMax} characters.` })
  @IsString({ message: 'Describe the image (alt text).' })
  alt: string;
}
