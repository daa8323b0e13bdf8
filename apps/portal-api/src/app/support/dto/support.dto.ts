import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import {
  ATTACHMENT_LIMITS,
  CategoryFieldTypes,
  SUPPORT_LIMITS,
  TicketStatuses,
  TicketUrgencies,
  type AgentMessageRequest,
  type CategoryField,
  type ClientContext,
  type CreateTicketRequest,
  type MergeTicketRequest,
  type PostMessageRequest,
  type QueueQuery,
  type SaveCannedReplyRequest,
  type SaveCategoryRequest,
  type SlaTarget,
  type SupportSettings,
  type TicketStatus,
  type TicketUrgency,
  type UpdateTicketRequest,
} from '@passerelle/contracts';

const ID_MAX = 64;
const chars = (n: number) => `Use at most ${n} characters.`;

/** Shapes only; the rules that need the category, the clock or the ticket are the services'. */
export class CreateTicketDto implements CreateTicketRequest {
  @ApiProperty({ description: 'A UUID per draft: a retry with the same value returns the first ticket.' })
  @MaxLength(SUPPORT_LIMITS.requestIdMax, { message: chars(SUPPORT_LIMITS.requestIdMax) })
  @MinLength(8, { message: 'requestId is a unique id per draft (a UUID).' })
  @IsString({ message: 'requestId is a unique id per draft (a UUID).' })
  requestId: string;

  @ApiProperty()
  @MaxLength(ID_MAX, { message: 'Choose a category from the list.' })
  @IsString({ message: 'Choose a category from the list.' })
  categoryId: string;

  @ApiProperty({ maxLength: SUPPORT_LIMITS.subjectMax })
  @MaxLength(SUPPORT_LIMITS.subjectMax, { message: chars(SUPPORT_LIMITS.subjectMax) })
  @IsString({ message: 'Say in a few words what is wrong.' })
  subject: string;

  @ApiProperty({ maxLength: SUPPORT_LIMITS.descriptionMax })
  @MaxLength(SUPPORT_LIMITS.descriptionMax, { message: chars(SUPPORT_LIMITS.descriptionMax) })
  @IsString({ message: 'Describe what happened.' })
  description: string;

  @ApiProperty({ enum: TicketUrgencies })
  @IsIn(TicketUrgencies, { message: `Choose one of: ${TicketUrgencies.join(', ')}.` })
  urgency: TicketUrgency;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Values of the category’s fields, by key' })
  @IsOptional()
  @IsObject({ message: 'fields is an object of values by field key.' })
  fields?: Record<string, string | boolean>;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(ATTACHMENT_LIMITS.perMessage, { message: `Attach at most ${ATTACHMENT_LIMITS.perMessage} files.` })
  @MaxLength(ID_MAX, { each: true, message: 'Each attachment is an upload id.' })
  @IsString({ each: true, message: 'Each attachment is an upload id.' })
  @IsArray({ message: 'attachmentIds is a list of upload ids.' })
  attachmentIds?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'ClientContext; unknown keys are dropped, long values cut' })
  @IsOptional()
  @IsObject({ message: 'context is an object.' })
  context?: ClientContext;

  @ApiPropertyOptional({ description: 'Which of the person’s apps it is about (from the form options); ignored when filed from inside an app' })
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'Choose one of your apps from the list.' })
  @IsString({ message: 'Choose one of your apps from the list.' })
  appId?: string;
}

export class PostMessageDto implements PostMessageRequest {
  @ApiProperty({ maxLength: SUPPORT_LIMITS.messageMax })
  @MaxLength(SUPPORT_LIMITS.messageMax, { message: chars(SUPPORT_LIMITS.messageMax) })
  @IsString({ message: 'Write a message.' })
  body: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(ATTACHMENT_LIMITS.perMessage, { message: `Attach at most ${ATTACHMENT_LIMITS.perMessage} files.` })
  @MaxLength(ID_MAX, { each: true, message: 'Each attachment is an upload id.' })
  @IsString({ each: true, message: 'Each attachment is an upload id.' })
  @IsArray({ message: 'attachmentIds is a list of upload ids.' })
  attachmentIds?: string[];
}

export class AgentMessageDto extends PostMessageDto implements AgentMessageRequest {
  @ApiPropertyOptional({ description: 'Internal note: agents only' })
  @IsOptional()
  @IsBoolean({ message: 'internal is true or false.' })
  internal?: boolean;

  @ApiPropertyOptional({ enum: TicketStatuses })
  @IsOptional()
  @IsIn(TicketStatuses, { message: `Choose one of: ${TicketStatuses.join(', ')}.` })
  status?: TicketStatus;
}

export class MyTicketsQueryDto {
  @ApiPropertyOptional({ enum: TicketStatuses })
  @IsOptional()
  @IsIn(TicketStatuses, { message: `Choose one of: ${TicketStatuses.join(', ')}.` })
  status?: TicketStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(300, { message: 'Use the nextCursor of the previous page.' })
  @IsString({ message: 'Use the nextCursor of the previous page.' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: SUPPORT_LIMITS.pageSizeMax })
  @IsOptional()
  @Type(() => Number)
  @Max(SUPPORT_LIMITS.pageSizeMax, { message: `At most ${SUPPORT_LIMITS.pageSizeMax}.` })
  @Min(1, { message: 'At least 1.' })
  @IsInt({ message: 'A whole number.' })
  limit?: number;
}

export class QueueQueryDto extends MyTicketsQueryDto implements Omit<QueueQuery, 'status'> {
  @ApiPropertyOptional({ enum: [...TicketStatuses, 'open'] })
  @IsOptional()
  @IsIn([...TicketStatuses, 'open'], { message: `Choose one of: open, ${TicketStatuses.join(', ')}.` })
  declare status?: TicketStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'Choose a category from the list.' })
  @IsString({ message: 'Choose a category from the list.' })
  categoryId?: string;

  @ApiPropertyOptional({ enum: TicketUrgencies })
  @IsOptional()
  @IsIn(TicketUrgencies, { message: `Choose one of: ${TicketUrgencies.join(', ')}.` })
  urgency?: TicketUrgency;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'Choose an app from the list.' })
  @IsString({ message: 'Choose an app from the list.' })
  appId?: string;

  @ApiPropertyOptional({ description: '`any`, `me`, `unassigned` or a person id' })
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'any, me, unassigned or a person id.' })
  @IsString({ message: 'any, me, unassigned or a person id.' })
  assignee?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean({ message: 'breached is true or false.' })
  breached?: boolean;

  @ApiPropertyOptional({ description: 'Words in number, subject or requester' })
  @IsOptional()
  @MaxLength(200, { message: chars(200) })
  @IsString({ message: 'Search with text.' })
  q?: string;
}

export class UpdateTicketDto implements UpdateTicketRequest {
  @ApiPropertyOptional({ enum: TicketStatuses })
  @IsOptional()
  @IsIn(TicketStatuses, { message: `Choose one of: ${TicketStatuses.join(', ')}.` })
  status?: TicketStatus;

  @ApiPropertyOptional({ enum: TicketUrgencies })
  @IsOptional()
  @IsIn(TicketUrgencies, { message: `Choose one of: ${TicketUrgencies.join(', ')}.` })
  urgency?: TicketUrgency;

  @ApiPropertyOptional({ nullable: true, description: 'A support agent or administrator; null unassigns' })
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'Choose a support agent or an administrator.' })
  @IsString({ message: 'Choose a support agent or an administrator.' })
  assigneeId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(ID_MAX, { message: 'Choose a category from the list.' })
  @IsString({ message: 'Choose a category from the list.' })
  categoryId?: string;
}

export class MergeTicketDto implements MergeTicketRequest {
  @ApiProperty()
  @MaxLength(ID_MAX, { message: 'Choose one of the requester’s tickets.' })
  @IsString({ message: 'Choose one of the requester’s tickets.' })
  intoId: string;
}

export class CategoryFieldDto implements CategoryField {
  @ApiProperty({ pattern: '^[a-z0-9_]{1,40}$' })
  @Matches(/^[a-z0-9_]{1,40}$/, { message: 'Use 1 to 40 characters: lower-case letters, digits and _.' })
  @IsString({ message: 'Use 1 to 40 characters: lower-case letters, digits and _.' })
  key: string;

  @ApiProperty()
  @MaxLength(SUPPORT_LIMITS.fieldLabelMax, { message: chars(SUPPORT_LIMITS.fieldLabelMax) })
  @IsString({ message: 'Give the field a label.' })
  label: string;

  @ApiProperty({ enum: CategoryFieldTypes })
  @IsIn(CategoryFieldTypes, { message: `Choose one of: ${CategoryFieldTypes.join(', ')}.` })
  type: CategoryField['type'];

  @ApiProperty()
  @IsBoolean({ message: 'required is true or false.' })
  required: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @ArrayMaxSize(SUPPORT_LIMITS.fieldOptionsMax, { message: `Use at most ${SUPPORT_LIMITS.fieldOptionsMax} options.` })
  @MaxLength(SUPPORT_LIMITS.fieldLabelMax, { each: true, message: chars(SUPPORT_LIMITS.fieldLabelMax) })
  @IsString({ each: true, message: 'Each option is text.' })
  @IsArray({ message: 'options is a list.' })
  options?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(SUPPORT_LIMITS.fieldValueMax, { message: chars(SUPPORT_LIMITS.fieldValueMax) })
  @IsString({ message: 'Help is text.' })
  help?: string;
}

export class SaveCategoryDto implements SaveCategoryRequest {
  @ApiProperty()
  @MaxLength(SUPPORT_LIMITS.categoryNameMax, { message: chars(SUPPORT_LIMITS.categoryNameMax) })
  @IsString({ message: 'Give the category a name.' })
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @MaxLength(SUPPORT_LIMITS.categoryDescriptionMax, { message: chars(SUPPORT_LIMITS.categoryDescriptionMax) })
  @IsString({ message: 'The description is text.' })
  description?: string;

  @ApiPropertyOptional({ type: [CategoryFieldDto] })
  @IsOptional()
  @ArrayMaxSize(SUPPORT_LIMITS.fieldsPerCategoryMax, { message: `Use at most ${SUPPORT_LIMITS.fieldsPerCategoryMax} fields.` })
  @ValidateNested({ each: true })
  @Type(() => CategoryFieldDto)
  @IsArray({ message: 'fields is a list.' })
  fields?: CategoryFieldDto[];

  @ApiPropertyOptional({ enum: TicketUrgencies })
  @IsOptional()
  @IsIn(TicketUrgencies, { message: `Choose one of: ${TicketUrgencies.join(', ')}.` })
  defaultUrgency?: TicketUrgency;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean({ message: 'archived is true or false.' })
  archived?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Max(10_000, { message: 'At most 10000.' })
  @Min(0, { message: 'At least 0.' })
  @IsInt({ message: 'A whole number.' })
  position?: number;
}

export class SlaTargetDto implements SlaTarget {
  @ApiProperty({ enum: TicketUrgencies })
  @IsIn(TicketUrgencies, { message: `Choose one of: ${TicketUrgencies.join(', ')}.` })
  urgency: TicketUrgency;

  @ApiProperty()
  @IsInt({ message: 'Enter whole minutes.' })
  firstResponseMinutes: number;

  @ApiProperty()
  @IsInt({ message: 'Enter whole minutes.' })
  resolutionMinutes: number;
}

export class SupportSettingsDto implements SupportSettings {
  @ApiProperty({ type: [SlaTargetDto] })
  @ArrayMaxSize(TicketUrgencies.length, { message: 'One target per urgency.' })
  @ValidateNested({ each: true })
  @Type(() => SlaTargetDto)
  @IsArray({ message: 'sla is a list of targets, one per urgency.' })
  sla: SlaTargetDto[];

  @ApiProperty()
  @IsInt({ message: 'Enter whole days.' })
  reopenDays: number;
}

export class SaveCannedReplyDto implements SaveCannedReplyRequest {
  @ApiProperty()
  @MaxLength(SUPPORT_LIMITS.cannedTitleMax, { message: chars(SUPPORT_LIMITS.cannedTitleMax) })
  @IsString({ message: 'Give the reply a title.' })
  title: string;

  @ApiProperty()
  @MaxLength(SUPPORT_LIMITS.cannedBodyMax, { message: chars(SUPPORT_LIMITS.cannedBodyMax) })
  @IsString({ message: 'Write the reply.' })
  body: string;
}
