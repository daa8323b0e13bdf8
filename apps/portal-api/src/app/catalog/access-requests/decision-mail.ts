import { DEFAULT_LOCALE, isLocale, type Locale } from '@passerelle/contracts';
import type { MailMessage } from '../../../infra/mail/mail.service';

interface DecisionMailInput {
  to: string;
  name: string;
  locale: string | null;
  organisation: string;
  appName: string;
  approved: boolean;
  note: string | null;
  dashboardUrl: string;
}

/** Tells the person IT's answer to their access request, in their language (English when they have none). */
export function accessDecisionMail(input: DecisionMailInput): MailMessage {
  const locale: Locale = isLocale(input.locale) ? input.locale : DEFAULT_LOCALE;
  return { to: input.to, ...TEXTS[locale](input) };
}

const TEXTS: Record<Locale, (input: DecisionMailInput) => { subject: string; text: string }> = {
  en: ({ name, organisation, appName, approved, note, dashboardUrl }) => ({
    subject: approved ? `You can now open ${appName}` : `Your request for ${appName}`,
    text: [
      `Hello ${name},`,
      '',
      approved
        ? `${organisation}'s IT team approved your request: you can now open ${appName} from your dashboard.`
        : `${organisation}'s IT team did not approve your request to use ${appName}.`,
      ...(note ? ['', `Their note: ${note}`] : []),
      '',
      `Your dashboard: ${dashboardUrl}`,
    ].join('\n'),
  }),
  fr: ({ name, organisation, appName, approved, note, dashboardUrl }) => ({
    subject: approved ? `Vous pouvez maintenant ouvrir ${appName}` : `Votre demande pour ${appName}`,
    text: [
      `Bonjour ${name},`,
      '',
      approved
        ? `L’équipe informatique de ${organisation} a accepté votre demande : vous pouvez maintenant ouvrir ${appName} depuis votre tableau de bord.`
        : `L’équipe informatique de ${organisation} n’a pas accepté votre demande d’accès à ${appName}.`,
      ...(note ? ['', `Sa note : ${note}`] : []),
      '',
      `Votre tableau de bord : ${dashboardUrl}`,
    ].join('\n'),
  }),
};
