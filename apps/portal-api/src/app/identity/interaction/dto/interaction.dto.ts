import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@passerelle/contracts';

export class PasswordStepDto {
  @ApiProperty({ example: 'marie@example.com' })
  @MinLength(1, { message: 'Enter your email address.' })
  @MaxLength(EMAIL_MAX_LENGTH, { message: 'This email address is too long.' })
  @IsString({ message: 'Enter your email address.' })
  email: string;

  @ApiProperty()
  @MinLength(1, { message: 'Enter your password.' })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: 'This password is too long.' })
  @IsString({ message: 'Enter your password.' })
  password: string;
}

export class CodeStepDto {
  @ApiProperty({ example: '123456' })
  @MinLength(1, { message: 'Enter the code.' })
  @MaxLength(40, { message: 'This code is too long.' })
  @IsString({ message: 'Enter the code.' })
  code: string;
}

export class ConsentDto {
  @ApiProperty()
  @IsBoolean({ message: 'Say whether you allow this app.' })
  approve: boolean;
}
