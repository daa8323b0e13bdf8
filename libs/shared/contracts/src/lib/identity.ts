/**
 * Identity: sign-in steps (the oidc-provider interaction), the portal session, account self-service
 * and the administrators' views of users, apps and the audit trail.
 */
import type { AccountKind, Permission } from './guests';

/** Where oidc-provider lives, under the one issuer `${PUBLIC_URL}/oidc`. */
export const OIDC_MOUNT_PATH = '/oidc';

/**
 * oidc-provider hands each sign-in to `/interaction/:uid` (an Angular page). Its JSON endpoints sit
 * under the same path because the interaction cookie is scoped to it.
 */
export const InteractionRoutes = {
  page: (uid: string) => `/interaction/${uid}`,
  /** GET → InteractionState */
  state: (uid: string) => `/interaction/${uid}/state`,
  /** POST PasswordStepRequest → InteractionState */
  password: (uid: string) => `/interaction/${uid}/password`,
  /** POST CodeStepRequest → InteractionState (TOTP code) */
  totp: (uid: string) => `/interaction/${uid}/totp`,
  /** POST CodeStepRequest → InteractionState (recovery code instead of TOTP) */
  recovery: (uid: string) => `/interaction/${uid}/recovery`,
  /** POST CodeStepRequest → InteractionState with recoveryCodes (first TOTP code confirms enrolment) */
  enrolment: (uid: string) => `/interaction/${uid}/enrolment`,
  /** POST {} → InteractionState step 'done' (after the recovery codes were shown) */
  finish: (uid: string) => `/interaction/${uid}/finish`,
  /** POST ConsentRequest → InteractionState step 'done' */
  consent: (uid: string) => `/interaction/${uid}/consent`,
  /** POST {} → InteractionState step 'done' (redirects back to the app with access_denied) */
  abort: (uid: string) => `/interaction/${uid}/abort`,
} as const;

export const AuthRoutes = {
  /** GET ?returnTo=/path — starts a sign-in for the portal itself (302 to the provider). */
  signIn: '/api/auth/sign-in',
  /** GET — where the provider returns after the portal's own sign-in; 302 to returnTo. */
  callback: '/api/auth/callback',
  /** POST — ends this browser's session (and tells the apps by back-channel logout). */
  signOut: '/api/auth/sign-out',
  /** GET → CurrentUser (401 when signed out) */
  me: '/api/auth/me',
  /** POST RequestPasswordReset → 202, whether or not the email exists */
  passwordReset: '/api/auth/password-reset',
  /** POST {token} → PasswordResetLinkStatus */
  passwordResetCheck: '/api/auth/password-reset/check',
  /** POST CompletePasswordReset → 204 */
  passwordResetComplete: '/api/auth/password-reset/complete',
} as const;

export const AccountRoutes = {
  /** GET → AccountSecurity */
  security: '/api/account/security',
  /** PATCH UpdateProfileRequest → 204 (read /api/auth/me again) */
  profile: '/api/account/profile',
  /** POST ChangePasswordRequest → 204 */
  password: '/api/account/password',
  /** POST SecondFactorProof → TotpEnrolment (replacing the authenticator: step 1) */
  authenticatorStart: '/api/account/authenticator/start',
  /** POST CodeStepRequest → RecoveryCodes (step 2: confirm with a code from the new device) */
  authenticatorConfirm: '/api/account/authenticator/confirm',
  /** POST SecondFactorProof → RecoveryCodes */
  recoveryCodes: '/api/account/recovery-codes',
  /** GET → SessionInfo[] */
  sessions: '/api/account/sessions',
  /** DELETE → 204 */
  session: (id: string) => `/api/account/sessions/${id}`,
  /** POST → 204: ends every session, revokes every grant, back-channel logout to each app */
  signOutEverywhere: '/api/account/sessions/sign-out-everywhere',
} as const;

export const AdminRoutes = {
  /** GET ?search=&page=&pageSize= → Page<AdminUser>; POST AdminCreateUserRequest → AdminCreateUserResponse */
  users: '/api/admin/users',
  user: (id: string) => `/api/admin/users/${id}`,
  /** POST → AdminUser (ends every session and token at once) */
  disableUser: (id: string) => `/api/admin/users/${id}/disable`,
  enableUser: (id: string) => `/api/admin/users/${id}/enable`,
  /** POST → AdminUser: next sign-in enrols a new authenticator */
  resetSecondFactor: (id: string) => `/api/admin/users/${id}/reset-second-factor`,
  /** POST → AdminUser: clears the sign-in lock */
  unlockUser: (id: string) => `/api/admin/users/${id}/unlock`,
  /** GET → SessionInfo[]; DELETE → 204 (ends all of them) */
  userSessions: (id: string) => `/api/admin/users/${id}/sessions`,
  /** GET ?event=&actor=&outcome=&from=&to=&before= → Page<AuditEventView> */
  audit: '/api/admin/audit',
  /** GET → Page<OutboxMail> (mail kept here when no SMTP server is configured) */
  outbox: '/api/admin/outbox',
  /** GET → AppClient[]; POST CreateAppRequest → CreatedAppClient */
  apps: '/api/admin/apps',
  /** GET → AppClient; PATCH UpdateAppRequest → AppClient; DELETE → 204 */
  app: (clientId: string) => `/api/admin/apps/${clientId}`,
  /** POST → CreatedAppClient (new secret, shown once) */
  rotateAppSecret: (clientId: string) => `/api/admin/apps/${clientId}/rotate-secret`,
} as const;

/* ---------------------------------------------------------------- sign-in ---------------------- */

export type SignInStep = 'password' | 'totp' | 'enrol-totp' | 'recovery-codes' | 'consent' | 'no-access' | 'done';

export interface InteractionState {
  step: SignInStep;
  /** The app the person is signing in to ("Passerelle" for the portal itself). */
  client: { name: string; firstParty: boolean };
  organisationName: string;
  /** Pre-filled from login_hint or known after the password step. */
  email?: string;
  /** Present when step === 'enrol-totp'. */
  enrolment?: TotpEnrolment;
  /** Present once, right after enrolment (step 'recovery-codes'). */
  recoveryCodes?: string[];
  /** Present when step === 'consent': what the app asks for. */
  consent?: { scopes: string[]; claims: string[] };
  /** Step `no-access`: the person is signed in but may not use this app; no token is issued. */
  noAccess?: { appId: string; appName: string; requestable: boolean; requestPending: boolean };
  /** Present when step === 'done': where the browser goes next. */
  redirectTo?: string;
}

export interface PasswordStepRequest {
  email: string;
  password: string;
}

export interface CodeStepRequest {
  code: string;
}

export interface ConsentRequest {
  approve: boolean;
}

export interface TotpEnrolment {
  /** otpauth://totp/... — what the QR code encodes. */
  otpauthUri: string;
  /** The QR code as an SVG document (safe to inline: generated server-side from the URI only). */
  qrSvg: string;
  /** The base32 key for manual entry, in groups of four. */
  secret: string;
  issuer: string;
  accountName: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period: number;
}

export interface RecoveryCodes {
  codes: string[];
}

export const RECOVERY_CODE_COUNT = 10;
export const TOTP_CODE_LENGTH = 6;

/* ------------------------------------------------------------ the portal session ---------------- */

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  givenName: string;
  familyName: string;
  locale: string | null;
  isAdmin: boolean;
  /** Guests see only the apps chosen for them, until their end date. */
  kind: AccountKind;
  /** What an administrator allowed this employee to do besides using apps (e.g. invite guests). */
  permissions: Permission[];
  groups: string[];
  /** How this session was authenticated, e.g. ['pwd', 'otp']. */
  amr: string[];
}

export interface UpdateProfileRequest {
  name?: string;
  locale?: string | null;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Proof of the second factor for sensitive account changes: one of the two. */
export interface SecondFactorProof {
  code?: string;
  recoveryCode?: string;
}

export interface AccountSecurity {
  totpEnrolledAt: string | null;
  recoveryCodesLeft: number;
  passwordChangedAt: string | null;
}

export interface SessionInfo {
  id: string;
  current: boolean;
  browser: string;
  os: string;
  ipAddress: string | null;
  /** Approximate place, when a lookup is configured; otherwise null. */
  place: string | null;
  signedInAt: string;
  lastSeenAt: string;
  /** Names of the apps this session signed in to. */
  apps: string[];
}

export interface RequestPasswordReset {
  email: string;
}

export interface PasswordResetLinkStatus {
  valid: boolean;
  reason?: 'reset_link_invalid' | 'reset_link_expired' | 'reset_link_used';
  /** The reset also needs the second factor: a TOTP code or a recovery code. */
  needsSecondFactor: boolean;
}

export interface CompletePasswordReset {
  token: string;
  password: string;
  code?: string;
  recoveryCode?: string;
}

/* ------------------------------------------------------------------ admin ----------------------- */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  isAdmin: boolean;
  kind: AccountKind;
  permissions: Permission[];
  /** For guests: when their access ends. */
  accessEndsAt: string | null;
  status: 'active' | 'disabled';
  groups: string[];
  totpEnrolled: boolean;
  /** Set while the account is locked after repeated failures. */
  lockedUntil: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface AdminCreateUserRequest {
  email: string;
  name: string;
  isAdmin?: boolean;
  groups?: string[];
}

export interface AdminCreateUserResponse {
  user: AdminUser;
  /** One-time link for the person to set their password (also emailed when mail is configured). */
  activationLink: string;
  activationLinkExpiresAt: string;
}

export interface AuditEventView {
  id: string;
  at: string;
  event: string;
  outcome: 'success' | 'failure';
  actor: string | null;
  subject: string | null;
  /** The email of the person behind actor / subject, when it is a user id. */
  actorEmail?: string | null;
  subjectEmail?: string | null;
  ipAddress: string | null;
  details: Record<string, unknown>;
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
  sentAt: string | null;
}

/* ------------------------------------------------------------------- apps ----------------------- */

export type SigningAlgorithm = 'RS256' | 'ES256' | 'EdDSA';

export interface CreateAppRequest {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  initiateLoginUri?: string;
  backchannelLogoutUri?: string;
  /** A public client (SPA, mobile) has no secret and must use PKCE. */
  public?: boolean;
  /** Extra scopes beyond openid/profile/email/groups/offline_access, e.g. 'alerts:write'. */
  scopes?: string[];
  idTokenSigningAlg?: SigningAlgorithm;
}

/**
 * PATCH body of an existing app. `scopes` replaces its extra API scopes (the same names as
 * CreateAppRequest.scopes; [] removes them all). Tokens that carry a removed scope stop working at once.
 */
export interface UpdateAppRequest {
  scopes: string[];
}

export interface AppClient {
  clientId: string;
  name: string;
  public: boolean;
  firstParty: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  initiateLoginUri: string | null;
  backchannelLogoutUri: string | null;
  scopes: string[];
  idTokenSigningAlg: SigningAlgorithm;
  createdAt: string;
}

export interface CreatedAppClient extends AppClient {
  /** Shown once; only an encrypted copy is kept. Absent for public clients. */
  clientSecret?: string;
}

/** Scopes an app may be granted to call Passerelle's own API with client_credentials or a user token. */
export const ApiScopes = ['alerts:write', 'users:read'] as const;
export type ApiScope = (typeof ApiScopes)[number];

export const OidcScopes = ['openid', 'profile', 'email', 'groups', 'offline_access'] as const;
