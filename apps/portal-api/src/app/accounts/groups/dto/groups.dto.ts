import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { CATALOG_LIMITS, type GroupInput } from '@passerelle/contracts';
import { MEMBERS_PER_CHANGE_MAX } from '../groups.service';

// Shapes only; lengths after trimming and uniqueness are checked by GroupsService (the CLI shares them).

export class CreateGroupDto implements GroupInput {
  @ApiProperty({ example: 'Finance', maxLength: CATALOG_LIMITS.groupNameMax })
  @MaxLength(CATALOG_LIMITS.groupNameMax, { message: `Enter a group name of 1 to ${CATALOG_LIMITS.groupNameMax} characters.` })
  @IsString({ message: 'Enter a group name.' })
  name: string;

  @ApiPropertyOptional({ maxLength: CATALOG_LIMITS.groupDescriptionMax })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.groupDescriptionMax, { message: `Use at most ${CATALOG_LIMITS.groupDescriptionMax} characters.` })
  @IsString({ message: 'Enter the description as text.' })
  description?: string;
}

export class UpdateGroupDto implements Partial<GroupInput> {
  @ApiPropertyOptional({ maxLength: CATALOG_LIMITS.groupNameMax })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.groupNameMax, { message: `Enter a group name of 1 to ${CATALOG_LIMITS.groupNameMax} characters.` })
  @IsString({ message: 'Enter a group name.' })
  name?: string;

  @ApiPropertyOptional({ maxLength: CATALOG_LIMITS.groupDescriptionMax })
  @IsOptional()
  @MaxLength(CATALOG_LIMITS.groupDescriptionMax, { message: `Use at most ${CATALOG_LIMITS.groupDescriptionMax} characters.` })
  @IsString({ message: 'Enter the description as text.' })
  description?: string;
}

export class SetMembersDto {
  @ApiProperty({ type: [String], description: 'User ids: the group\u2019s members become exactly these people.' })
  @ArrayMaxSize(MEMBERS_PER_CHANGE_MAX, { message: `Name at most ${MEMBERS_PER_CHANGE_MAX} people at once.` })
  @MaxLength(64, { each: true, message: 'Each user id has at most 64 characters.' })
  @IsString({ each: true, message: 'Each user id is text.' })
  @IsArray({ message: 'userIds is a list of user ids.' })
  userIds: string[];
}

export class AddMemberDto {
  @ApiProperty()
  @MaxLength(64, { message: 'userId has at most 64 characters.' })
  @IsString({ message: 'Enter the id of the user to add.' })
  userId: string;
}
