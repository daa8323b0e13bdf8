import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import {
  EMAIL_MAX_LENGTH,
  NAME_MAX_LENGTH,
  ORGANISATION_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SUPPORTED_LOCALES,
  type ActivateAccountRequest,
  type CreateFirstAdminRequest,
  type Locale,
} from '@passerelle/contracts';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

// class-validator runs a property's decorators bottom-up and we stop at the first failure, so the
// "is it there at all" check sits last and is the message a person sees for a missing field.

export class SetupLinkCheckDto {
  @ApiProperty({ description: 'The token from the setup link (after #token=).' })
  @MaxLength(500, { message: 'This setup link is not valid.' })
  @IsString({ message: 'This setup link is not valid.' })
  token: string;
}

export class CreateFirstAdminDto implements CreateFirstAdminRequest {
  @ApiProperty()
  @Length(20, 200, { message: 'This setup link is not valid.' })
  @IsString({ message: 'This setup link is not valid.' })
  token: string;

  @ApiProperty({ example: 'Atelier Lumière SA', maxLength: ORGANISATION_NAME_MAX_LENGTH })
  @MaxLength(ORGANISATION_NAME_MAX_LENGTH, { message: `Use at most ${ORGANISATION_NAME_MAX_LENGTH} characters.` })
  @IsNotEmpty({ message: 'Enter the name of your organisation.' })
  @IsString({ message: 'Enter the name of your organisation.' })
  @Transform(trim)
  organisationName: string;

  @ApiProperty({ example: 'Camille Martin', maxLength: NAME_MAX_LENGTH })
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  @IsNotEmpty({ message: 'Enter your name.' })
  @IsString({ message: 'Enter your name.' })
  @Transform(trim)
  name: string;

  @ApiProperty({ example: 'camille.martin@example.com' })
  @IsEmail({}, { message: 'Enter a valid email address, like marie@example.com.' })
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'Enter a valid email address, like marie@example.com.' })
  @IsNotEmpty({ message: 'Enter your work email address.' })
  @IsString({ message: 'Enter your work email address.' })
  @Transform(trim)
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @IsString({ message: 'Choose a password.' })
  password: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsIn(SUPPORTED_LOCALES as unknown as string[], { message: 'Choose English (en) or French (fr).' })
  @IsOptional()
  locale?: Locale;
}

export class ActivateAccountDto implements ActivateAccountRequest {
  @ApiProperty()
  @Length(20, 200, { message: 'This link is not valid.' })
  @IsString({ message: 'This link is not valid.' })
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, { message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.` })
  @IsString({ message: 'Choose a password.' })
  password: string;
}
