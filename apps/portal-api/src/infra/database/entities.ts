import { GroupEntity } from '../../app/accounts/entities/group.entity';
import { RecoveryCodeEntity } from '../../app/accounts/entities/recovery-code.entity';
import { TotpCredentialEntity } from '../../app/accounts/entities/totp-credential.entity';
import { UserEntity } from '../../app/accounts/entities/user.entity';
import { AccessRequestEntity } from '../../app/catalog/entities/access-request.entity';
import { AppGrantEntity } from '../../app/catalog/entities/app-grant.entity';
import { CatalogAppGroupEntity } from '../../app/catalog/entities/catalog-app-group.entity';
import { CatalogAppIconEntity } from '../../app/catalog/entities/catalog-app-icon.entity';
import { CatalogAppEntity } from '../../app/catalog/entities/catalog-app.entity';
import { CatalogSectionEntity } from '../../app/catalog/entities/catalog-section.entity';
import { UserAppPreferenceEntity } from '../../app/catalog/entities/user-app-preference.entity';
import { GuestEntity } from '../../app/guests/entities/guest.entity';
import { AlertEntity } from '../../app/alerts/entities/alert.entity';
import { AlertEventEntity } from '../../app/alerts/entities/alert-event.entity';
import { AlertRecipientEntity } from '../../app/alerts/entities/alert-recipient.entity';
import { FeedEntity } from '../../app/alerts/feeds/entities/feed.entity';
import { FeedItemEntity } from '../../app/alerts/feeds/entities/feed-item.entity';
import { AnnouncementEntity } from '../../app/announcements/entities/announcement.entity';
import { AnnouncementGroupEntity } from '../../app/announcements/entities/announcement-group.entity';
import { AnnouncementImageEntity } from '../../app/announcements/entities/announcement-image.entity';
import { AuditEventEntity } from '../../app/audit/entities/audit-event.entity';
import { AuthThrottleEntity } from '../../app/identity/entities/auth-throttle.entity';
import { OidcClientEntity } from '../../app/identity/entities/oidc-client.entity';
import { PasswordResetEntity } from '../../app/identity/entities/password-reset.entity';
import { OidcPayloadEntity } from '../../app/identity/entities/oidc-payload.entity';
import { SessionDeviceEntity } from '../../app/identity/entities/session-device.entity';
import { SignInFlowEntity } from '../../app/identity/entities/sign-in-flow.entity';
import { SigningKeyEntity } from '../../app/identity/entities/signing-key.entity';
import { InstanceSettingEntity } from '../../app/instance/entities/instance-setting.entity';
import { SetupTokenEntity } from '../../app/setup/entities/setup-token.entity';
import { OutboxMailEntity } from '../mail/entities/outbox-mail.entity';
import { AttachmentEntity } from '../../app/support/attachments/entities/attachment.entity';
import { WebhookDeliveryEntity } from '../../app/support/webhooks/entities/webhook-delivery.entity';
import { WebhookEntity } from '../../app/support/webhooks/entities/webhook.entity';
import { CannedReplyEntity } from '../../app/support/entities/canned-reply.entity';
import { SupportCategoryEntity } from '../../app/support/entities/support-category.entity';
import { SupportSettingsEntity } from '../../app/support/entities/support-settings.entity';
import { TicketMessageEntity } from '../../app/support/entities/ticket-message.entity';
import { TicketEntity } from '../../app/support/entities/ticket.entity';

/** Every entity of the application; features add theirs here. */
export const ENTITIES = [
  UserEntity,
  GroupEntity,
  InstanceSettingEntity,
  SetupTokenEntity,
  AuditEventEntity,
  TotpCredentialEntity,
  RecoveryCodeEntity,
  OidcPayloadEntity,
  OidcClientEntity,
  SigningKeyEntity,
  SignInFlowEntity,
  SessionDeviceEntity,
  AuthThrottleEntity,
  OutboxMailEntity,
  PasswordResetEntity,
  CatalogSectionEntity,
  CatalogAppEntity,
  CatalogAppIconEntity,
  CatalogAppGroupEntity,
  AppGrantEntity,
  AccessRequestEntity,
  UserAppPreferenceEntity,
  GuestEntity,
  AlertEntity,
  AlertRecipientEntity,
  AlertEventEntity,
  FeedEntity,
  FeedItemEntity,
  AnnouncementEntity,
  AnnouncementGroupEntity,
  AnnouncementImageEntity,
  SupportCategoryEntity,
  TicketEntity,
  TicketMessageEntity,
  CannedReplyEntity,
  SupportSettingsEntity,
  AttachmentEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
];
