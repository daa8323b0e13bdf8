import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CATALOG_LIMITS, type AccessRequestStatus } from '@passerelle/contracts';
import { PageQueryDto } from '../../../identity/admin/dto/admin.dto';

export const ACCESS_REQUEST_STATUSES: readonly AccessRequestStatus[] = ['pending', 'approved', 'refused'];

export class CreateAccessRequestDto {
  @ApiProperty({ description: 'The app asked for' })
  @MinLength(1, { message: 'Choose the app you need.' })
  @MaxLength(64, { message: 'Choose the app you need.' })
  @IsString({ message: 'Choose the app you need.' })
  appId: string;

  @ApiPropertyOptional({ description: 'Why the person needs it (shown to IT)' })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.reasonMax, { message: `Say why in at most ${CATALOG_LIMITS.reasonMax} characters.` })
  @IsString({ message: 'The reason is text.' })
  reason?: string;
}

export class DecideAccessRequestDto {
  @ApiPropertyOptional({ description: 'Shown to the person (and mailed)' })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.reasonMax, { message: `Write a note of at most ${CATALOG_LIMITS.reasonMax} characters.` })
  @IsString({ message: 'The note is text.' })
  note?: string;
}

export class AccessRequestQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ACCESS_REQUEST_STATUSES })
  @IsOptional()
  @IsIn([...ACCESS_REQUEST_STATUSES], { message: `status is one of: ${ACCESS_REQUEST_STATUSES.join(', ')}.` })
  status?: AccessRequestStatus;
}
