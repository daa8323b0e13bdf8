import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_LOCALE, isLocale, type Locale, type PostAlertRequest } from '@passerelle/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { UserEntity } from '../accounts/entities/user.entity';
import { SecondFactorService } from '../accounts/second-factor/second-factor.service';
import { EntitlementsService } from '../catalog/entitlements.service';
import { HealthProbesService } from '../catalog/health/health-probes.service';
import { reminderMail } from '../guests/guest-mail';
import { GuestLifecycleService, type GuestReminder } from '../guests/guest-lifecycle.service';
import { AlertsService } from './alerts.service';

/** Recovery codes left at which a person is warned (10 are given). */
const FEW_RECOVERY_CODES = 3;

// The same fallback as the mails (guest-mail.ts), so one person never gets two languages.
const localeOf = (user: Pick<UserEntity, 'locale'>): Locale => (isLocale(user.locale) ? user.locale : DEFAULT_LOCALE);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Passerelle's own alerts, each in the recipient's language and each under a dedupe key, so a
 * repeated cause updates one alert instead of piling up: a guest's access ending (to the guest and
 * the sponsor, beside the reminder mail), few recovery codes left, an app's health check failing
 * (to administrators, and again when it answers).
 */
@Injectable()
export class SystemAlerts {
  private readonly logger = new Logger('SystemAlerts');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly entitlements: EntitlementsService,
    private readonly clock: Clock,
    secondFactor: SecondFactorService,
    probes: HealthProbesService,
    guests: GuestLifecycleService,
  ) {
    guests.onReminder((reminder) => this.guestEnding(reminder));
    secondFactor.onRecoveryCodeUsed((userId, left) => this.recoveryCodesLow(userId, left));
    probes.onChange((appId, health) => void this.appHealth(appId, health).catch((error: Error) => this.logger.warn(`Health alert for ${appId}: ${error.message}`)));
  }

  async guestEnding(reminder: GuestReminder): Promise<void> {
    const { guest, sponsor } = reminder;
    const severity = reminder.days <= 1 ? 'warning' : 'info';
    const expiresAt = reminder.endsAt.toISOString();
    if (guest.passwordHash) {
      const mail = reminderMail({ ...reminder, to: guest, forSponsor: false });
      await this.post(guest, { title: mail.subject, body: bodyOf(mail.text), severity, expiresAt, dedupeKey: `guest-ending:${guest.id}` });
    }
    if (sponsor) {
      const mail = reminderMail({ ...reminder, to: sponsor, forSponsor: true });
      await this.post(sponsor, { title: mail.subject, body: bodyOf(mail.text), severity, link: reminder.guestsUrl, expiresAt, dedupeKey: `guest-ending:${guest.id}:sponsor` });
    }
  }

  async recoveryCodesLow(userId: string, left: number): Promise<void> {
    // Enough codes again (new ones were made): the warning, if any, goes away.
    if (left > FEW_RECOVERY_CODES) return this.alerts.withdrawSystemAlert(userId, `recovery-codes:${userId}`);
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) return;
    const fr = localeOf(user) === 'fr';
    const title =
      left === 0
        ? fr ? 'Vous n’avez plus de codes de secours' : 'You have no recovery codes left'
        : fr ? `Plus que ${left} code${left > 1 ? 's' : ''} de secours` : `Only ${left} recovery code${left > 1 ? 's' : ''} left`;
    const body = fr
      ? 'Sans code de secours, perdre votre téléphone vous empêcherait de vous connecter. Créez-en de nouveaux dans votre compte.'
      : 'Without recovery codes, losing your phone would lock you out. Create new ones in your account.';
    await this.post(user, { title, body, severity: left === 0 ? 'critical' : 'warning', link: `${this.config.publicUrl}/account`, dedupeKey: `recovery-codes:${user.id}` });
  }

  async appHealth(appId: string, health: 'up' | 'down'): Promise<void> {
    const app = (await this.entitlements.catalog()).byId.get(appId);
    if (!app) return;
    const admins = await this.dataSource.getRepository(UserEntity).findBy({ isAdmin: true, status: 'active' });
    for (const admin of admins) {
      const fr = localeOf(admin) === 'fr';
      const down = health === 'down';
      const title = down
        ? fr ? `${app.name} ne répond plus à son contrôle de santé` : `${app.name} is failing its health check`
        : fr ? `${app.name} répond de nouveau` : `${app.name} is answering again`;
      const body = down
        ? fr ? `${app.healthUrl} ne répond pas (ou répond par une erreur). Les personnes voient l’app marquée comme indisponible.` : `${app.healthUrl} does not answer (or answers with an error). People see the app marked as unavailable.`
        : fr ? `${app.healthUrl} répond normalement.` : `${app.healthUrl} answers normally.`;
      await this.post(admin, {
        title,
        body,
        severity: down ? 'critical' : 'info',
        link: `${this.config.publicUrl}/admin/apps/${app.id}`,
        // Recovered: gone by itself after a day.
        ...(down ? {} : { expiresAt: new Date(this.clock.now().getTime() + DAY_MS).toISOString() }),
        dedupeKey: `health:${app.id}:${admin.id}`,
      });
    }
  }

  private async post(to: UserEntity, alert: Omit<PostAlertRequest, 'recipients'>): Promise<void> {
    await this.alerts.post({ kind: 'system' }, { ...alert, recipients: { users: [to.id] } });
  }
}

/** A mail's text without its greeting line, as an alert's body. */
function bodyOf(text: string): string {
  return text.split('\n').slice(2).join('\n').trim();
}
