import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_LOCALE, isLocale, SupportWebRoutes, type Locale, type TicketStatus } from '@passerelle/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { MailService } from '../../infra/mail/mail.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { AlertsService } from '../alerts/alerts.service';
import type { TicketEntity } from './entities/ticket.entity';

const STATUS_WORDS: Record<Locale, Record<TicketStatus, string>> = {
  en: { new: 'New', in_progress: 'In progress', waiting: 'Waiting for you', resolved: 'Resolved', closed: 'Closed' },
  fr: { new: 'Nouvelle', in_progress: 'En cours', waiting: 'En attente de votre réponse', resolved: 'Résolue', closed: 'Fermée' },
};

/** What the requester is told about: an agent's reply, or a new status. */
export type RequesterNews = { kind: 'reply'; body: string } | { kind: 'status'; status: TicketStatus };

/** Alerts follow the commit; this is what to send once it happened. */
export interface PendingAlert {
  send(): Promise<void>;
}

const localeOf = (user: Pick<UserEntity, 'locale'>): Locale => (isLocale(user.locale) ? user.locale : DEFAULT_LOCALE);
const EXCERPT_MAX = 400;

/**
 * Tells people about tickets, each in their language: the requester by mail (written in the
 * change's transaction, so never for a change that rolled back: a receipt on filing, then each reply
 * and status) and by a dashboard alert (posted after the commit, one per ticket thanks to its dedupe
 * key); agents by one alert per new ticket.
 */
@Injectable()
export class TicketNotifier {
  private readonly logger = new Logger('Support');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly alerts: AlertsService,
    private readonly mail: MailService,
  ) {}

  /** Mails the requester inside `tx`; returns the alert to post after the commit. */
  async toRequester(tx: EntityManager, ticket: TicketEntity, news: RequesterNews): Promise<PendingAlert> {
    const reader = await this.requester(tx, ticket);
    if (!reader) return { send: async () => undefined };
    const { user, fr, link } = reader;
    const excerpt = news.kind === 'reply' ? clip(news.body) : '';
    const status = news.kind === 'status' ? STATUS_WORDS[fr ? 'fr' : 'en'][news.status] : '';
    const title =
      news.kind === 'reply'
        ? fr ? `Réponse du support à votre demande #${ticket.number}` : `Support replied to your ticket #${ticket.number}`
        : fr ? `Votre demande #${ticket.number} : ${status}` : `Your ticket #${ticket.number}: ${status}`;
    const lead =
      news.kind === 'reply'
        ? fr ? `Le support a répondu à votre demande « ${ticket.subject} » :` : `Support replied to your ticket “${ticket.subject}”:`
        : fr ? `Votre demande « ${ticket.subject} » est maintenant : ${status}.` : `Your ticket “${ticket.subject}” is now: ${status}.`;
    const open = fr ? `Voir la demande et répondre : ${link}` : `See the ticket and reply: ${link}`;
    await this.mail.send(
      {
        to: user.email,
        subject: title,
        text: [fr ? `Bonjour ${user.name},` : `Hello ${user.name},`, '', lead, ...(excerpt ? ['', excerpt] : []), '', open, ''].join('\n'),
      },
      tx,
    );
    return {
      send: () =>
        this.safely(`ticket ${ticket.number}`, () =>
          this.alerts.post(
            { kind: 'system' },
            {
              recipients: { users: [user.id] },
              title,
              // Plain text in a Markdown-subset body: escaped so a reply is shown as written.
              body: escapeMarkdown(news.kind === 'reply' ? excerpt : lead),
              severity: 'info',
              link,
              dedupeKey: `ticket-${ticket.id}`,
            },
          ),
        ),
    };
  }

  /**
   * Mails the requester a receipt inside the filing's transaction: the number to quote, and where the
   * answer will come. No dashboard alert: the widget has just shown the same thing.
   */
  async receipt(tx: EntityManager, ticket: TicketEntity): Promise<void> {
    const reader = await this.requester(tx, ticket);
    if (!reader) return;
    const { user, fr, link } = reader;
    const text = fr
      ? [
          `Bonjour ${user.name},`,
          '',
          `Nous avons bien reçu votre demande « ${ticket.subject} ». Son numéro : ${ticket.number}.`,
          'Le support vous répondra dans Passerelle ; vous serez prévenu sur votre tableau de bord et par e-mail.',
          '',
          `Suivre la demande ou ajouter un détail : ${link}`,
          '',
        ]
      : [
          `Hello ${user.name},`,
          '',
          `We have received your ticket “${ticket.subject}”. Its number: ${ticket.number}.`,
          'Support will answer in Passerelle; you will be told on your dashboard and by email.',
          '',
          `Follow the ticket or add a detail: ${link}`,
          '',
        ];
    const subject = fr ? `Demande #${ticket.number} reçue : ${ticket.subject}` : `Ticket #${ticket.number} received: ${ticket.subject}`;
    await this.mail.send({ to: user.email, subject, text: text.join('\n') }, tx);
  }

  /** One alert per language to the agents (people with the support permission and administrators). */
  async newTicket(ticket: TicketEntity): Promise<void> {
    const agents = await this.agents();
    const byLocale = new Map<Locale, string[]>();
    for (const agent of agents) byLocale.set(localeOf(agent), [...(byLocale.get(localeOf(agent)) ?? []), agent.id]);
    const link = `${this.config.publicUrl}${SupportWebRoutes.queueTicket(ticket.id)}`;
    for (const [locale, ids] of byLocale) {
      const fr = locale === 'fr';
      await this.safely(`new ticket ${ticket.number}`, () =>
        this.alerts.post(
          { kind: 'system' },
          {
            recipients: { users: ids },
            title: fr ? `Nouvelle demande #${ticket.number}` : `New ticket #${ticket.number}`,
            body: escapeMarkdown(ticket.subject),
            severity: ticket.urgency === 'urgent' ? 'critical' : 'info',
            link,
            dedupeKey: `ticket-new-${ticket.id}-${locale}`,
          },
        ),
      );
    }
  }

  /** The requester if they can still be told (an active account), their language and the ticket's link. */
  private async requester(tx: EntityManager, ticket: TicketEntity): Promise<{ user: UserEntity; fr: boolean; link: string } | null> {
    const user = await tx.findOneBy(UserEntity, { id: ticket.requesterId });
    if (!user || user.status !== 'active') return null;
    return { user, fr: localeOf(user) === 'fr', link: `${this.config.publicUrl}${SupportWebRoutes.myTicket(ticket.id)}` };
  }

  private async agents(): Promise<UserEntity[]> {
    const rows = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.locale', 'u.isAdmin', 'u.permissions'])
      .where('u.status = :active', { active: 'active' })
      .andWhere('u.kind = :employee', { employee: 'employee' })
      .andWhere('(u.is_admin = :yes OR u.permissions LIKE :support)', { yes: true, support: '%support%' })
      .getMany();
    return rows.filter((u) => u.isAdmin || u.permissions.includes('support'));
  }

  // An alert that fails must not undo or fail the ticket change that already committed.
  private async safely(what: string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.logger.warn(`Support alert for ${what} failed: ${(error as Error).message}`);
    }
  }
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > EXCERPT_MAX ? `${trimmed.slice(0, EXCERPT_MAX - 1)}…` : trimmed;
}

/** Backslash-escapes the Markdown subset's characters, so text reads as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]()#+\-.!<>|~&])/g, '\\$1');
}
