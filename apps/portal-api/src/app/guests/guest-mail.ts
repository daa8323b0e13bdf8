import { DEFAULT_LOCALE, isLocale, type Locale } from '@passerelle/contracts';
import type { MailMessage } from '../../infra/mail/mail.service';

interface Person {
  email: string;
  name: string;
  locale: string | null;
}

function localeOf(person: Person): Locale {
  return isLocale(person.locale) ? person.locale : DEFAULT_LOCALE;
}

/** Dates in mails: the day, in the reader's language, in UTC (the mail can't know their time zone). */
function day(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date) + ' UTC';
}

export function invitationMail(input: {
  guest: Person;
  sponsorName: string | null;
  organisation: string;
  link: string;
  linkExpiresAt: Date;
  startsAt: Date;
  endsAt: Date;
  appNames: string[];
}): MailMessage {
  const locale = localeOf(input.guest);
  const apps = input.appNames.length ? input.appNames.join(', ') : null;
  if (locale === 'fr') {
    return {
      to: input.guest.email,
      subject: `${input.organisation} vous invite sur Passerelle`,
      text: [
        `Bonjour ${input.guest.name},`,
        '',
        `${input.sponsorName ?? 'L’équipe informatique'} vous a ouvert un accès invité au portail de ${input.organisation}, du ${day(input.startsAt, locale)} au ${day(input.endsAt, locale)}.`,
        ...(apps ? [`Applications : ${apps}.`] : []),
        '',
        `Acceptez l’invitation et choisissez votre mot de passe avec ce lien (il ne sert qu’une fois, jusqu’au ${day(input.linkExpiresAt, locale)}) :`,
        '',
        input.link,
        '',
        'À la première connexion, vous configurerez une application d’authentification (code à 6 chiffres) : elle est obligatoire pour les invités.',
      ].join('\n'),
    };
  }
  return {
    to: input.guest.email,
    subject: `${input.organisation} invites you to Passerelle`,
    text: [
      `Hello ${input.guest.name},`,
      '',
      `${input.sponsorName ?? 'The IT team'} gave you guest access to ${input.organisation}'s portal, from ${day(input.startsAt, locale)} until ${day(input.endsAt, locale)}.`,
      ...(apps ? [`Apps: ${apps}.`] : []),
      '',
      `Accept the invitation and choose your password with this link (it works once, until ${day(input.linkExpiresAt, locale)}):`,
      '',
      input.link,
      '',
      'When you first sign in you will set up an authenticator app (6-digit codes): guests must use one.',
    ].join('\n'),
  };
}

/** "Your access ends in 7 days" to the guest, or "X's access ends in 7 days" to the sponsor. */
export function reminderMail(input: { to: Person; guestName: string; forSponsor: boolean; endsAt: Date; days: number; organisation: string; guestsUrl: string }): MailMessage {
  const locale = localeOf(input.to);
  const when = day(input.endsAt, locale);
  if (locale === 'fr') {
    const inDays = input.days === 1 ? 'demain' : `dans ${input.days} jours`;
    return {
      to: input.to.email,
      subject: input.forSponsor ? `L’accès invité de ${input.guestName} se termine ${inDays}` : `Votre accès invité se termine ${inDays}`,
      text: [
        `Bonjour ${input.to.name},`,
        '',
        input.forSponsor
          ? `L’accès invité de ${input.guestName} au portail de ${input.organisation} se termine le ${when}. Pour le prolonger : ${input.guestsUrl}`
          : `Votre accès invité au portail de ${input.organisation} se termine le ${when}. Pour le prolonger, adressez-vous à la personne qui vous a invité.`,
      ].join('\n'),
    };
  }
  const inDays = input.days === 1 ? 'tomorrow' : `in ${input.days} days`;
  return {
    to: input.to.email,
    subject: input.forSponsor ? `${input.guestName}'s guest access ends ${inDays}` : `Your guest access ends ${inDays}`,
    text: [
      `Hello ${input.to.name},`,
      '',
      input.forSponsor
        ? `${input.guestName}'s guest access to ${input.organisation}'s portal ends on ${when}. To extend it: ${input.guestsUrl}`
        : `Your guest access to ${input.organisation}'s portal ends on ${when}. To extend it, ask the person who invited you.`,
    ].join('\n'),
  };
}

/** Tells the sponsor that their guest's access has ended (by date or revoked). */
export function endedMail(input: { sponsor: Person; guestName: string; revoked: boolean; eraseAfter: Date; organisation: string; guestsUrl: string }): MailMessage {
  const locale = localeOf(input.sponsor);
  if (locale === 'fr') {
    return {
      to: input.sponsor.email,
      subject: `L’accès invité de ${input.guestName} est terminé`,
      text: [
        `Bonjour ${input.sponsor.name},`,
        '',
        `L’accès invité de ${input.guestName} au portail de ${input.organisation} ${input.revoked ? 'a été révoqué' : 'est arrivé à son terme'} : ses sessions sont fermées et les applications prévenues.`,
        `Son compte reste désactivé jusqu’au ${day(input.eraseAfter, locale)}, puis ses données personnelles seront effacées. Pour le réactiver avant : ${input.guestsUrl}`,
      ].join('\n'),
    };
  }
  return {
    to: input.sponsor.email,
    subject: `${input.guestName}'s guest access has ended`,
    text: [
      `Hello ${input.sponsor.name},`,
      '',
      `${input.guestName}'s guest access to ${input.organisation}'s portal ${input.revoked ? 'was revoked' : 'reached its end date'}: their sessions are closed and the apps were told.`,
      `The account stays disabled until ${day(input.eraseAfter, locale)}; then their personal data is erased. To reactivate it before then: ${input.guestsUrl}`,
    ].join('\n'),
  };
}
