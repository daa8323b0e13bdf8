import type { Locale } from './locales';

/** Public facts about this Passerelle installation, readable before sign-in. */
export interface InstanceInfo {
  /** The organisation's name, shown on every screen; "Passerelle" until setup names it. */
  organisationName: string;
  /** True while no administrator exists: the first screen explains how to finish setup. */
  setupRequired: boolean;
  version: string;
}

/** Answer of POST /api/setup/link {token} — lets the setup page refuse a dead link before the form. */
export interface SetupLinkStatus {
  valid: boolean;
  /** Present when not valid. */
  reason?: 'setup_link_invalid' | 'setup_link_expired' | 'setup_link_used' | 'setup_already_done';
  expiresAt?: string;
  /** What the link is for: creating the first administrator, or activating an account an admin created. */
  purpose?: 'first_admin' | 'account_activation';
  /** For account activation links: whose account it is. */
  account?: {
    email: string;
    name: string;
    /** Set when the link is a guest's invitation: their access window and sponsor. */
    guest?: { startsAt: string; endsAt: string; sponsorName: string | null };
  };
}

/** POST /api/setup — creates the organisation's first administrator, once. */
export interface CreateFirstAdminRequest {
  token: string;
  organisationName: string;
  name: string;
  email: string;
  password: string;
  locale?: Locale;
}

export interface CreateFirstAdminResponse {
  organisationName: string;
  email: string;
  name: string;
}

/** POST /api/setup/activate — sets the password of an account created without one, once. */
export interface ActivateAccountRequest {
  token: string;
  password: string;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
export const NAME_MAX_LENGTH = 120;
export const EMAIL_MAX_LENGTH = 254;
export const ORGANISATION_NAME_MAX_LENGTH = 80;
