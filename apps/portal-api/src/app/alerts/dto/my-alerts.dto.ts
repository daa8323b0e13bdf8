import { ApiPropertyOptional } from '@nestjs/swagger';
import { AlertSeverities, type AlertListQuery, type AlertSeverity, type UpdateAlertStateRequest } from '@passerelle/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

const booleanText = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

export class AlertListQueryDto implements AlertListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'appId is text.' })
  @MaxLength(36, { message: 'appId is an app id.' })
  appId?: string;

  @ApiPropertyOptional({ enum: AlertSeverities })
  @IsOptional()
  @IsIn(AlertSeverities, { message: `severity is one of ${AlertSeverities.join(', ')}.` })
  severity?: AlertSeverity;

  @ApiPropertyOptional({ description: 'Only unread alerts.' })
  @IsOptional()
  @Transform(booleanText)
  @IsBoolean({ message: 'unread is true or false.' })
  unread?: boolean;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page.' })
  @IsOptional()
  @IsString({ message: 'before is the previous page’s nextCursor.' })
  @MaxLength(200, { message: 'before is the previous page’s nextCursor.' })
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit is a whole number.' })
  @Min(1, { message: 'limit is at least 1.' })
  @Max(100, { message: 'limit is at most 100.' })
  limit?: number;
}

export class UpdateAlertStateDto implements UpdateAlertStateRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'read is true or false.' })
  read?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'dismissed is true or false.' })
  dismissed?: boolean;
}

export class ReadAllDto {
  @ApiPropertyOptional({ description: 'Only this app’s alerts.' })
  @IsOptional()
  @IsString({ message: 'appId is text.' })
  @MaxLength(36, { message: 'appId is an app id.' })
  appId?: string;
}
