/*
 * Guests: temporary accounts for freelancers and consultants. A guest has a sponsor (an employee),
 * a start and an end, and may open only the apps chosen for them. Their access ends by itself.
 */

/** Permissions an administrator gives to an employee (administrators can do all of these anyway). */
export const Permissions = ['sponsor', 'communication', 'support'] as const;
export type Permission = (typeof Permissions)[number];

export type AccountKind = 'employee' | 'guest';

/**
 * Where a guest is in their life:
 * - `invited`: the invitation is not accepted yet (no password);
 * - `starting`: accepted, the start is still to come;
 * - `active`: may sign in now;
 * - `ended`: the end passed or the access was revoked; the account is kept until `eraseAfter`.
 */
export type GuestStatus = 'invited' | 'starting' | 'active' | 'ended';

/** Console filters. `ending` = active and ending within 7 days. */
export const GuestFilters = ['all', 'invited', 'starting', 'active', 'ending', 'ended'] as const;
export type GuestFilter = (typeof GuestFilters)[number];

export const GUEST_LIMITS = {
  companyMax: 120,
  noteMax: 1000,
  appsMax: 50,
  bulkMax: 200,
  /** Reminders go out this many days before the end. */
  reminderDays: [7, 1],
  /** `ending` filter: active guests whose access ends within this many days. */
  endingSoonDays: 7,
} as const;

export const GuestRoutes = {
  /** GET ?filter=&search= → GuestList; POST InviteGuestRequest → InviteGuestResponse */
  guests: '/api/guests',
  /** GET → GuestView; PATCH UpdateGuestRequest → GuestView (extend, shorten, reactivate, apps, sponsor…) */
  guest: (id: string) => `/api/guests/${id}`,
  /** POST → GuestView: access ends now (sessions, tokens, apps told) */
  revoke: (id: string) => `/api/guests/${id}/revoke`,
  /** POST → InviteGuestResponse: a new link (the old one stops working), mailed again; DELETE → 204: cancels the invitation and erases the guest */
  invitation: (id: string) => `/api/guests/${id}/invitation`,
  /** POST BulkGuestRequest → BulkGuestResponse */
  bulk: '/api/guests/bulk',
  /** GET → GuestOptions: what the invite form needs (limits, sponsors allowed, apps that may be given) */
  options: '/api/guests/options',
} as const;

export interface GuestSponsor {
  id: string;
  name: string;
  email: string;
}

export interface GuestAppRef {
  id: string;
  name: string;
}

export interface GuestView {
  id: string;
  email: string;
  name: string;
  company: string;
  note: string;
  status: GuestStatus;
  /** Null once the sponsor's account was erased. */
  sponsor: GuestSponsor | null;
  startsAt: string;
  endsAt: string;
  /** Set when an administrator or sponsor ended the access before its end date. */
  revokedAt: string | null;
  /** When the invitation link stops working (null once accepted). */
  invitationExpiresAt: string | null;
  acceptedAt: string | null;
  /** When personal data will be erased (set once the access ended). */
  eraseAfter: string | null;
  apps: GuestAppRef[];
  lastSignInAt: string | null;
  createdAt: string;
}

export interface GuestList {
  items: GuestView[];
  /** How many guests each filter would show (for the filter chips). */
  counts: Record<GuestFilter, number>;
}

export interface InviteGuestRequest {
  email: string;
  name: string;
  company?: string;
  /** Email or id of an employee; a sponsor who is not an administrator always sponsors themselves. */
  sponsor?: string;
  /** ISO date-time; default now. */
  startsAt?: string;
  /** ISO date-time; required; at most `maxDays` after the start. */
  endsAt: string;
  /** Catalog app ids. */
  apps?: string[];
  note?: string;
  /** Language of the invitation mail and of the account. */
  locale?: 'fr' | 'en';
}

export interface InviteGuestResponse {
  guest: GuestView;
  /** One-time link (also mailed); IT may copy it. */
  invitationLink: string;
  invitationExpiresAt: string;
}

/** Every field optional: only what is given changes. Changing `apps` revokes tokens of removed apps at once. */
export interface UpdateGuestRequest {
  name?: string;
  company?: string;
  note?: string;
  sponsor?: string;
  startsAt?: string;
  /** Later: extends (and reactivates an ended guest); earlier: shortens. Must be in the future (to end now, revoke). */
  endsAt?: string;
  apps?: string[];
}

export interface BulkGuestRequest {
  action: 'extend' | 'revoke';
  ids: string[];
  /** For `extend`: the new end (ISO date-time). */
  endsAt?: string;
}

export interface BulkGuestResponse {
  /** One entry per id, in order: the guest after the change, or why it could not be changed. */
  results: Array<{ id: string; ok: true; guest: GuestView } | { id: string; ok: false; message: string }>;
}

export interface GuestOptions {
  maxDays: number;
  invitationHours: number;
  retentionDays: number;
  /** Whether the caller may pick any employee as sponsor (administrators) or only themselves. */
  anySponsor: boolean;
  /** The caller, as the default sponsor. */
  self: GuestSponsor;
  /** Apps the caller may give to a guest (administrators: every app; sponsors: the apps they can open). */
  apps: GuestAppRef[];
}

/** Shown on the guest's own dashboard. */
export interface GuestNotice {
  endsAt: string;
  sponsorName: string | null;
  sponsorEmail: string | null;
}
