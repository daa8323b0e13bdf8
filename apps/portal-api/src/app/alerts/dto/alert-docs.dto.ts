import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_LIMITS, AlertSeverities } from '@passerelle/contracts';

// OpenAPI descriptions of the push API's bodies. The service checks bodies itself (checkAlert), so
// each problem is named the way apps wrote it (`alerts[3].recipients.users`).

export class AlertRecipientsDoc {
  @ApiPropertyOptional({ type: [String], description: 'Email addresses or subject identifiers (sub).', example: ['amina.diallo@example.com'] })
  users?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Group names: their members at the time of posting.', example: ['Sales'] })
  groups?: string[];

  @ApiPropertyOptional({ description: 'Everyone who may use the app (also people who join later).' })
  everyone?: boolean;
}

export class AlertActionDoc {
  @ApiProperty({ maxLength: ALERT_LIMITS.actionLabelMax, example: 'Approve' })
  label!: string;

  @ApiProperty({ description: 'https, or the app’s own origin.', example: 'https://crm.example.com/deals/42/approve' })
  url!: string;
}

export class PostAlertDoc {
  @ApiProperty({ type: AlertRecipientsDoc })
  recipients!: AlertRecipientsDoc;

  @ApiProperty({ maxLength: ALERT_LIMITS.titleMax, example: 'Deal 42 is waiting for your approval' })
  title!: string;

  @ApiPropertyOptional({ maxLength: ALERT_LIMITS.bodyMax, description: 'Plain text or a small Markdown subset (paragraphs, **bold**, *italic*, `code`, lists, links). HTML is shown as text.' })
  body?: string;

  @ApiPropertyOptional({ enum: AlertSeverities, default: 'info' })
  severity?: string;

  @ApiPropertyOptional({ description: 'https, or the app’s own origin.', example: 'https://crm.example.com/deals/42' })
  link?: string;

  @ApiPropertyOptional({ format: 'date-time', description: `After it the alert disappears (at most ${ALERT_LIMITS.expiresMaxDays} days ahead).` })
  expiresAt?: string;

  @ApiPropertyOptional({ type: [AlertActionDoc], maxItems: ALERT_LIMITS.actionsMax })
  actions?: AlertActionDoc[];

  @ApiPropertyOptional({ maxLength: ALERT_LIMITS.dedupeKeyMax, description: 'A retried POST with the same key never creates a second alert; new content under the same key updates it.' })
  dedupeKey?: string;
}

export class PostAlertBatchDoc {
  @ApiProperty({ type: [PostAlertDoc], maxItems: ALERT_LIMITS.batchMax })
  alerts!: PostAlertDoc[];
}

export class PostAlertResponseDoc {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['created', 'updated', 'unchanged'] }) status!: string;
  @ApiProperty({ description: 'People it reaches.' }) recipients!: number;
  @ApiProperty({ description: 'Named people it did not reach (unknown, disabled, or not allowed to use the app).' }) skipped!: number;
}

export class PostAlertBatchResponseDoc {
  @ApiProperty({ type: [PostAlertResponseDoc] }) results!: PostAlertResponseDoc[];
}
