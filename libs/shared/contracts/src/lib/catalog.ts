/**
 * The app catalog (tiles), entitlements and the dashboard. Shared by the API, the web app and the CLI.
 *
 * An app is a tile: a name, an icon, a section and a launch URL. It may be linked to an OIDC client
 * (single sign-on) or be a plain link to an app with its own login. Who may use it:
 * - `everyone`: every active account;
 * - `groups`: members of any of its groups;
 * - `rules`: only people given access one by one (an approved request, an administrator's grant).
 * Individual grants add to `everyone`/`groups` too, so approving a request always opens the app.
 */
import type { GuestNotice, Permission } from './guests';

export const CatalogRoutes = {
  /** The signed-in person's dashboard: entitled apps by section, pins, recently used, requestable apps. */
  dashboard: '/api/dashboard',
  /** PUT `{ appIds }`: the person's pinned apps, in order (replaces the list). */
  pins: '/api/dashboard/pins',
  /** GET: redirects to the app (third-party-initiated login when it has one) and records the launch. */
  launch: (appId: string) => `/api/dashboard/apps/${encodeURIComponent(appId)}/launch`,
  /** GET: the app's stored icon (never hot-linked). `v` busts caches when the icon changes. */
  icon: (appId: string, version: string) => `/api/catalog/apps/${encodeURIComponent(appId)}/icon?v=${encodeURIComponent(version)}`,
  /** POST `{ appId, reason }` files a request; GET lists the person's own requests. */
  accessRequests: '/api/dashboard/access-requests',
} as const;

export const CatalogAdminRoutes = {
  /** GET: sections and apps in order, for the console. */
  catalog: '/api/admin/catalog',
  apps: '/api/admin/catalog/apps',
  app: (appId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}`,
  /** PUT `{ image: base64 }` (the type is read from the bytes) or `{ url }` (fetched once, stored); DELETE removes it. */
  appIcon: (appId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}/icon`,
  /** GET people given access one by one; POST `{ userId }` grants; DELETE `/:userId` revokes. */
  appGrants: (appId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}/grants`,
  appGrant: (appId: string, userId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}/grants/${encodeURIComponent(userId)}`,
  sections: '/api/admin/catalog/sections',
  section: (sectionId: string) => `/api/admin/catalog/sections/${encodeURIComponent(sectionId)}`,
  /** PUT `CatalogOrder`: the order of sections and of the apps in each. */
  order: '/api/admin/catalog/order',
  groups: '/api/admin/groups',
  group: (groupId: string) => `/api/admin/groups/${encodeURIComponent(groupId)}`,
  /** GET members; PUT `{ userIds }` replaces them; POST `{ userId }` adds one; DELETE `/:userId` removes one. */
  groupMembers: (groupId: string) => `/api/admin/groups/${encodeURIComponent(groupId)}/members`,
  groupMember: (groupId: string, userId: string) => `/api/admin/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(userId)}`,
  accessRequests: '/api/admin/access-requests',
  approveAccessRequest: (id: string) => `/api/admin/access-requests/${encodeURIComponent(id)}/approve`,
  refuseAccessRequest: (id: string) => `/api/admin/access-requests/${encodeURIComponent(id)}/refuse`,
} as const;

export const AppVisibilities = ['everyone', 'groups', 'rules'] as const;
export type AppVisibility = (typeof AppVisibilities)[number];

export const CATALOG_LIMITS = {
  nameMax: 80,
  descriptionMax: 200,
  sectionNameMax: 60,
  groupNameMax: 80,
  groupDescriptionMax: 300,
  reasonMax: 500,
  /** Icons: PNG, JPEG, WebP or GIF (checked from the bytes), at most this many bytes. */
  iconBytesMax: 256 * 1024,
  pinsMax: 50,
} as const;

export const ICON_CONTENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/** `up`: the health URL answered 2xx/3xx in time; `down`: error, 4xx/5xx or timeout; `unknown`: not probed yet. */
export type AppHealth = 'up' | 'down' | 'unknown';

/* ------------------------------------------------------------- dashboard ------------------------ */

export interface DashboardApp {
  id: string;
  name: string;
  description: string;
  sectionId: string | null;
  /** Same-origin URL of the stored icon, or null (the tile shows the name's initials). */
  iconUrl: string | null;
  /** Where the tile's link points: `CatalogRoutes.launch(id)`. */
  launchUrl: string;
  /** True when opening it signs the person in through Passerelle. */
  sso: boolean;
  /** Null when the app has no health URL. */
  health: AppHealth | null;
}

export interface DashboardSection {
  id: string;
  name: string;
  /** The person's entitled apps in this section, in the administrator's order. */
  appIds: string[];
}

export type AccessRequestStatus = 'pending' | 'approved' | 'refused';

export interface RequestableApp {
  id: string;
  name: string;
  description: string;
  iconUrl: string | null;
  sectionName: string | null;
  /** The person's latest request for it, if any. */
  request: { id: string; status: AccessRequestStatus; createdAt: string; decidedAt: string | null; note: string | null } | null;
}

export interface Dashboard {
  /** Every app the person may open. Apps in no section come under "Other apps". */
  apps: DashboardApp[];
  sections: DashboardSection[];
  /** Pinned app ids, in the person's order (only entitled apps). */
  pinned: string[];
  /** Recently launched app ids, most recent first (at most 6). */
  recent: string[];
  /** Apps the person cannot open yet but may ask for. */
  requestable: RequestableApp[];
  /** Set for guests: when their access ends and who sponsors it. */
  guest: GuestNotice | null;
}

export interface UpdatePinsRequest {
  appIds: string[];
}

export interface CreateAccessRequest {
  appId: string;
  reason?: string;
}

/* ----------------------------------------------------------------- console ---------------------- */

export interface CatalogSection {
  id: string;
  name: string;
  position: number;
}

export interface CatalogAppInput {
  name: string;
  description?: string;
  /** Where the app lives (https, or http on localhost). The tile opens it, unless a login URL is set. */
  launchUrl: string;
  /**
   * The app's third-party-initiated login endpoint (OIDC `initiate_login_uri`). The tile sends the
   * browser there with `iss`, `login_hint` and `target_link_uri`. Taken from the linked client when unset.
   */
  initiateLoginUri?: string | null;
  /** The OIDC client that signs people into this app, or null for a plain link. */
  clientId?: string | null;
  sectionId?: string | null;
  visibility?: AppVisibility;
  /** Group ids (visibility `groups`). */
  groupIds?: string[];
  healthUrl?: string | null;
  /**
   * The app's RSS, Atom or JSON Feed (http or https, at most 2000 characters), polled by the server:
   * each new item becomes an alert to everyone who may use the app. Null: none.
   */
  feedUrl?: string | null;
  /** People who can't open it may ask for access. */
  requestable?: boolean;
}

export type CatalogAppUpdate = Partial<CatalogAppInput>;

export interface CatalogApp {
  id: string;
  name: string;
  description: string;
  launchUrl: string;
  initiateLoginUri: string | null;
  clientId: string | null;
  clientName: string | null;
  sectionId: string | null;
  visibility: AppVisibility;
  groupIds: string[];
  healthUrl: string | null;
  health: AppHealth | null;
  /** Its polling state: `FeedRoutes.status(id)`. */
  feedUrl: string | null;
  requestable: boolean;
  iconUrl: string | null;
  position: number;
  /** People given access one by one. */
  grantCount: number;
  createdAt: string;
}

export interface CatalogOverview {
  sections: CatalogSection[];
  apps: CatalogApp[];
}

export interface CatalogOrder {
  /** Every section id in display order; apps listed under the section they now belong to. */
  sections: Array<{ id: string; appIds: string[] }>;
  /** Apps in no section, in order. */
  unsectioned?: string[];
}

export interface SetAppIconRequest {
  /** Base64 of the image bytes (upload). */
  image?: string;
  /** Or an https URL fetched once by the server; the image is stored, never hot-linked. */
  url?: string;
}

export interface AppGrant {
  userId: string;
  email: string;
  name: string;
  /** A guest's allowed app (see guests.ts). */
  guest: boolean;
  grantedAt: string;
  grantedBy: string | null;
}

export interface GroupView {
  id: string;
  name: string;
  description: string;
  memberCount: number;
  createdAt: string;
}

export interface GroupInput {
  name: string;
  description?: string;
}

export interface GroupMember {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
}

export interface AdminUpdateUserRequest {
  name?: string;
  email?: string;
  isAdmin?: boolean;
  /** Group names; replaces the person's groups. */
  groups?: string[];
  /** Replaces the person's permissions (employees only). */
  permissions?: Permission[];
}

export interface AccessRequestView {
  id: string;
  app: { id: string; name: string };
  user: { id: string; email: string; name: string };
  reason: string;
  status: AccessRequestStatus;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string | null;
}

export interface DecideAccessRequest {
  /** Shown to the person (and mailed). */
  note?: string;
}

/** Search normalisation shared by the dashboard (and tests): lower case, no accents. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
