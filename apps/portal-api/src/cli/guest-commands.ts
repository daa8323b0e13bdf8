import type { INestApplicationContext } from '@nestjs/common';
import { GUEST_LIMITS, GuestFilters, type GuestFilter, type GuestView, type InviteGuestRequest } from '@passerelle/contracts';
import { AccountsService } from '../app/accounts/accounts.service';
import { parseInstant, type Problems } from '../app/guests/guest-rules';
import { CLI_MANAGER, GuestsService } from '../app/guests/guests.service';
import { AppError } from '../app/http/app-error';
import { CLI_CONTEXT } from '../app/http/request-context';
import { OidcProviderHost } from '../app/identity/oidc/oidc-provider.host';
import { Clock } from '../infra/clock';
import { table, type CommandEnv } from './app-commands';

/** The options `guest …` reads (parsed by main.ts, which also holds every other command's options). */
export interface GuestCommandOptions {
  email?: string;
  name?: string;
  sponsor?: string;
  until?: string;
  from?: string;
  app: string[];
  company?: string;
  note?: string;
  locale?: string;
  filter?: string;
  search?: string;
}

/** Which options each subcommand takes (besides --json and --help); any other one is wrong usage. */
const OPTIONS_OF: Record<string, readonly string[]> = {
  invite: ['email', 'name', 'sponsor', 'until', 'from', 'app', 'company', 'note', 'locale'],
  list: ['filter', 'search'],
  show: [],
  extend: ['until'],
  revoke: [],
};

/** Option names people type, for the service's field messages. */
const OPTION_OF: Record<string, string> = {
  email: '--email',
  name: '--name',
  sponsor: '--sponsor',
  startsAt: '--from',
  endsAt: '--until',
  apps: '--app',
  company: '--company',
  note: '--note',
  locale: '--locale',
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DURATION = /^(\d{1,5})([hdw])$/;
const UNIT_MS: Record<string, number> = { h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

/** A point in time as typed: a fixed instant, or a duration counted from a start known later. */
type When = { instant: Date } | { duration: number };

/** `guest invite|list|show|extend|revoke`; returns the exit code, throws for failures. */
export async function runGuestCommand(sub: string | undefined, args: string[], options: GuestCommandOptions & Record<string, unknown>, env: CommandEnv): Promise<number> {
  if (sub === undefined || !Object.hasOwn(OPTIONS_OF, sub)) throw env.usage(`unknown command "${['guest', sub, ...args].filter(Boolean).join(' ')}"`);
  const allowed = OPTIONS_OF[sub];
  const foreign = Object.keys(options).find((key) => !['json', 'help', ...allowed].includes(key) && given(options[key]));
  if (foreign) throw env.usage(`guest ${sub} does not take --${foreign}`);

  if (sub === 'invite') {
    if (args.length) throw env.usage('guest invite takes no arguments (quote values that have spaces)');
    if (!options.email || !options.name || !options.sponsor || !options.until) throw env.usage('guest invite needs --email, --name, --sponsor and --until');
    const until = parseWhen('--until', options.until, 'end', env);
    const from = options.from === undefined ? undefined : parseWhen('--from', options.from, 'start', env);
    if (from && 'duration' in from) throw env.usage('--from: give a date (2027-03-01) or a date-time, not a duration');
    return env.withApp(async (app) => {
      const guests = app.get(GuestsService);
      const start = from?.instant ?? app.get(Clock).now();
      const request: InviteGuestRequest = {
        email: options.email as string,
        name: options.name as string,
        sponsor: options.sponsor,
        // Given even when it is now, so that a duration runs exactly from the start.
        startsAt: start.toISOString(),
        endsAt: resolve(until, start).toISOString(),
        apps: await appIds(guests, options.app),
        company: options.company,
        note: options.note,
        locale: options.locale as InviteGuestRequest['locale'],
      };
      const invited = await withOptionNames(guests.invite(CLI_MANAGER, request, CLI_CONTEXT));
      const { guest } = invited;
      env.out(
        invited,
        [
          `Invited ${guest.name} <${guest.email}> as a guest${guest.sponsor ? `, sponsored by ${guest.sponsor.name} <${guest.sponsor.email}>` : ''}.`,
          `  Access:  ${dateTime(guest.startsAt)} → ${dateTime(guest.endsAt)}`,
          `  Apps:    ${appNames(guest)}`,
          `Send this one-time invitation link to ${guest.name} (it was also mailed; it works until ${dateTime(invited.invitationExpiresAt)}):`,
          `  ${invited.invitationLink}`,
        ].join('\n'),
      );
      return 0;
    });
  }

  if (sub === 'list') {
    if (args.length) throw env.usage('guest list takes no arguments (use --search TEXT)');
    const filter = (options.filter ?? 'all') as GuestFilter;
    if (!GuestFilters.includes(filter)) throw env.usage(`--filter: choose ${GuestFilters.join(', ')}`);
    return env.withApp(async (app) => {
      const list = await app.get(GuestsService).list(CLI_MANAGER, filter, options.search);
      const now = app.get(Clock).now();
      const rows = list.items.map((g) => [g.email, g.name, g.company, statusText(g, now), g.sponsor?.email ?? '(erased)', `${g.endsAt.slice(0, 10)} (${endText(g.endsAt, now)})`, appNames(g)]);
      const { invited, starting, active, ending, ended } = list.counts;
      const counts = `${invited} invited, ${starting} starting, ${active} active (${ending} ending within ${GUEST_LIMITS.endingSoonDays} days), ${ended} ended`;
      const text = rows.length
        ? `${table(['EMAIL', 'NAME', 'COMPANY', 'STATUS', 'SPONSOR', 'ENDS', 'APPS'], rows)}\n\n${list.counts.all} guest${list.counts.all === 1 ? '' : 's'}${options.search ? ' found' : ''}: ${counts}.`
        : list.counts.all
          ? `No guest is ${filter} (${counts}).`
          : options.search
            ? `No guest matches "${options.search}".`
            : 'No guests yet.';
      env.out(list, text);
      return 0;
    });
  }

  const target = onlyTarget(args, sub, env);
  if (sub === 'show') {
    return env.withApp(async (app) => {
      const guest = await app.get(GuestsService).get(CLI_MANAGER, await guestId(app, target));
      env.out({ guest }, details(guest, app.get(Clock).now()));
      return 0;
    });
  }

  if (sub === 'extend') {
    if (!options.until) throw env.usage('guest extend needs --until DATE or a duration (30d, 2w, 12h, from now)');
    const until = parseWhen('--until', options.until, 'end', env);
    return env.withApp(async (app) => {
      const guests = app.get(GuestsService);
      const id = await guestId(app, target);
      const before = await guests.get(CLI_MANAGER, id);
      const now = app.get(Clock).now();
      const guest = await withOptionNames(guests.update(CLI_MANAGER, id, { endsAt: resolve(until, now).toISOString() }, CLI_CONTEXT));
      const verb = before.status === 'ended' ? 'Reactivated' : guest.endsAt > before.endsAt ? 'Extended' : guest.endsAt < before.endsAt ? 'Shortened' : 'Kept';
      env.out(
        { guest, previousEndsAt: before.endsAt },
        `${verb} the access of ${guest.name} <${guest.email}>: it ends ${dateTime(guest.endsAt)} (${endText(guest.endsAt, now)}; it ${before.status === 'ended' ? 'ended' : 'was to end'} ${dateTime(before.endsAt)}).`,
      );
      return 0;
    });
  }

  // revoke
  return env.withApp(async (app) => {
    const guests = app.get(GuestsService);
    const id = await guestId(app, target);
    const before = await guests.get(CLI_MANAGER, id);
    // Ending the access ends the guest's sessions through the OIDC provider (apps get back-channel logout).
    await app.get(OidcProviderHost).start();
    const guest = await guests.revoke(CLI_MANAGER, id, CLI_CONTEXT);
    const kept = guest.eraseAfter ? ` The account is kept, disabled, until ${dateTime(guest.eraseAfter)}, then erased.` : '';
    env.out(
      { guest, alreadyEnded: before.status === 'ended' },
      before.status === 'ended'
        ? `The access of ${guest.name} <${guest.email}> had already ended (${dateTime(before.endsAt)}); nothing changed.${kept}`
        : `Revoked the access of ${guest.name} <${guest.email}> at ${dateTime(guest.endsAt)}: sign-in is refused, their sessions and tokens are ended and their apps told.${kept}`,
    );
    return 0;
  });
}

/** Whether parseArgs saw the option (its defaults are false and []). */
function given(value: unknown): boolean {
  return value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0);
}

function onlyTarget(args: string[], sub: string, env: CommandEnv): string {
  if (args.length !== 1) throw env.usage(`guest ${sub} needs one guest email or id (see \`guest list\`)`);
  return args[0];
}

/**
 * DATE (2027-03-31: the end of that day UTC for an end, its start for a start), an ISO date-time,
 * or a duration (30d, 2w, 12h). Checked before the database is opened: a typo is wrong usage.
 */
function parseWhen(option: '--until' | '--from', value: string, edge: 'start' | 'end', env: CommandEnv): When {
  const text = value.trim();
  const duration = DURATION.exec(text.toLowerCase());
  if (duration) {
    const amount = Number(duration[1]);
    if (amount === 0) throw env.usage(`${option}: a duration must be longer than 0`);
    return { duration: amount * UNIT_MS[duration[2]] };
  }
  const day = DAY.exec(text);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const instant = new Date(Date.UTC(year, month - 1, date));
    // Date.UTC rolls 2027-02-30 over to March 2: refuse days that don't exist instead.
    if (instant.getUTCFullYear() !== year || instant.getUTCMonth() !== month - 1 || instant.getUTCDate() !== date) throw env.usage(`${option}: ${text} is not a day of the calendar`);
    return { instant: edge === 'end' ? new Date(instant.getTime() + DAY_MS - 1) : instant };
  }
  const problems: Problems = {};
  const instant = parseInstant(text, 'when', problems);
  if (!instant) throw env.usage(`${option}: "${text}" is not a date${edge === 'end' ? ' or a duration' : ''}; use 2027-03-31, 2027-03-31T18:00:00Z${edge === 'end' ? ' or 30d, 2w, 12h' : ''}`);
  return { instant };
}

function resolve(when: When, from: Date): Date {
  return 'instant' in when ? when.instant : new Date(from.getTime() + when.duration);
}

/** --app values (repeated or comma-separated) as app ids; an app's exact name works too. Unknown ones go on for the service to name. */
async function appIds(guests: GuestsService, values: string[]): Promise<string[]> {
  const wanted = values.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  if (!wanted.length) return [];
  const { apps } = await guests.options(CLI_MANAGER);
  return wanted.map((value) => {
    if (apps.some((app) => app.id === value)) return value;
    const named = apps.filter((app) => app.name.toLowerCase() === value.toLowerCase());
    return named.length === 1 ? named[0].id : value;
  });
}

/** The guest's id from an email or id; other accounts are not guests. */
async function guestId(app: INestApplicationContext, target: string): Promise<string> {
  const user = await app.get(AccountsService).findByEmailOrId(target);
  if (!user || user.kind !== 'guest') throw new AppError('not_found', 404, `No guest matches "${target}" (see \`guest list\`).`);
  return user.id;
}

/** The service's field messages with the option names people typed (`--until: …`). */
async function withOptionNames<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof AppError) || !error.fields) throw error;
    const text = Object.entries(error.fields)
      .map(([field, messages]) => `${OPTION_OF[field] ?? field}: ${messages.join(' ')}`)
      .join('; ');
    throw new AppError(error.code, error.status, text);
  }
}

function details(guest: GuestView, now: Date): string {
  const invitation = guest.acceptedAt
    ? `accepted ${dateTime(guest.acceptedAt)}`
    : guest.invitationExpiresAt
      ? `not accepted yet; the link works until ${dateTime(guest.invitationExpiresAt)}`
      : 'not accepted; no link works (send a new one from the console)';
  return [
    `${guest.name} <${guest.email}> — guest, ${statusText(guest, now)}`,
    `  Company:      ${guest.company || '—'}`,
    `  Sponsor:      ${guest.sponsor ? `${guest.sponsor.name} <${guest.sponsor.email}>` : '(erased)'}`,
    `  Access:       ${dateTime(guest.startsAt)} → ${dateTime(guest.endsAt)} (${endText(guest.endsAt, now)})`,
    `  Apps:         ${appNames(guest)}`,
    `  Invitation:   ${invitation}`,
    `  Last sign-in: ${guest.lastSignInAt ? dateTime(guest.lastSignInAt) : 'never'}`,
    ...(guest.eraseAfter ? [`  Erased after: ${dateTime(guest.eraseAfter)}`] : []),
    ...(guest.note ? [`  Note:         ${guest.note.replace(/\s*\n\s*/g, ' / ')}`] : []),
    `  Id:           ${guest.id}`,
  ].join('\n');
}

function statusText(guest: GuestView, now: Date): string {
  if (guest.status === 'ended' && guest.revokedAt) return 'ended (revoked)';
  if (guest.status === 'invited' && (!guest.invitationExpiresAt || new Date(guest.invitationExpiresAt) <= now)) return 'invited (link expired)';
  return guest.status;
}

function appNames(guest: GuestView): string {
  return guest.apps.map((app) => app.name).join(', ') || '(none)';
}

/** "2027-03-31 23:59 UTC". */
function dateTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** "in 12 days", "in 5 hours", "ended 3 days ago", "ended just now". */
function endText(endsAt: string, now: Date): string {
  const end = new Date(endsAt);
  const left = end.getTime() - now.getTime();
  const span = Math.abs(left);
  let amount: string;
  if (span < MINUTE_MS) return left > 0 ? 'in less than a minute' : 'ended just now';
  if (span < HOUR_MS) amount = plural(Math.floor(span / MINUTE_MS), 'minute');
  else if (span < DAY_MS) amount = plural(Math.floor(span / HOUR_MS), 'hour');
  else amount = plural(Math.abs(calendarDays(now, end)), 'day');
  return left > 0 ? `in ${amount}` : `ended ${amount} ago`;
}

/** Whole UTC calendar days from `from`'s day to `to`'s day. */
function calendarDays(from: Date, to: Date): number {
  const day = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return Math.round((day(to) - day(from)) / DAY_MS);
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
