import { createHash } from 'node:crypto';
import { ALERT_LIMITS, AlertSeverities, type AlertAction, type AlertSeverity } from '@passerelle/contracts';

export type Problems = Record<string, string[]>;

const DAY_MS = 24 * 60 * 60 * 1000;
const FIELDS = new Set(['recipients', 'title', 'body', 'severity', 'link', 'expiresAt', 'actions', 'dedupeKey']);
const RECIPIENT_FIELDS = new Set(['users', 'groups', 'everyone']);
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A posted alert once checked: trimmed, defaults applied, ready to store. */
export interface CheckedAlert {
  users: string[];
  groups: string[];
  everyone: boolean;
  title: string;
  body: string;
  severity: AlertSeverity;
  link: string | null;
  expiresAt: Date | null;
  actions: AlertAction[];
  dedupeKey: string | null;
}

/**
 * Checks one posted alert (the push API's JSON) field by field. `prefix` names the item in a batch
 * (`alerts[3].`). Links and action URLs must be https, or belong to the app's own origin(s).
 */
export function checkAlert(input: unknown, now: Date, appOrigins: ReadonlySet<string>, prefix = ''): { alert?: CheckedAlert; problems: Problems } {
  const problems: Problems = {};
  const add = (field: string, message: string) => (problems[prefix + field] ??= []).push(message);
  if (!isObject(input)) {
    add(prefix ? '' : 'body', 'Send a JSON object with recipients and title.');
    return { problems };
  }
  for (const key of Object.keys(input)) if (!FIELDS.has(key)) add(key, `${key} is not an accepted field.`);

  const recipients = input['recipients'];
  let users: string[] = [];
  let groups: string[] = [];
  let everyone = false;
  if (!isObject(recipients)) add('recipients', 'Say who receives it: {"users": [...], "groups": [...]} or {"everyone": true}.');
  else {
    for (const key of Object.keys(recipients)) if (!RECIPIENT_FIELDS.has(key)) add(`recipients.${key}`, `${key} is not an accepted field.`);
    users = stringList(recipients['users'], 'recipients.users', 254, add);
    groups = stringList(recipients['groups'], 'recipients.groups', 120, add);
    if (recipients['everyone'] !== undefined && typeof recipients['everyone'] !== 'boolean') add('recipients.everyone', 'Use true or false.');
    everyone = recipients['everyone'] === true;
    if (users.length + groups.length > ALERT_LIMITS.recipientEntriesMax) {
      add('recipients', `At most ${ALERT_LIMITS.recipientEntriesMax} people and groups in one alert; use groups or everyone.`);
    }
    if (!everyone && users.length === 0 && groups.length === 0 && !problems[`${prefix}recipients.users`] && !problems[`${prefix}recipients.groups`]) {
      add('recipients', 'Name at least one person or group, or set everyone to true.');
    }
  }

  const title = text(input['title'], 'title', ALERT_LIMITS.titleMax, add, true);
  const body = input['body'] === undefined || input['body'] === null ? '' : text(input['body'], 'body', ALERT_LIMITS.bodyMax, add, false);

  let severity: AlertSeverity = 'info';
  if (input['severity'] !== undefined) {
    if (typeof input['severity'] === 'string' && (AlertSeverities as readonly string[]).includes(input['severity'])) severity = input['severity'] as AlertSeverity;
    else add('severity', `Use one of: ${AlertSeverities.join(', ')}.`);
  }

  const link = input['link'] === undefined || input['link'] === null ? null : url(input['link'], 'link', appOrigins, add);

  let expiresAt: Date | null = null;
  if (input['expiresAt'] !== undefined && input['expiresAt'] !== null) {
    const value = input['expiresAt'];
    const date = typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) add('expiresAt', 'Use an ISO 8601 date-time with a time zone, like 2027-03-31T18:00:00Z.');
    else if (date.getTime() <= now.getTime()) add('expiresAt', 'The expiry must be in the future.');
    else if (date.getTime() > now.getTime() + ALERT_LIMITS.expiresMaxDays * DAY_MS) add('expiresAt', `The expiry must be within ${ALERT_LIMITS.expiresMaxDays} days.`);
    else expiresAt = date;
  }

  const actions: AlertAction[] = [];
  if (input['actions'] !== undefined && input['actions'] !== null) {
    const list = input['actions'];
    if (!Array.isArray(list)) add('actions', 'Send a list of {"label", "url"}.');
    else if (list.length > ALERT_LIMITS.actionsMax) add('actions', `At most ${ALERT_LIMITS.actionsMax} actions.`);
    else
      list.forEach((item, i) => {
        const field = `actions[${i}]`;
        if (!isObject(item)) {
          add(field, 'Send {"label", "url"}.');
          return;
        }
        for (const key of Object.keys(item)) if (key !== 'label' && key !== 'url') add(`${field}.${key}`, `${key} is not an accepted field.`);
        const label = text(item['label'], `${field}.label`, ALERT_LIMITS.actionLabelMax, add, true);
        const target = url(item['url'], `${field}.url`, appOrigins, add);
        if (label && target) actions.push({ label, url: target });
      });
  }

  let dedupeKey: string | null = null;
  if (input['dedupeKey'] !== undefined && input['dedupeKey'] !== null) {
    const key = input['dedupeKey'];
    if (typeof key !== 'string' || key.trim() === '') add('dedupeKey', 'Use a non-empty string.');
    else if (key.length > ALERT_LIMITS.dedupeKeyMax) add('dedupeKey', `Use at most ${ALERT_LIMITS.dedupeKeyMax} characters.`);
    else dedupeKey = key;
  }

  if (Object.keys(problems).length > 0) return { problems };
  return { alert: { users, groups, everyone, title, body, severity, link, expiresAt, actions, dedupeKey }, problems };
}

/** What a retry carries again: equal hashes mean nothing changed. */
export function contentHash(alert: CheckedAlert): string {
  const { users, groups, everyone, title, body, severity, link, expiresAt, actions } = alert;
  return createHash('sha256')
    .update(JSON.stringify([[...users].sort(), [...groups].sort(), everyone, title, body, severity, link, expiresAt?.toISOString() ?? null, actions]))
    .digest('hex');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, max: number, add: (f: string, m: string) => void, required: boolean): string {
  if (typeof value !== 'string') {
    add(field, required ? `${field.replace(/^.*\./, '')} is required (text).` : 'Use text.');
    return '';
  }
  const trimmed = value.trim();
  if (required && trimmed === '') add(field, 'This can’t be empty.');
  else if (trimmed.length > max) add(field, `Use at most ${max} characters (${trimmed.length} sent).`);
  else if (hasControlCharacters(trimmed)) add(field, 'Remove control characters.');
  return trimmed;
}

/** Control characters other than tab and line breaks (they would only garble the display). */
function hasControlCharacters(value: string): boolean {
  for (const character of value) {
    const code = character.charCodeAt(0);
    if ((code < 0x20 && character !== '\t' && character !== '\n' && character !== '\r') || code === 0x7f) return true;
  }
  return false;
}

function stringList(value: unknown, field: string, itemMax: number, add: (f: string, m: string) => void): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v.trim() === '' || v.length > itemMax)) {
    add(field, `Send a list of non-empty names (each at most ${itemMax} characters).`);
    return [];
  }
  return [...new Set(value.map((v: string) => v.trim()))];
}

function url(value: unknown, field: string, appOrigins: ReadonlySet<string>, add: (f: string, m: string) => void): string | null {
  if (typeof value !== 'string' || value.length > ALERT_LIMITS.linkMax) {
    add(field, `Use a URL of at most ${ALERT_LIMITS.linkMax} characters.`);
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    add(field, 'Use a full URL, like https://crm.example.com/deals/42.');
    return null;
  }
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && appOrigins.has(parsed.origin))) return parsed.href;
  add(field, 'Links must use https, or point to the app’s own address.');
  return null;
}
