// Support: people reach IT from a widget (on the dashboard or embedded in any app) with the context
// attached; IT works a queue. The widget talks to the API with a short-lived widget token (bearer),
// so it works on other sites where third-party cookies are blocked; portal pages use the session cookie.

export const TicketStatuses = ['new', 'in_progress', 'waiting', 'resolved', 'closed'] as const;
/** `waiting` = waiting for the requester ("waiting for you"). `closed` is final. */
export type TicketStatus = (typeof TicketStatuses)[number];

export const TicketUrgencies = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketUrgency = (typeof TicketUrgencies)[number];

export const SUPPORT_LIMITS = {
  subjectMax: 160,
  descriptionMax: 10_000,
  messageMax: 10_000,
  /** Custom field values (text) and labels. */
  fieldValueMax: 1000,
  fieldLabelMax: 80,
  fieldsPerCategoryMax: 10,
  fieldOptionsMax: 30,
  categoryNameMax: 80,
  categoryDescriptionMax: 300,
  categoriesMax: 50,
  cannedTitleMax: 80,
  cannedBodyMax: 5000,
  /** Idempotency keys (the widget sends a UUID per draft). */
  requestIdMax: 100,
  /** Context: page URL, user agent. */
  contextUrlMax: 2000,
  contextTextMax: 500,
  /** Recent sign-in problems shown in the context: this far back, at most this many. */
  signInErrorsHours: 24,
  signInErrorsMax: 10,
  pageSizeMax: 100,
  webhooksMax: 20,
  webhookUrlMax: 2000,
} as const;

/** Attachment limits; the server's configuration may lower bytes/count (SUPPORT_ATTACHMENT_MAX_MB). */
export const ATTACHMENT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  perMessage: 5,
  nameMax: 120,
} as const;

/**
 * Types an attachment may have, recognised from the bytes (never from a name or a declared type).
 * Text is accepted when the bytes are valid UTF-8 without control characters other than tab/CR/LF.
 */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

// ── Categories (administrator-defined, each with its own optional fields) ───────────────────────

export const CategoryFieldTypes = ['text', 'textarea', 'select', 'checkbox'] as const;
export type CategoryFieldType = (typeof CategoryFieldTypes)[number];

export interface CategoryField {
  /** Stable key, [a-z0-9_]{1,40}, unique in the category. */
  key: string;
  label: string;
  type: CategoryFieldType;
  required: boolean;
  /** For `select`: the choices (labels are the values). */
  options?: string[];
  /** Short help under the field. */
  help?: string;
}

export interface SupportCategory {
  id: string;
  name: string;
  description: string;
  fields: CategoryField[];
  /** Urgency preselected in the form. */
  defaultUrgency: TicketUrgency;
  /** Hidden from the form (existing tickets keep it). */
  archived: boolean;
  position: number;
}

export interface SaveCategoryRequest {
  name: string;
  description?: string;
  fields?: CategoryField[];
  defaultUrgency?: TicketUrgency;
  archived?: boolean;
  position?: number;
}

// ── Context attached to a ticket ─────────────────────────────────────────────────────────────

/** What the widget gathers in the browser (shown to the person before sending). */
export interface ClientContext {
  /** Page the widget was opened on; must be on the widget token's origin (else dropped and flagged). */
  pageUrl?: string;
  userAgent?: string;
  /** Parsed from the user agent in the browser, e.g. "Chrome 156", "Windows 11". */
  browser?: string;
  os?: string;
  /** "1920×1080" screen, and the window's inner size. */
  screen?: string;
  viewport?: string;
  /** navigator.language, e.g. "fr-CH". */
  language?: string;
  /** IANA time zone, e.g. "Europe/Zurich". */
  timeZone?: string;
  /** The person's clock when sending, ISO 8601. */
  clientTime?: string;
}

/** A failed sign-in or second-factor attempt of the person, from Passerelle's audit trail. */
export interface SignInProblem {
  at: string;
  /** Audit event type, e.g. `auth.login.failed`, `auth.totp.failed`, `auth.locked`. */
  kind: string;
  /** Readable English summary ("Wrong password", "Wrong authenticator code", "Account locked"). */
  summary: string;
}

/** The context as stored on the ticket: what the browser said plus what the server knows. */
export interface TicketContext extends ClientContext {
  /** The app the widget was embedded in, from the token's origin (never from the client's say-so). */
  app?: { id: string; name: string } | null;
  /** Origin the request came from (the portal's own for the dashboard). */
  origin?: string;
  /** Recent sign-in problems at filing time. */
  signInProblems: SignInProblem[];
  receivedAt: string;
  /** True when the page URL was dropped because it was not on the widget's origin. */
  pageUrlRejected?: boolean;
}

// ── Tickets ──────────────────────────────────────────────────────────────────────────────────

export interface AttachmentView {
  id: string;
  /** Sanitised file name. */
  name: string;
  contentType: AttachmentType;
  size: number;
  /** Download URL (needs the session cookie or the widget token). Always served as a download. */
  url: string;
}

export interface PersonRef {
  id: string;
  name: string;
  email?: string;
}

export type TicketMessageKind = 'message' | 'note' | 'event';

export const TicketEventTypes = ['status', 'urgency', 'assignee', 'category', 'merged_into', 'merged_from'] as const;
export type TicketEventType = (typeof TicketEventTypes)[number];

/**
 * The machine form of an `event` entry, so a screen can say it in its reader's language (the body
 * holds the English sentence). `value`: the new status or urgency, the assignee's name (null:
 * unassigned), the category's name, or the other ticket's number for merges.
 */
export interface TicketEvent {
  type: TicketEventType;
  value: string | null;
}

export interface TicketMessageView {
  id: string;
  /**
   * `message`: from the requester or an agent (visible to both); `note`: internal, agents only;
   * `event`: a change written by Passerelle ("Status: resolved", "Merged #12 into this ticket").
   */
  kind: TicketMessageKind;
  author: PersonRef | null;
  /** True when written by an agent (support side). */
  fromSupport: boolean;
  /** Plain text; never HTML (shown as text). */
  body: string;
  /** For `event` entries: what changed. */
  event?: TicketEvent;
  attachments: AttachmentView[];
  createdAt: string;
}

export interface SlaView {
  firstResponseDueAt: string | null;
  resolutionDueAt: string | null;
  firstResponseAt: string | null;
  /** Breached when a due time passed before it was met (or is still unmet). */
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
}

/** A ticket as its requester sees it (list row). */
export interface TicketSummary {
  id: string;
  /** Human number shown everywhere: "#42". */
  number: number;
  subject: string;
  status: TicketStatus;
  urgency: TicketUrgency;
  category: { id: string; name: string } | null;
  app: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  /** The requester has not seen the latest support message or status change. */
  unread: boolean;
  /** When merged into another ticket: its number. */
  mergedInto: number | null;
}

export interface TicketView extends TicketSummary {
  description: string;
  fields: Array<{ key: string; label: string; value: string | boolean }>;
  context: TicketContext;
  messages: TicketMessageView[];
  /** Attachments sent with the ticket itself. */
  attachments: AttachmentView[];
  /** The requester may still reopen (resolved, within the reopen window) until this time. */
  reopenUntil: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
}

export interface TicketList<T = TicketSummary> {
  items: T[];
  /** Opaque; pass as `cursor` for the next page. */
  nextCursor: string | null;
  total: number;
}

/** POST SupportRoutes.tickets. Idempotent on `requestId`: a retry returns the first ticket (200). */
export interface CreateTicketRequest {
  /** Unique per draft (a UUID): a double click or a retried request never files two tickets. */
  requestId: string;
  categoryId: string;
  subject: string;
  description: string;
  urgency: TicketUrgency;
  /** Values of the category's fields, by key. */
  fields?: Record<string, string | boolean>;
  /** From SupportRoutes.attachments uploads by the same person, not yet used. */
  attachmentIds?: string[];
  context?: ClientContext;
  /** Which of the person's apps (SupportFormOptions.apps) it is about; ignored when filed from inside an app. */
  appId?: string;
}

export interface CreateTicketResponse {
  ticket: TicketView;
  /** False when this was a retry of an earlier request with the same requestId. */
  created: boolean;
}

export interface PostMessageRequest {
  body: string;
  attachmentIds?: string[];
}

/** Agent reply or internal note. */
export interface AgentMessageRequest extends PostMessageRequest {
  /** Internal note: agents only, the requester is not told. */
  internal?: boolean;
  /** Status to set along with the reply (e.g. `waiting` or `resolved`). */
  status?: TicketStatus;
}

/** What the form needs: categories, limits and the context the server will add. */
export interface SupportFormOptions {
  categories: SupportCategory[];
  urgencies: readonly TicketUrgency[];
  attachments: { maxBytes: number; perMessage: number; types: readonly AttachmentType[] };
  /** The person's recent sign-in problems, shown in the context before sending. */
  signInProblems: SignInProblem[];
  /** The app this origin belongs to (null on the dashboard or unknown). */
  app: { id: string; name: string } | null;
  /** The apps the person may open, in dashboard order: to say which one it is about when `app` is null. */
  apps: Array<{ id: string; name: string }>;
  /** Days after resolution in which the requester may reopen. */
  reopenDays: number;
  requester: PersonRef & { locale: string };
}

export interface UploadAttachmentResponse extends AttachmentView {
  /** Unused uploads are deleted after this time. */
  expiresAt: string;
}

// ── Agent side ───────────────────────────────────────────────────────────────────────────────

/** Queue row: what an agent needs to pick the next ticket. */
export interface QueueTicket extends Omit<TicketSummary, 'unread'> {
  requester: PersonRef;
  assignee: PersonRef | null;
  sla: SlaView;
  /** Support has not seen the requester's latest message. */
  awaitingSupport: boolean;
}

export interface AgentTicketView extends Omit<TicketView, 'unread'> {
  requester: PersonRef & { kind: 'employee' | 'guest'; groups: string[] };
  assignee: PersonRef | null;
  sla: SlaView;
  /** Other open tickets of the same requester (merge candidates). */
  otherOpen: Array<{ id: string; number: number; subject: string; status: TicketStatus }>;
}

export const QueueAssigneeFilters = ['any', 'me', 'unassigned'] as const;

export interface QueueQuery {
  status?: TicketStatus | 'open';
  categoryId?: string;
  urgency?: TicketUrgency;
  appId?: string;
  /** `any`, `me`, `unassigned` or a person id. */
  assignee?: string;
  breached?: boolean;
  /** Words in number, subject or requester. */
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface UpdateTicketRequest {
  status?: TicketStatus;
  urgency?: TicketUrgency;
  /** A person id with the support permission (or an administrator); null unassigns. */
  assigneeId?: string | null;
  categoryId?: string;
}

export interface MergeTicketRequest {
  /** The ticket this one is merged into (same requester). */
  intoId: string;
}

export interface QueueOptions {
  agents: PersonRef[];
  categories: SupportCategory[];
  apps: Array<{ id: string; name: string }>;
  cannedReplies: CannedReply[];
}

export interface CannedReply {
  id: string;
  title: string;
  body: string;
}

export interface SaveCannedReplyRequest {
  title: string;
  body: string;
}

// ── SLA and settings ─────────────────────────────────────────────────────────────────────────

export interface SlaTarget {
  urgency: TicketUrgency;
  /** Minutes from filing to the first support reply. */
  firstResponseMinutes: number;
  /** Minutes from filing to resolved. */
  resolutionMinutes: number;
}

export interface SupportSettings {
  sla: SlaTarget[];
  /** Days after resolution in which the requester may reopen; then the ticket closes by itself. */
  reopenDays: number;
}

// ── Outbound webhooks ────────────────────────────────────────────────────────────────────────

export const WebhookEvents = ['ticket.created', 'ticket.updated', 'ticket.message', 'ticket.merged'] as const;
export type WebhookEvent = (typeof WebhookEvents)[number];

/**
 * Each delivery is a POST with a JSON body `{ id, event, occurredAt, ticket, message? }` and headers
 * `Passerelle-Event`, `Passerelle-Delivery` (the id, stable across retries) and
 * `Passerelle-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * A 2xx answer within 10 s is delivered; anything else is retried with backoff.
 */
export const WEBHOOK_SIGNATURE_HEADER = 'Passerelle-Signature';

export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
  description: string;
  createdAt: string;
  /** The last delivery's outcome, for the list. */
  lastDelivery: { at: string; ok: boolean; status: number | null } | null;
}

export interface SaveWebhookRequest {
  url: string;
  events: WebhookEvent[];
  active?: boolean;
  description?: string;
}

/** Returned once on creation (and on rotation): the signing secret, never shown again. */
export interface WebhookWithSecret extends WebhookView {
  secret: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'retrying' | 'failed';

export interface WebhookDeliveryView {
  id: string;
  /** `ping`: the console's test delivery. */
  event: WebhookEvent | 'ping';
  ticketNumber: number | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  /** Readable reason of the last failure ("Timed out after 10 s", "HTTP 500", "Address not allowed"). */
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

// ── Widget access ────────────────────────────────────────────────────────────────────────────

/**
 * The widget's bearer token. On the portal's own pages the widget gets it from SupportRoutes.widgetToken
 * with the session cookie; on another site it opens SupportRoutes.widgetConnect in a popup (first-party,
 * so the session cookie is there), which posts `WidgetConnectMessage` to the opener's origin only.
 * The token is kept in memory, bound to the origin and to the session (it ends with it).
 */
export interface WidgetTokenResponse {
  token: string;
  expiresAt: string;
  requester: PersonRef & { locale: string };
}

export interface WidgetTokenRequest {
  /** The origin the widget runs on; must be the portal's or a registered app's. */
  origin: string;
}

export const WIDGET_CONNECT_MESSAGE_TYPE = 'passerelle-support:connected';

/** What the connect popup posts to `window.opener` (targetOrigin = the widget's origin). */
export interface WidgetConnectMessage extends WidgetTokenResponse {
  type: typeof WIDGET_CONNECT_MESSAGE_TYPE;
  /** Echo of the `state` query parameter the widget chose, so it matches its own request. */
  state: string;
}

export const SupportRoutes = {
  /** GET → SupportFormOptions (session or widget token) */
  options: '/api/support/options',
  /** POST raw bytes, header `X-File-Name` (URL-encoded) → 201 UploadAttachmentResponse */
  attachments: '/api/support/attachments',
  /** GET → the file, as a download (requester of the ticket, the uploader before use, agents) */
  attachment: (id: string) => `/api/support/attachments/${id}`,
  /** GET ?status&cursor&limit → TicketList (mine); POST CreateTicketRequest → 201/200 CreateTicketResponse */
  tickets: '/api/support/tickets',
  /** GET → TicketView (mine; marks it seen) */
  ticket: (id: string) => `/api/support/tickets/${id}`,
  /** POST PostMessageRequest → 201 TicketView (a reply by the requester; `waiting` → `in_progress`) */
  ticketMessages: (id: string) => `/api/support/tickets/${id}/messages`,
  /** POST → TicketView (resolved, within the reopen window → in_progress) */
  reopen: (id: string) => `/api/support/tickets/${id}/reopen`,
  /** POST → TicketView (the requester says it is solved: → resolved) */
  resolve: (id: string) => `/api/support/tickets/${id}/resolve`,
  /** GET → { unread: number } tickets with news for the requester */
  unread: '/api/support/tickets/unread',

  /** Agent queue. GET QueueQuery → TicketList<QueueTicket> */
  queue: '/api/support/queue',
  /** GET → QueueOptions */
  queueOptions: '/api/support/queue/options',
  /** GET → AgentTicketView; PATCH UpdateTicketRequest → AgentTicketView */
  queueTicket: (id: string) => `/api/support/queue/${id}`,
  /** POST AgentMessageRequest → 201 AgentTicketView */
  queueMessages: (id: string) => `/api/support/queue/${id}/messages`,
  /** POST MergeTicketRequest → AgentTicketView (of the target) */
  merge: (id: string) => `/api/support/queue/${id}/merge`,

  /** Administrators: GET → SupportCategory[] (archived too); POST SaveCategoryRequest → 201 */
  categories: '/api/support/admin/categories',
  /** PUT SaveCategoryRequest; DELETE (only when no ticket uses it, else 409: archive it) */
  category: (id: string) => `/api/support/admin/categories/${id}`,
  /** GET/PUT SupportSettings (administrators) */
  settings: '/api/support/admin/settings',
  /** Agents and administrators: GET → CannedReply[]; POST SaveCannedReplyRequest */
  cannedReplies: '/api/support/canned-replies',
  /** PUT / DELETE */
  cannedReply: (id: string) => `/api/support/canned-replies/${id}`,
  /** Administrators: GET → WebhookView[]; POST SaveWebhookRequest → 201 WebhookWithSecret */
  webhooks: '/api/support/admin/webhooks',
  /** PUT SaveWebhookRequest → WebhookView; DELETE */
  webhook: (id: string) => `/api/support/admin/webhooks/${id}`,
  /** POST → 201 WebhookWithSecret (new secret; the old one stops at once) */
  webhookSecret: (id: string) => `/api/support/admin/webhooks/${id}/secret`,
  /** POST → 202: sends a `ping` delivery now */
  webhookTest: (id: string) => `/api/support/admin/webhooks/${id}/test`,
  /** GET ?cursor → TicketList<WebhookDeliveryView>-shaped { items, nextCursor, total } */
  webhookDeliveries: (id: string) => `/api/support/admin/webhooks/${id}/deliveries`,
  /** POST → 202: tries a failed delivery again now */
  retryDelivery: (webhookId: string, deliveryId: string) => `/api/support/admin/webhooks/${webhookId}/deliveries/${deliveryId}/retry`,

  /** POST WidgetTokenRequest (session cookie, the portal's own pages) → WidgetTokenResponse */
  widgetToken: '/api/support/widget/token',
  /** GET ?origin=&state= — the first-party popup page (signs in first when needed). Not under /api. */
  widgetConnect: '/widget/connect',
  /** The widget script (an ES module): `<script type="module" src="https://portal/widget/support.js">` */
  widgetScript: '/widget/support.js',
} as const;

/** Client-side routes of portal-web for support. */
export const SupportWebRoutes = {
  myTickets: '/support',
  myTicket: (id: string) => `/support/tickets/${id}`,
  queue: '/support/queue',
  queueTicket: (id: string) => `/support/queue/${id}`,
  admin: '/admin/support',
} as const;
