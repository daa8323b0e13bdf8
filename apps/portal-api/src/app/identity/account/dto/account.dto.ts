import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SUPPORTED_LOCALES, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@passerelle/contracts';

export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @MinLength(1, { message: 'Enter your name.' })
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsString({ message: 'Enter your name.' })
  name?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsIn([...SUPPORTED_LOCALES], { message: `Choose one of: ${SUPPORTED_LOCALES.join(', ')}.` })
  locale?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @MinLength(1, { message: 'Enter your current password.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'This password is too long.' })
  @IsString({ message: 'Enter your current password.' })
  currentPassword: string;

  @ApiProperty()
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'This password is too long.' })
  @IsString({ message: 'Enter a new password.' })
  newPassword: string;
}

export class SecondFactorProofDto {
  @ApiPropertyOptional({ description: 'A current code from the authenticator app' })
  @IsOptional()
  @MaxLength(40, { message: 'This code is too long.' })
  @IsString()
  code?: string;

  @ApiPropertyOptional({ description: 'Or one of the recovery codes' })
  @IsOptional()
  @MaxLength(40, { message: 'This code is too long.' })
  @IsString()
  recoveryCode?: string;
}

export class ConfirmAuthenticatorDto {
  @ApiProperty()
  @MinLength(1, { message: 'Enter the code from your new authenticator.' })
  @MaxLength(40, { message: 'This code is too long.' })
  @IsString({ message: 'Enter the code from your new authenticator.' })
  code: string;
}
