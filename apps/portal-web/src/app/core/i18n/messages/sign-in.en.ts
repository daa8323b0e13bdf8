/** English messages: Sign-in, interaction steps, password reset, session shell. Keys must also exist in sign-in.fr.ts. */
export const signInEn = {
  'error.invalid_credentials': 'This email and password don’t match an account. Check them and try again.',
  'error.totp_invalid': 'This code isn’t valid right now. Check that your device’s clock is set automatically, then try the newest code.',
  'error.totp_reused': 'This code has already been used. Wait for the next one in your app.',
  'error.recovery_code_invalid': 'This recovery code isn’t valid or has already been used.',
  'error.too_many_attempts': 'Too many attempts. For your security, wait a moment before trying again.',
  'error.interaction_expired': 'This sign-in took too long and has expired. Start again.',
  'error.account_disabled': 'This account is disabled. Contact your IT team.',
  'error.reset_link_invalid': 'This reset link isn’t valid. Ask for a new one.',
  'error.reset_link_expired': 'This reset link has expired. Ask for a new one.',
  'error.reset_link_used': 'This reset link has already been used. Ask for a new one if needed.',
  'error.second_factor_required': 'Enter a code from your authenticator app or one of your recovery codes.',
};
