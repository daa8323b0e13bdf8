import { DEFAULT_LOCALE, isLocale, type Locale } from '@passerelle/contracts';
import type { MailMessage } from '../../../infra/mail/mail.service';

interface ResetMailInput {
  to: string;
  name: string;
  locale: string | null;
  url: string;
  validMinutes: number;
}

/** The password reset mail, in the person's language (English when they have none). */
export function passwordResetMail(input: ResetMailInput): MailMessage {
  const locale: Locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
  return { to: input.to, ...TEXTS[locale](input) };
}

const TEXTS: Record<Locale, (input: ResetMailInput) => { subject: string; text: string }> = {
  en: ({ name, to, url, validMinutes }) => ({
    subject: 'Reset your Passerelle password',
    text: [
      `Hello ${name},`,
      '',
      `Someone (hopefully you) asked to reset the password of your Passerelle account ${to}.`,
      `To choose a new password, open this link within ${validMinutes} minutes:`,
      '',
      url,
      '',
      'If you did not ask for this, ignore this message: your password stays as it is.',
    ].join('\n'),
  }),
  fr: ({ name, to, url, validMinutes }) => ({
    subject: 'Réinitialisez votre mot de passe Passerelle',
    text: [
      `Bonjour ${name},`,
      '',
      `Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte Passerelle ${to}.`,
      `Pour choisir un nouveau mot de passe, ouvrez ce lien dans les ${validMinutes} minutes :`,
      '',
      url,
      '',
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
    ].join('\n'),
  }),
};
