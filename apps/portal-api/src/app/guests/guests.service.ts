import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GUEST_LIMITS,
  GuestFilters,
  type BulkGuestRequest,
  type BulkGuestResponse,
  type GuestFilter,
  type GuestList,
  type GuestOptions,
  type GuestSponsor,
  type GuestView,
  type InviteGuestRequest,
  type InviteGuestResponse,
  type UpdateGuestRequest,
} from '@passerelle/contracts';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import { APP_CONFIG } from '../../infra/config/config.module';
import type { AppConfig } from '../../infra/config/config';
import { MailService } from '../../infra/mail/mail.service';
import { AccountsService, newUserProblems, normaliseEmail } from '../accounts/accounts.service';
import { UserEntity } from '../accounts/entities/user.entity';
import { AuditService } from '../audit/audit.service';
import { EntitlementsService } from '../catalog/entitlements.service';
import { AppGrantEntity } from '../catalog/entities/app-grant.entity';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { InstanceService } from '../instance/instance.service';
import { isUniqueViolation } from '../../infra/database/names';
import { SetupTokenEntity } from '../setup/entities/setup-token.entity';
import { SetupService } from '../setup/setup.service';
import { GuestEntity } from './entities/guest.entity';
import { GuestLifecycleService } from './guest-lifecycle.service';
import { sponsorOf } from './guest-sponsor';
import { invitationMail } from './guest-mail';
import { addDays, guestStatus, matchesFilter, parseInstant, textProblems, windowProblems, type Problems } from './guest-rules';

/**
 * Who manages guests: an administrator (any guest, any sponsor, any app), a sponsor (an employee
 * with the `sponsor` permission: only the guests they sponsor, only apps they can open themselves),
 * or the CLI (as an administrator).
 */
export interface GuestManager {
  id: string;
  isAdmin: boolean;
}

export const CLI_MANAGER: GuestManager = { id: 'cli', isAdmin: true };

interface GuestRecord {
  user: UserEntity;
  guest: GuestEntity;
}

/** Invitations, the console's list and every change a person makes to a guest. Time passing is GuestLifecycleService's. */
@Injectable()
export class GuestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly setup: SetupService,
    private readonly entitlements: EntitlementsService,
    private readonly lifecycle: GuestLifecycleService,
    private readonly mail: MailService,
    private readonly instance: InstanceService,
    private readonly audit: AuditService,
  ) {}

  /** A portal user as a guest manager, or 403 when they are neither administrator nor sponsor. */
  async managerFor(userId: string): Promise<GuestManager> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (user && user.kind === 'employee' && (user.isAdmin || (user.permissions ?? []).includes('sponsor'))) return { id: user.id, isAdmin: user.isAdmin };
    throw new AppError('forbidden', 403, 'Only administrators and employees allowed to sponsor guests can manage guests.');
  }

  async options(manager: GuestManager): Promise<GuestOptions> {
    const self = manager.id === CLI_MANAGER.id ? null : await this.dataSource.getRepository(UserEntity).findOneBy({ id: manager.id });
    return {
      maxDays: this.config.guests.maxDays,
      invitationHours: this.config.guests.invitationHours,
      retentionDays: this.config.guests.retentionDays,
      anySponsor: manager.isAdmin,
      self: self ? sponsorView(self) : { id: manager.id, name: manager.id, email: '' },
      apps: await this.givableApps(manager),
    };
  }

  async list(manager: GuestManager, filter: GuestFilter = 'all', search?: string): Promise<GuestList> {
    const now = this.clock.now();
    const views = await this.views(await this.records(manager));
    const term = search?.trim().toLowerCase();
    const found = term ? views.filter((g) => [g.name, g.email, g.company, g.sponsor?.name ?? ''].some((text) => text.toLowerCase().includes(term))) : views;
    const counts = Object.fromEntries(GuestFilters.map((f) => [f, found.filter((g) => matchesFilter(g.status, new Date(g.endsAt), f, now)).length])) as GuestList['counts'];
    const items = found.filter((g) => matchesFilter(g.status, new Date(g.endsAt), filter, now)).sort((a, b) => a.endsAt.localeCompare(b.endsAt) || a.name.localeCompare(b.name));
    return { items, counts };
  }

  async get(manager: GuestManager, id: string): Promise<GuestView> {
    return (await this.views([await this.record(manager, id)]))[0];
  }

  async invite(manager: GuestManager, input: InviteGuestRequest, context: RequestContext): Promise<InviteGuestResponse> {
    const now = this.clock.now();
    const problems: Problems = { ...newUserProblems({ email: input.email ?? '', name: input.name ?? '' }) };
    textProblems(input, problems);
    if (input.locale !== undefined && input.locale !== 'fr' && input.locale !== 'en') problems['locale'] = ['Choose fr or en.'];
    const start = input.startsAt == null ? now : parseInstant(input.startsAt, 'startsAt', problems);
    const end = input.endsAt ? parseInstant(input.endsAt, 'endsAt', problems, 'end') : undefined;
    if (!input.endsAt) problems['endsAt'] = ['Choose when the access ends.'];
    if (start && end) Object.assign(problems, windowProblems({ start, end }, now, this.config.guests.maxDays, { newStart: true }));
    const apps = await this.checkApps(manager, input.apps ?? [], problems);
    const sponsor = await this.checkSponsor(manager, input.sponsor, problems);
    throwIfAny(problems);

    const email = normaliseEmail(input.email);
    const existing = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    if (existing) {
      // Sponsors who aren't administrators don't learn whose address it is.
      const message = !manager.isAdmin
        ? 'This address can’t be invited. Ask your IT team.'
        : existing.kind === 'guest'
          ? 'This person already has guest access: extend or reactivate it from their page.'
          : 'This address belongs to an employee’s account; guests need an address of their own.';
      throw new AppError('email_taken', 409, message, { email: [message] });
    }

    const { user, link } = await this.dataSource.transaction(async (tx) => {
      const user = await this.accounts.createUser({ email, name: input.name, locale: input.locale ?? null }, manager.id, context, tx);
      await tx.update(UserEntity, { id: user.id }, { kind: 'guest', accessStartsAt: start as Date, accessEndsAt: end as Date });
      await tx.insert(GuestEntity, {
        userId: user.id,
        sponsorId: sponsor.id,
        company: (input.company ?? '').trim(),
        note: input.note ?? '',
        invitedBy: manager.id,
        acceptedAt: null,
        revokedAt: null,
        endedAt: null,
        eraseAfter: null,
        erasedAt: null,
        remindersSent: '',
      });
      if (apps.length) await tx.insert(AppGrantEntity, apps.map((app) => ({ appId: app.id, userId: user.id, grantedBy: manager.id })));
      const link = await this.setup.issueActivationLink(user.id, this.config.guests.invitationHours * 60, tx);
      await this.mail.send(
        invitationMail({
          guest: { email, name: user.name, locale: input.locale ?? null },
          sponsorName: sponsor.name,
          organisation: await this.instance.organisationName(),
          link: link.url,
          linkExpiresAt: link.expiresAt,
          startsAt: start as Date,
          endsAt: end as Date,
          appNames: apps.map((a) => a.name),
        }),
        tx,
      );
      await this.audit.record(
        {
          type: 'guest.invited',
          outcome: 'success',
          actor: manager.id,
          subject: user.id,
          details: { sponsor: sponsor.id, startsAt: (start as Date).toISOString(), endsAt: (end as Date).toISOString(), apps: apps.map((a) => a.id).join(',') },
        },
        context,
        tx,
      );
      return { user, link };
    }).catch((error: unknown) => {
      // Two invitations for one address at once: the second loses the race on the unique email.
      if (!isUniqueViolation(error)) throw error;
      const message = 'An account with this email address was just created.';
      throw new AppError('email_taken', 409, message, { email: [message] });
    });
    return { guest: await this.get(manager, user.id), invitationLink: link.url, invitationExpiresAt: link.expiresAt.toISOString() };
  }

  /**
   * Changes what is given. A later end extends (and reactivates an ended guest, keeping their data);
   * an earlier one shortens. Apps removed stop working at once: their tokens are revoked and the
   * apps told, after the change commits.
   */
  async update(manager: GuestManager, id: string, input: UpdateGuestRequest, context: RequestContext): Promise<GuestView> {
    const { user, guest } = await this.record(manager, id);
    const now = this.clock.now();
    const problems: Problems = {};
    if (input.name !== undefined) Object.assign(problems, pick(newUserProblems({ email: user.email, name: input.name }), 'name'));
    textProblems(input, problems);
    const started = (user.accessStartsAt ?? now).getTime() <= now.getTime();
    let start = user.accessStartsAt ?? now;
    if (input.startsAt !== undefined) {
      if (started) problems['startsAt'] = ['This access has already started; its start can’t change.'];
      else start = parseInstant(input.startsAt, 'startsAt', problems) ?? start;
    }
    const end = input.endsAt === undefined ? (user.accessEndsAt ?? now) : parseInstant(input.endsAt, 'endsAt', problems, 'end');
    if (end && (input.endsAt !== undefined || input.startsAt !== undefined)) {
      Object.assign(problems, windowProblems({ start, end }, now, this.config.guests.maxDays, { newStart: input.startsAt !== undefined && !started }));
    }
    const apps = input.apps === undefined ? undefined : await this.checkApps(manager, input.apps, problems);
    const sponsor = input.sponsor === undefined ? undefined : await this.checkSponsor(manager, input.sponsor, problems);
    throwIfAny(problems);

    const before = await this.appIdsOf(user.id);
    const removed = apps ? before.filter((appId) => !apps.some((a) => a.id === appId)) : [];
    const ended = (user.accessEndsAt?.getTime() ?? Infinity) <= now.getTime();
    // Reactivating: whatever the ended access left (sessions, tokens) is cleaned up first, so
    // nothing issued before the end comes back to life with the new dates.
    if (ended && input.endsAt !== undefined) await this.lifecycle.endIfDue(user.id, context, manager.id);
    await this.dataSource.transaction(async (tx) => {
      const userChanges: Partial<UserEntity> = {};
      const guestChanges: Partial<GuestEntity> = {};
      if (input.name !== undefined && input.name.trim() !== user.name) userChanges.name = input.name.trim();
      if (input.startsAt !== undefined && start.getTime() !== user.accessStartsAt?.getTime()) userChanges.accessStartsAt = start;
      if (input.endsAt !== undefined && end && end.getTime() !== user.accessEndsAt?.getTime()) {
        userChanges.accessEndsAt = end;
        // The new end is in the future (checked above): whatever recorded an end is cleared, even
        // one the job recorded a moment ago, while this request was on its way.
        Object.assign(guestChanges, { remindersSent: '', revokedAt: null, endedAt: null, eraseAfter: null });
      }
      if (input.company !== undefined && input.company.trim() !== guest.company) guestChanges.company = input.company.trim();
      if (input.note !== undefined && input.note !== guest.note) guestChanges.note = input.note;
      if (sponsor && sponsor.id !== guest.sponsorId) guestChanges.sponsorId = sponsor.id;
      if (Object.keys(userChanges).length) await tx.update(UserEntity, { id: user.id }, userChanges);
      if (Object.keys(guestChanges).length) await tx.update(GuestEntity, { userId: user.id }, guestChanges);
      const added = apps ? apps.filter((a) => !before.includes(a.id)) : [];
      if (removed.length) await tx.delete(AppGrantEntity, { userId: user.id, appId: In(removed) });
      // orIgnore: a concurrent change that added the same app already did the work.
      if (added.length) await tx.createQueryBuilder().insert().into(AppGrantEntity).values(added.map((app) => ({ appId: app.id, userId: user.id, grantedBy: manager.id }))).orIgnore().execute();
      const changed = [...Object.keys(userChanges), ...Object.keys(guestChanges).filter((k) => !['remindersSent', 'revokedAt', 'endedAt', 'eraseAfter'].includes(k)), ...(added.length || removed.length ? ['apps'] : [])];
      if (changed.length === 0) return;
      const type = userChanges.accessEndsAt ? (ended ? 'guest.reactivated' : end && user.accessEndsAt && end < user.accessEndsAt ? 'guest.shortened' : 'guest.extended') : 'guest.updated';
      await this.audit.record(
        {
          type,
          outcome: 'success',
          actor: manager.id,
          subject: user.id,
          details: {
            changed: [...new Set(changed)].join(','),
            ...(userChanges.accessEndsAt ? { endsAt: userChanges.accessEndsAt.toISOString(), previousEndsAt: user.accessEndsAt?.toISOString() ?? null } : {}),
            ...(added.length ? { appsAdded: added.map((a) => a.id).join(',') } : {}),
            ...(removed.length ? { appsRemoved: removed.join(',') } : {}),
            ...(guestChanges.sponsorId ? { sponsor: guestChanges.sponsorId } : {}),
          },
        },
        context,
        tx,
      );
    });
    await this.lifecycle.endAppAccess(user.id, removed, manager.id, context);
    return this.get(manager, user.id);
  }

  /** Ends the access now: sign-in refused, sessions ended, tokens revoked, apps told, sponsor mailed. */
  async revoke(manager: GuestManager, id: string, context: RequestContext): Promise<GuestView> {
    const { user } = await this.record(manager, id);
    const now = this.clock.now();
    if (!user.accessEndsAt || user.accessEndsAt.getTime() > now.getTime()) {
      await this.dataSource.transaction(async (tx) => {
        await tx.update(UserEntity, { id: user.id }, { accessEndsAt: now });
        await tx.update(GuestEntity, { userId: user.id }, { revokedAt: now });
        await this.audit.record({ type: 'guest.revoked', outcome: 'success', actor: manager.id, subject: user.id, details: { previousEndsAt: user.accessEndsAt?.toISOString() ?? null } }, context, tx);
      });
    }
    await this.lifecycle.endIfDue(user.id, context, manager.id);
    return this.get(manager, user.id);
  }

  /** A new invitation link (the previous one stops working), mailed again. Only before it is accepted. */
  async resendInvitation(manager: GuestManager, id: string, context: RequestContext): Promise<InviteGuestResponse> {
    const { user, guest } = await this.record(manager, id);
    this.assertNotAccepted(user, guest, 'There is no invitation to send: this guest already accepted it.');
    const now = this.clock.now();
    if ((user.accessEndsAt?.getTime() ?? Infinity) <= now.getTime()) {
      throw new AppError('conflict', 409, 'This guest’s access has ended; extend it before sending the invitation again.');
    }
    const sponsor = await sponsorOf(this.dataSource.manager, user.id);
    const link = await this.dataSource.transaction(async (tx) => {
      await this.setup.closeActivationLinks(user.id, tx);
      const link = await this.setup.issueActivationLink(user.id, this.config.guests.invitationHours * 60, tx);
      await this.mail.send(
        invitationMail({
          guest: user,
          sponsorName: sponsor?.name ?? null,
          organisation: await this.instance.organisationName(),
          link: link.url,
          linkExpiresAt: link.expiresAt,
          startsAt: user.accessStartsAt ?? now,
          endsAt: user.accessEndsAt as Date,
          appNames: await this.appNamesOf(user.id),
        }),
        tx,
      );
      await this.audit.record({ type: 'guest.invitation_resent', outcome: 'success', actor: manager.id, subject: user.id }, context, tx);
      return link;
    });
    return { guest: await this.get(manager, user.id), invitationLink: link.url, invitationExpiresAt: link.expiresAt.toISOString() };
  }

  /** Withdraws an invitation not yet accepted: the link stops working and the guest's data is erased at once. */
  async cancelInvitation(manager: GuestManager, id: string, context: RequestContext): Promise<void> {
    const { user, guest } = await this.record(manager, id);
    this.assertNotAccepted(user, guest, 'This guest already accepted the invitation; revoke their access instead.');
    await this.setup.closeActivationLinks(user.id);
    await this.audit.record({ type: 'guest.invitation_cancelled', outcome: 'success', actor: manager.id, subject: user.id }, context);
    await this.lifecycle.erase(user.id, manager.id, context, 'invitation_cancelled');
  }

  /** Extends or revokes several guests; each succeeds or fails on its own, with its reason. */
  async bulk(manager: GuestManager, input: BulkGuestRequest, context: RequestContext): Promise<BulkGuestResponse> {
    const ids = [...new Set(input.ids)];
    if (input.action === 'extend' && !input.endsAt) throw new AppError('validation_failed', 400, 'Choose the new end.', { endsAt: ['Choose the new end.'] });
    const results: BulkGuestResponse['results'] = [];
    for (const id of ids) {
      try {
        const guest = input.action === 'revoke' ? await this.revoke(manager, id, context) : await this.update(manager, id, { endsAt: input.endsAt }, context);
        results.push({ id, ok: true, guest });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ id, ok: false, message: Object.values(error.fields ?? {})[0]?.[0] ?? error.message });
      }
    }
    return { results };
  }

  private assertNotAccepted(user: UserEntity, guest: GuestEntity, message: string): void {
    if (guest.acceptedAt || user.passwordHash) throw new AppError('conflict', 409, message);
  }

  /** The guest, if this manager may see it; 404 otherwise (same answer as for no such guest). */
  private async record(manager: GuestManager, id: string): Promise<GuestRecord> {
    const user = typeof id === 'string' && id.length <= 36 ? await this.dataSource.getRepository(UserEntity).findOneBy({ id, kind: 'guest' }) : null;
    const guest = user ? await this.dataSource.getRepository(GuestEntity).findOneBy({ userId: user.id }) : null;
    if (!user || !guest || (!manager.isAdmin && guest.sponsorId !== manager.id)) throw new AppError('not_found', 404, 'There is no such guest.');
    return { user, guest };
  }

  private async records(manager: GuestManager): Promise<GuestRecord[]> {
    const guests = await this.dataSource.getRepository(GuestEntity).find({ where: manager.isAdmin ? {} : { sponsorId: manager.id } });
    const live = guests.filter((g) => !g.erasedAt);
    const users = live.length ? await this.byIds(live.map((g) => g.userId)) : [];
    return live.flatMap((guest) => {
      const user = users.find((u) => u.id === guest.userId);
      return user ? [{ user, guest }] : [];
    });
  }

  private async views(records: GuestRecord[]): Promise<GuestView[]> {
    const now = this.clock.now();
    const userIds = records.map((r) => r.user.id);
    const sponsors = await this.byIds([...new Set(records.flatMap((r) => r.guest.sponsorId ?? []))]);
    const grants = userIds.length ? await this.dataSource.getRepository(AppGrantEntity).findBy({ userId: In(userIds) }) : [];
    const catalog = await this.entitlements.catalog();
    const invitations = await this.openInvitations(userIds);
    return records.map(({ user, guest }) => {
      const startsAt = user.accessStartsAt ?? guest.createdAt;
      const endsAt = user.accessEndsAt ?? now;
      const acceptedAt = guest.acceptedAt ?? (user.passwordHash ? guest.createdAt : null);
      const sponsor = sponsors.find((s) => s.id === guest.sponsorId);
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        company: guest.company,
        note: guest.note,
        status: guestStatus({ acceptedAt, startsAt, endsAt }, now),
        sponsor: sponsor ? sponsorView(sponsor) : null,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        revokedAt: guest.revokedAt?.toISOString() ?? null,
        invitationExpiresAt: acceptedAt ? null : (invitations.get(user.id)?.toISOString() ?? null),
        acceptedAt: acceptedAt?.toISOString() ?? null,
        eraseAfter: guest.eraseAfter?.toISOString() ?? (endsAt.getTime() <= now.getTime() ? addDays(endsAt, this.config.guests.retentionDays).toISOString() : null),
        apps: grants
          .filter((g) => g.userId === user.id)
          .map((g) => ({ id: g.appId, name: catalog.byId.get(g.appId)?.name ?? g.appId }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
        createdAt: new Date(guest.createdAt).toISOString(),
      };
    });
  }

  /** When each guest's newest unused invitation link expires. */
  private async openInvitations(userIds: string[]): Promise<Map<string, Date>> {
    const latest = new Map<string, Date>();
    for (let i = 0; i < userIds.length; i += 500) {
      const links = await this.dataSource.getRepository(SetupTokenEntity).findBy({ purpose: 'account_activation', usedAt: IsNull(), userId: In(userIds.slice(i, i + 500)) });
      for (const link of links) {
        const known = latest.get(link.userId as string);
        if (!known || known < link.expiresAt) latest.set(link.userId as string, link.expiresAt);
      }
    }
    return latest;
  }

  private async byIds(ids: string[]): Promise<UserEntity[]> {
    const found: UserEntity[] = [];
    for (let i = 0; i < ids.length; i += 500) found.push(...(await this.dataSource.getRepository(UserEntity).findBy({ id: In(ids.slice(i, i + 500)) })));
    return found;
  }

  private async appIdsOf(userId: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    return (await manager.findBy(AppGrantEntity, { userId })).map((g) => g.appId);
  }

  private async appNamesOf(userId: string): Promise<string[]> {
    const catalog = await this.entitlements.catalog();
    return (await this.appIdsOf(userId)).flatMap((id) => catalog.byId.get(id)?.name ?? []);
  }

  /** Apps the manager may give: every app for administrators, the apps a sponsor can open themselves. */
  private async givableApps(manager: GuestManager): Promise<Array<{ id: string; name: string }>> {
    const catalog = await this.entitlements.catalog();
    const open = manager.isAdmin ? undefined : await this.entitlements.appIdsFor(manager.id);
    return catalog.apps.filter((app) => !open || open.has(app.id)).map((app) => ({ id: app.id, name: app.name }));
  }

  private async checkApps(manager: GuestManager, appIds: unknown, problems: Problems): Promise<Array<{ id: string; name: string }>> {
    if (!Array.isArray(appIds) || appIds.some((id) => typeof id !== 'string')) {
      problems['apps'] = ['apps is a list of app ids.'];
      return [];
    }
    const wanted = [...new Set(appIds as string[])];
    if (wanted.length > GUEST_LIMITS.appsMax) {
      problems['apps'] = [`Choose at most ${GUEST_LIMITS.appsMax} apps.`];
      return [];
    }
    const givable = await this.givableApps(manager);
    const unknown = wanted.filter((id) => !givable.some((app) => app.id === id));
    if (unknown.length) {
      const names = unknown.slice(0, 5).map((id) => `“${id.slice(0, 64)}”`).join(', ');
      problems['apps'] = [manager.isAdmin ? `No app has the id ${names}.` : `You can only give apps you can open yourself; not ${names}.`];
      return [];
    }
    return givable.filter((app) => wanted.includes(app.id));
  }

  /** An active employee; administrators pick anyone (default: themselves), sponsors are always the sponsor. */
  private async checkSponsor(manager: GuestManager, sponsor: string | undefined, problems: Problems): Promise<GuestSponsor & { id: string }> {
    const wanted = sponsor?.trim() || (manager.id === CLI_MANAGER.id ? '' : manager.id);
    if (!wanted) {
      problems['sponsor'] = ['Name the employee who sponsors this guest (email).'];
      return { id: '', name: '', email: '' };
    }
    const user = await this.accounts.findByEmailOrId(wanted.slice(0, 254));
    if (!manager.isAdmin && user?.id !== manager.id) {
      problems['sponsor'] = ['You can only invite guests you sponsor yourself.'];
      return { id: '', name: '', email: '' };
    }
    if (!user || user.kind !== 'employee' || user.status !== 'active') {
      problems['sponsor'] = [`No active employee matches “${wanted.slice(0, 80)}”. The sponsor must be an employee (guests can’t sponsor).`];
      return { id: '', name: '', email: '' };
    }
    return sponsorView(user);
  }
}

function sponsorView(user: UserEntity): GuestSponsor {
  return { id: user.id, name: user.name, email: user.email };
}

function pick(problems: Problems, field: string): Problems {
  return problems[field] ? { [field]: problems[field] } : {};
}

function throwIfAny(problems: Problems): void {
  const first = Object.values(problems)[0];
  if (first) throw new AppError('validation_failed', 400, Object.keys(problems).length === 1 ? first[0] : 'Some fields are missing or not valid.', problems);
}
