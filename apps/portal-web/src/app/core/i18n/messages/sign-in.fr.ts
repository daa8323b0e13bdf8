import type { signInEn } from './sign-in.en';

/** French messages: Sign-in, interaction steps, password reset, session shell. */
export const signInFr: Record<keyof typeof signInEn, string> = {
  'error.invalid_credentials': 'Cette adresse e-mail et ce mot de passe ne correspondent à aucun compte. Vérifiez-les et réessayez.',
  'error.totp_invalid': 'Ce code n’est pas valide en ce moment. Vérifiez que l’horloge de votre appareil est réglée automatiquement, puis essayez le code le plus récent.',
  'error.totp_reused': 'Ce code a déjà été utilisé. Attendez le suivant dans votre application.',
  'error.recovery_code_invalid': 'Ce code de secours n’est pas valide ou a déjà été utilisé.',
  'error.too_many_attempts': 'Trop de tentatives. Par sécurité, patientez un instant avant de réessayer.',
  'error.interaction_expired': 'Cette connexion a pris trop de temps et a expiré. Recommencez.',
  'error.account_disabled': 'Ce compte est désactivé. Contactez votre équipe informatique.',
  'error.reset_link_invalid': 'Ce lien de réinitialisation n’est pas valide. Demandez-en un nouveau.',
  'error.reset_link_expired': 'Ce lien de réinitialisation a expiré. Demandez-en un nouveau.',
  'error.reset_link_used': 'Ce lien de réinitialisation a déjà été utilisé. Demandez-en un nouveau si besoin.',
  'error.second_factor_required': 'Saisissez un code de votre application d’authentification ou l’un de vos codes de secours.',
};
