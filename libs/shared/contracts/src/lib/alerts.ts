// Alerts: what apps, feeds and Passerelle itself need a person to see, gathered in one place.
// The push API's field names (recipients, title, body, severity, link, expiresAt, actions,
// dedupeKey) are a public contract: apps are written against them. Keep them.

export const AlertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof AlertSeverities)[number];

/** Where an alert came from: an app (push API or its feed), Passerelle itself, or a person. */
export type AlertSourceKind = 'app' | 'feed' | 'system';

export const ALERT_LIMITS = {
  titleMax: 200,
  bodyMax: 4000,
  linkMax: 2000,
  actionsMax: 3,
  actionLabelMax: 40,
  dedupeKeyMax: 200,
  /** Entries in recipients.users plus recipients.groups. */
  recipientEntriesMax: 1000,
  batchMax: 100,
  /** How far ahead expiresAt may be, in days. */
  expiresMaxDays: 365,
} as const;

/** Who receives the alert. `everyone` means every person who may use the app (for system alerts: everyone). */
export interface AlertRecipients {
  /** Email addresses or subject identifiers (`sub`). */
  users?: string[];
  /** Group names. Members at the time of posting receive it; people added later don't. */
  groups?: string[];
  everyone?: boolean;
}

export interface AlertAction {
  label: string;
  /** Same rule as `link`: the app's origin or https. */
  url: string;
}

/** Body of POST /api/alerts (and each item of the batch form). */
export interface PostAlertRequest {
  recipients: AlertRecipients;
  title: string;
  /** Plain text or a small Markdown subset (paragraphs, line breaks, **bold**, *italic*, `code`, [links](https://…), lists). */
  body?: string;
  severity?: AlertSeverity;
  link?: string;
  /** ISO 8601; after it the alert disappears. */
  expiresAt?: string;
  actions?: AlertAction[];
  /** A retried POST with the same key never creates a second alert; a different content updates it. */
  dedupeKey?: string;
}

/** 202 Accepted: the alert is stored (created, updated through dedupeKey, or unchanged by a retry). */
export interface PostAlertResponse {
  id: string;
  status: 'created' | 'updated' | 'unchanged';
  /** People it is addressed to (for `everyone`: those who may use the app now). */
  recipients: number;
  /**
   * Named people it did not reach: unknown, disabled, or not allowed to use the app. Not named
   * back, so the API doesn't tell who has an account.
   */
  skipped: number;
}

export interface PostAlertBatchRequest {
  alerts: PostAlertRequest[];
}

/** All or nothing: one bad item is a 400 naming `alerts[i].field`, and nothing is stored. */
export interface PostAlertBatchResponse {
  results: PostAlertResponse[];
}

/** One alert as its recipient sees it. `bodyHtml` is sanitised server-side and safe to bind as HTML. */
export interface AlertView {
  id: string;
  source: AlertSourceKind;
  /** The catalog app it came from (null for Passerelle's own alerts). */
  appId: string | null;
  appName: string | null;
  title: string;
  body: string;
  bodyHtml: string;
  severity: AlertSeverity;
  link: string | null;
  actions: AlertAction[];
  createdAt: string;
  updatedAt: string;
  expiresAt: string | null;
  read: boolean;
}

export interface AlertCounts {
  unread: number;
  /** Unread critical alerts (highlighted). */
  critical: number;
  /** Unread per catalog app id: the tiles' badges. */
  byApp: Record<string, number>;
}

export interface AlertList {
  items: AlertView[];
  counts: AlertCounts;
  /** Pass as `before` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

export interface AlertListQuery {
  appId?: string;
  severity?: AlertSeverity;
  unread?: boolean;
  before?: string;
  limit?: number;
}

/** PATCH body for a person's own alert. */
export interface UpdateAlertStateRequest {
  read?: boolean;
  dismissed?: boolean;
}

/**
 * Server-Sent Events on AlertRoutes.events. Each event has an `id:` to resume with Last-Event-ID.
 * - `alert`: an AlertView, new or updated;
 * - `alert-state`: `{ ids, read?, dismissed? }` — read state changed (in another tab too);
 * - `counts`: AlertCounts, after any of the above;
 * - `announcement`: an announcement was published or changed (reload the feed);
 * - `reset`: more was missed than the server replays (or the id is unknown): reload the lists.
 * A comment line every ~25 s keeps proxies from closing the stream.
 */
export type AlertEventName = 'alert' | 'alert-state' | 'counts' | 'announcement' | 'reset';

export interface AlertStateEvent {
  ids: string[];
  read?: boolean;
  dismissed?: boolean;
}

export const AlertRoutes = {
  /** POST PostAlertRequest → 202 PostAlertResponse (bearer token with alerts:write). */
  alerts: '/api/alerts',
  /** POST PostAlertBatchRequest → 202 PostAlertBatchResponse. */
  batch: '/api/alerts/batch',
  /** GET ?appId&severity&unread&before&limit → AlertList (the signed-in person's). */
  mine: '/api/me/alerts',
  /** GET → AlertCounts */
  counts: '/api/me/alerts/counts',
  /** PATCH UpdateAlertStateRequest → 204 */
  one: (id: string) => `/api/me/alerts/${id}`,
  /** POST { appId? } → 204: marks every (or one app's) alert read. */
  readAll: '/api/me/alerts/read-all',
  /** GET text/event-stream */
  events: '/api/events',
} as const;

// ── Announcements ─────────────────────────────────────────────────────────────────────────────

export const ANNOUNCEMENT_LIMITS = {
  titleMax: 160,
  bodyMax: 20000,
  imageMaxBytes: 2 * 1024 * 1024,
  imageAltMax: 300,
  audienceMax: 50,
  /** How far ahead an announcement may be scheduled, in days. */
  publishAheadMaxDays: 365,
  /** The feed shows at most this many (pinned first, then the newest). */
  feedMax: 20,
} as const;

/** Image types an announcement may carry, recognised from the bytes (never from a name or a declared type). */
export const ANNOUNCEMENT_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

export type AnnouncementStatus = 'scheduled' | 'published' | 'expired';

/** What everyone sees in the dashboard's feed. */
export interface AnnouncementView {
  id: string;
  title: string;
  /** Markdown subset as written. */
  body: string;
  /** Sanitised HTML of the body. */
  bodyHtml: string;
  /** Same-origin URL of the stored image (versioned with `?v=`), or null. */
  imageUrl: string | null;
  imageAlt: string;
  pinned: boolean;
  publishAt: string;
  expiresAt: string | null;
  authorName: string;
}

/** The console's view: adds audience and state. */
export interface AnnouncementAdminView extends AnnouncementView {
  /** Empty: everyone. */
  audienceGroups: string[];
  status: AnnouncementStatus;
  createdAt: string;
  updatedAt: string;
}

export interface SaveAnnouncementRequest {
  title: string;
  body: string;
  /** Group names; absent or empty: every employee. Membership is read when the feed is read. */
  audienceGroups?: string[];
  /** ISO 8601; absent: now. */
  publishAt?: string | null;
  expiresAt?: string | null;
  pinned?: boolean;
  /** Describes the image; required (not blank) while the announcement has one. */
  imageAlt?: string;
}

/** PUT body of AnnouncementRoutes.image: the image as base64 (a `data:` URL is accepted) and its description. */
export interface SetAnnouncementImageRequest {
  image: string;
  alt: string;
}

/** What the editor needs: the groups an audience may be chosen from. */
export interface AnnouncementOptions {
  groups: string[];
}

export const AnnouncementRoutes = {
  /** GET → AnnouncementView[] for the signed-in person (published, not expired, in their audience; pinned first). Guests: []. */
  feed: '/api/announcements',
  /** GET → AnnouncementAdminView[]; POST SaveAnnouncementRequest → AnnouncementAdminView (communication permission). */
  manage: '/api/admin/announcements',
  /** GET → AnnouncementOptions (communication permission). */
  options: '/api/admin/announcements/options',
  /** GET/PUT SaveAnnouncementRequest/DELETE */
  one: (id: string) => `/api/admin/announcements/${id}`,
  /** PUT SetAnnouncementImageRequest → AnnouncementAdminView / DELETE → AnnouncementAdminView */
  image: (id: string) => `/api/admin/announcements/${id}/image`,
  /** GET: the image, for people who see the announcement and those who manage announcements. */
  imageFile: (id: string) => `/api/announcements/${id}/image`,
} as const;

// ── Feeds (an app's RSS, Atom or JSON Feed, polled by the server) ─────────────────────────────

export type FeedState = 'never' | 'ok' | 'not_modified' | 'error' | 'blocked';

/** What went wrong, for a translated sentence (`message` says the same in English). */
export type FeedProblemCode =
  /** params.status */
  | 'http_status'
  | 'not_a_feed'
  /** The XML declares entities (DOCTYPE): refused. */
  | 'xml_entities'
  /** params.seconds */
  | 'timeout'
  /** params.host */
  | 'host_not_found'
  | 'connection_refused'
  | 'connection_closed'
  /** params.code */
  | 'tls'
  /** params.code (may be empty) */
  | 'unreachable'
  /** params.limit ("1 MiB") */
  | 'too_large'
  /** params.max */
  | 'too_many_redirects'
  /** params.url */
  | 'redirect_not_http'
  /** params.address, params.range (FeedAddressRange), params.host, params.redirect (a URL or "") */
  | 'address_refused'
  | 'not_conditional'
  | 'delivery_failed';

/** Why an address is refused (state `blocked`). */
export type FeedAddressRange = 'private' | 'loopback' | 'linkLocal' | 'uniqueLocal' | 'multicast' | 'unspecified' | 'broadcast' | 'carrierGradeNat' | 'reserved' | 'other';

export interface FeedProblem {
  code: FeedProblemCode;
  params: Record<string, string>;
}

export interface FeedStatus {
  appId: string;
  url: string;
  state: FeedState;
  lastCheckedAt: string | null;
  lastSuccessAt: string | null;
  nextCheckAt: string | null;
  consecutiveFailures: number;
  /** A sentence for administrators when state is error or blocked. */
  message: string | null;
  /** The same, as a code and parameters for a translated sentence. */
  problem: FeedProblem | null;
  itemsSeen: number;
}

/** An app's feed, for administrators (the feed URL itself is set with the app: CatalogAppInput.feedUrl). */
export const FeedRoutes = {
  /** GET → FeedStatus; 404 when the app has no feed URL. */
  status: (appId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}/feed`,
  /** POST → FeedStatus: polls the feed now and answers with the state that came of it. */
  check: (appId: string) => `/api/admin/catalog/apps/${encodeURIComponent(appId)}/feed/check`,
} as const;
