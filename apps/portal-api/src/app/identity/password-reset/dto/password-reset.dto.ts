import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type CompletePasswordReset,
  type RequestPasswordReset,
} from '@passerelle/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// As in the setup DTOs: decorators run bottom-up and stop at the first failure, so the
// "is it there at all" check sits last.

export class RequestPasswordResetDto implements RequestPasswordReset {
  @ApiProperty({ example: 'camille.martin@example.com' })
  @IsEmail({}, { message: 'Enter a valid email address, like marie@example.com.' })
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'Enter a valid email address, like marie@example.com.' })
  @IsNotEmpty({ message: 'Enter your work email address.' })
  @IsString({ message: 'Enter your work email address.' })
  @Transform(trim)
  email: string;
}

export class PasswordResetCheckDto {
  @ApiProperty({ description: 'The token from the reset link (after #token=).' })
  @MaxLength(500, { message: 'This link is not valid.' })
  @IsString({ message: 'This link is not valid.' })
  token: string;
}

export class CompletePasswordResetDto implements CompletePasswordReset {
  @ApiProperty()
  @Length(20, 200, { message: 'This link is not valid.' })
  @IsString({ message: 'This link is not valid.' })
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @IsString({ message: 'Choose a password.' })
  password: string;

  @ApiPropertyOptional({ description: 'A code from the authenticator app, when the account has one.' })
  @MaxLength(20, { message: 'Enter the 6-digit code from your authenticator app.' })
  @IsString({ message: 'Enter the 6-digit code from your authenticator app.' })
  @IsOptional()
  code?: string;

  @ApiPropertyOptional({ description: 'One of the recovery codes, instead of an authenticator code.' })
  @MaxLength(64, { message: 'Enter one of your recovery codes.' })
  @IsString({ message: 'Enter one of your recovery codes.' })
  @IsOptional()
  recoveryCode?: string;
}
