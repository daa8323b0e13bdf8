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

export class SetupLinkQuery {
  @ApiProperty({ description: 'The token from the setup link (after #token=).' })
  @IsString()
  @MaxLength(500, { message: 'This setup link is not valid.' })
  token: string;
}

export class CreateFirstAdminDto implements CreateFirstAdminRequest {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'This setup link is not valid.' })
  token: string;

  @ApiProperty({ example: 'Atelier Lumière SA', maxLength: ORGANISATION_NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter the name of your organisation.' })
  @MaxLength(ORGANISATION_NAME_MAX_LENGTH, { message: `Use at most ${ORGANISATION_NAME_MAX_LENGTH} characters.` })
  organisationName: string;

  @ApiProperty({ example: 'Camille Martin', maxLength: NAME_MAX_LENGTH })
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'Enter your name.' })
  @MaxLength(NAME_MAX_LENGTH, { message: `Use at most ${NAME_MAX_LENGTH} characters.` })
  name: string;

  @ApiProperty({ example: 'camille.martin@example.com' })
  @Transform(trim)
  @IsString()
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'Enter a valid email address, like marie@example.com.' })
  @IsEmail({}, { message: 'Enter a valid email address, like marie@example.com.' })
  email: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  })
  password: string;

  @ApiPropertyOptional({ enum: SUPPORTED_LOCALES })
  @IsOptional()
  @IsIn(SUPPORTED_LOCALES as unknown as string[], { message: 'Choose English (en) or French (fr).' })
  locale?: Locale;
}

export class ActivateAccountDto implements ActivateAccountRequest {
  @ApiProperty()
  @IsString()
  @Length(20, 200, { message: 'This link is not valid.' })
  token: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, {
    message: `Use ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`,
  })
  password: string;
}
