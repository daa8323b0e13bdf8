import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SUPPORTED_LOCALES, NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@passerelle/contracts';

export class UpdateProfileDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'Enter your name.' })
  @MinLength(1, { message: 'Enter your name.' })
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  name?: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES, nullable: true })
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsIn([...SUPPORTED_LOCALES], { message: `Choose one of: ${SUPPORTED_LOCALES.join(', ')}.` })
  locale?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'Enter your current password.' })
  @MinLength(1, { message: 'Enter your current password.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'This password is too long.' })
  currentPassword: string;

  @ApiProperty()
  @IsString({ message: 'Enter a new password.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'This password is too long.' })
  newPassword: string;
}

export class SecondFactorProofDto {
  @ApiPropertyOptional({ description: 'A current code from the authenticator app' })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'This code is too long.' })
  code?: string;

  @ApiPropertyOptional({ description: 'Or one of the recovery codes' })
  @IsOptional()
  @IsString()
  @MaxLength(40, { message: 'This code is too long.' })
  recoveryCode?: string;
}

export class ConfirmAuthenticatorDto {
  @ApiProperty()
  @IsString({ message: 'Enter the code from your new authenticator.' })
  @MinLength(1, { message: 'Enter the code from your new authenticator.' })
  @MaxLength(40, { message: 'This code is too long.' })
  code: string;
}
