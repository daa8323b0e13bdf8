import {
  CategoryFieldTypes,
  SUPPORT_LIMITS,
  TicketUrgencies,
  type CategoryField,
  type ClientContext,
  type SlaTarget,
  type SlaView,
  type SupportSettings,
  type TicketEvent,
  type TicketStatus,
  type TicketUrgency,
} from '@passerelle/contracts';

/** Field problems by field name, as the 400 body carries them. */
export type Problems = Record<string, string[]>;

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * SLA targets in wall-clock minutes (no business hours: an urgent ticket filed on Friday night is
 * late on Saturday morning). Administrators change them in the settings.
 */
export const DEFAULT_SETTINGS: SupportSettings = {
  sla: [
    { urgency: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    { urgency: 'high', firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    { urgency: 'normal', firstResponseMinutes: 8 * 60, resolutionMinutes: 3 * 24 * 60 },
    { urgency: 'low', firstResponseMinutes: 24 * 60, resolutionMinutes: 7 * 24 * 60 },
  ],
  reopenDays: 7,
};

export const SETTINGS_LIMITS = { minutesMin: 1, minutesMax: 365 * 24 * 60, reopenDaysMin: 0, reopenDaysMax: 90 } as const;

/** Statuses counted as open (work left for support). */
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'in_progress', 'waiting'];

export const STATUS_LABELS: Record<TicketStatus, string> = {
  new: 'New',
  in_progress: 'In progress',
  waiting: 'Waiting for you',
  resolved: 'Resolved',
  closed: 'Closed',
};

export const URGENCY_LABELS: Record<TicketUrgency, string> = { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' };

/** The English sentence stored as an event's body; screens may say it from `event` in their own language. */
export function eventText(event: TicketEvent): string {
  switch (event.type) {
    case 'status':
      return `Status: ${STATUS_LABELS[event.value as TicketStatus] ?? event.value}`;
    case 'urgency':
      return `Urgency: ${URGENCY_LABELS[event.value as TicketUrgency] ?? event.value}`;
    case 'assignee':
      return event.value ? `Assigned to ${event.value}` : 'Unassigned';
    case 'category':
      return `Category: ${event.value ?? '—'}`;
    case 'merged_into':
      return `Merged into #${event.value}`;
    case 'merged_from':
      return `Ticket #${event.value} was merged into this one`;
  }
}

export function slaTargetFor(settings: SupportSettings, urgency: TicketUrgency): SlaTarget {
  return settings.sla.find((t) => t.urgency === urgency) ?? (DEFAULT_SETTINGS.sla.find((t) => t.urgency === urgency) as SlaTarget);
}

export function dueTimes(settings: SupportSettings, urgency: TicketUrgency, filedAt: Date): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const target = slaTargetFor(settings, urgency);
  return {
    firstResponseDueAt: new Date(filedAt.getTime() + target.firstResponseMinutes * MINUTE_MS),
    resolutionDueAt: new Date(filedAt.getTime() + target.resolutionMinutes * MINUTE_MS),
  };
}

export interface SlaFacts {
  status: TicketStatus;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  mergedIntoId: string | null;
}

/**
 * Breached: a due time passed while unmet (open tickets), or was met late. A ticket resolved without
 * a support reply owes no first response any more. Merged tickets are never late. (The queue's
 * `breached` filter is the same rule in SQL.)
 */
export function slaView(t: SlaFacts, now: Date): SlaView {
  const open = OPEN_STATUSES.includes(t.status);
  const after = (a: Date | null, b: Date | null) => !!a && !!b && a.getTime() > b.getTime();
  const merged = !!t.mergedIntoId;
  return {
    firstResponseDueAt: t.firstResponseDueAt?.toISOString() ?? null,
    resolutionDueAt: t.resolutionDueAt?.toISOString() ?? null,
    firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
    firstResponseBreached: !merged && (t.firstResponseAt ? after(t.firstResponseAt, t.firstResponseDueAt) : open && after(now, t.firstResponseDueAt)),
    resolutionBreached: !merged && (open ? after(now, t.resolutionDueAt) : after(t.resolvedAt ?? t.closedAt, t.resolutionDueAt)),
  };
}

/** Until when a resolved ticket may be reopened (null when it can't be). */
export function reopenUntil(status: TicketStatus, resolvedAt: Date | null, reopenDays: number): Date | null {
  if (status !== 'resolved' || !resolvedAt) return null;
  return new Date(resolvedAt.getTime() + reopenDays * DAY_MS);
}

// ── Categories ───────────────────────────────────────────────────────────────────────────────

const FIELD_KEY = /^[a-z0-9_]{1,40}$/;

/** Problems of a category's field list (an administrator's input), under `fields[i].x`. */
export function categoryFieldProblems(fields: unknown, problems: Problems): CategoryField[] {
  if (fields === undefined) return [];
  if (!Array.isArray(fields)) {
    problems['fields'] = ['fields is a list.'];
    return [];
  }
  if (fields.length > SUPPORT_LIMITS.fieldsPerCategoryMax) problems['fields'] = [`Use at most ${SUPPORT_LIMITS.fieldsPerCategoryMax} fields.`];
  const seen = new Set<string>();
  const clean: CategoryField[] = [];
  fields.forEach((raw: unknown, i) => {
    const at = `fields[${i}]`;
    const f = (raw ?? {}) as Record<string, unknown>;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return void (problems[at] = ['Each field is an object.']);
    const unknown = Object.keys(f).filter((k) => !['key', 'label', 'type', 'required', 'options', 'help'].includes(k));
    if (unknown.length) problems[at] = unknown.map((k) => `${at}.${k} is not an accepted field`);
    const key = typeof f['key'] === 'string' ? f['key'] : '';
    if (!FIELD_KEY.test(key)) problems[`${at}.key`] = ['Use 1 to 40 characters: lower-case letters, digits and _.'];
    else if (seen.has(key)) problems[`${at}.key`] = ['Each field needs its own key.'];
    seen.add(key);
    const label = typeof f['label'] === 'string' ? f['label'].trim() : '';
    if (!label) problems[`${at}.label`] = ['Give the field a label.'];
    else if (label.length > SUPPORT_LIMITS.fieldLabelMax) problems[`${at}.label`] = [`Use at most ${SUPPORT_LIMITS.fieldLabelMax} characters.`];
    const type = f['type'];
    if (!CategoryFieldTypes.includes(type as never)) problems[`${at}.type`] = [`Choose one of: ${CategoryFieldTypes.join(', ')}.`];
    if (f['required'] !== undefined && typeof f['required'] !== 'boolean') problems[`${at}.required`] = ['required is true or false.'];
    const help = f['help'];
    if (help !== undefined && (typeof help !== 'string' || help.length > SUPPORT_LIMITS.fieldValueMax)) problems[`${at}.help`] = [`Help is text of at most ${SUPPORT_LIMITS.fieldValueMax} characters.`];
    let options: string[] | undefined;
    if (type === 'select') {
      const raw = f['options'];
      options = Array.isArray(raw) ? raw.map((o) => (typeof o === 'string' ? o.trim() : '')) : [];
      if (options.length === 0) problems[`${at}.options`] = ['A choice list needs at least one option.'];
      else if (options.length > SUPPORT_LIMITS.fieldOptionsMax) problems[`${at}.options`] = [`Use at most ${SUPPORT_LIMITS.fieldOptionsMax} options.`];
      else if (options.some((o) => !o || o.length > SUPPORT_LIMITS.fieldLabelMax)) problems[`${at}.options`] = [`Each option is 1 to ${SUPPORT_LIMITS.fieldLabelMax} characters.`];
      else if (new Set(options).size !== options.length) problems[`${at}.options`] = ['Each option must be different.'];
    } else if (f['options'] !== undefined) problems[`${at}.options`] = ['Only choice lists (select) have options.'];
    clean.push({
      key,
      label,
      type: type as CategoryField['type'],
      required: f['required'] === true,
      ...(options ? { options } : {}),
      ...(typeof help === 'string' && help.trim() ? { help: help.trim() } : {}),
    });
  });
  return clean;
}

/**
 * The values a requester gave for a category's fields: unknown keys refused, required ones present,
 * select values among the options, text within limits. Returns the values to store (trimmed).
 */
export function fieldValueProblems(defs: CategoryField[], values: Record<string, unknown> | undefined, problems: Problems): Record<string, string | boolean> {
  const given = values ?? {};
  const clean: Record<string, string | boolean> = {};
  for (const key of Object.keys(given)) {
    if (!defs.some((d) => d.key === key)) problems[`fields.${key}`] = ['This category has no such field.'];
  }
  for (const def of defs) {
    const value = given[def.key];
    const at = `fields.${def.key}`;
    if (def.type === 'checkbox') {
      if (value === undefined) {
        if (def.required) problems[at] = [`“${def.label}” must be ticked.`];
        continue;
      }
      if (typeof value !== 'boolean') problems[at] = [`“${def.label}” is true or false.`];
      else if (def.required && !value) problems[at] = [`“${def.label}” must be ticked.`];
      else clean[def.key] = value;
      continue;
    }
    if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
      if (def.required) problems[at] = [`Fill in “${def.label}”.`];
      continue;
    }
    if (typeof value !== 'string') problems[at] = [`“${def.label}” is text.`];
    else if (value.length > SUPPORT_LIMITS.fieldValueMax) problems[at] = [`Use at most ${SUPPORT_LIMITS.fieldValueMax} characters.`];
    else if (def.type === 'select' && !(def.options ?? []).includes(value)) problems[at] = [`Choose one of: ${(def.options ?? []).join(', ')}.`];
    else clean[def.key] = value.trim();
  }
  return clean;
}

export function parseFields(json: string): CategoryField[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as CategoryField[]) : [];
  } catch {
    return [];
  }
}

// ── Context ──────────────────────────────────────────────────────────────────────────────────

const CONTEXT_TEXT_KEYS = ['userAgent', 'browser', 'os', 'screen', 'viewport', 'language', 'timeZone', 'clientTime'] as const;

/**
 * What the browser said, kept to known keys and capped lengths (it is informative, never refused).
 * The page URL is kept only when it is an http(s) URL on `origin` — the widget token's origin — so a
 * page can't claim to be somewhere else; otherwise it is dropped and flagged.
 */
export function cleanClientContext(input: unknown, origin: string): { context: ClientContext; pageUrlRejected: boolean } {
  const given = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const context: ClientContext = {};
  for (const key of CONTEXT_TEXT_KEYS) {
    const value = given[key];
    if (typeof value === 'string' && value.trim()) context[key] = value.trim().slice(0, SUPPORT_LIMITS.contextTextMax);
  }
  let pageUrlRejected = false;
  const pageUrl = given['pageUrl'];
  if (pageUrl !== undefined && pageUrl !== null && pageUrl !== '') {
    const url = typeof pageUrl === 'string' && pageUrl.length <= SUPPORT_LIMITS.contextUrlMax ? safeUrl(pageUrl) : null;
    if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === origin) context.pageUrl = url.href;
    else pageUrlRejected = true;
  }
  return { context, pageUrlRejected };
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

// ── Paging ───────────────────────────────────────────────────────────────────────────────────

/** Cursor paging by (sort key, id): opaque base64url of both. */
export function encodeCursor(key: string | number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

const CURSOR_ID = /^[0-9a-f-]{36}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function decodeCursor(cursor: string | undefined): { key: string | number; id: string } | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // Only what encodeCursor makes: a real date (or a finite number) and an id. Anything else would
    // reach the database as an invalid date or a NUL character: a 500 on PostgreSQL.
    if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string' || !CURSOR_ID.test(parsed[1])) return null;
    const [key] = parsed as unknown[];
    if (typeof key === 'string' && ISO_DATE.test(key) && !Number.isNaN(Date.parse(key))) return { key, id: parsed[1] };
    if (typeof key === 'number' && Number.isFinite(key)) return { key, id: parsed[1] };
  } catch {
    // Falls through to the 400 below.
  }
  return null;
}

export function isUrgency(value: unknown): value is TicketUrgency {
  return TicketUrgencies.includes(value as TicketUrgency);
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
