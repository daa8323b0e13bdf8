import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  ANNOUNCEMENT_LIMITS,
  AnnouncementRoutes,
  type AnnouncementAdminView,
  type AnnouncementOptions,
  type AnnouncementView,
  type SaveAnnouncementRequest,
  type SetAnnouncementImageRequest,
} from '@passerelle/contracts';
import { Subject } from 'rxjs';
import { DataSource, In, IsNull, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import { GroupEntity } from '../accounts/entities/group.entity';
import { UserEntity } from '../accounts/entities/user.entity';
import { GroupsService } from '../accounts/groups/groups.service';
import { renderMarkdown } from '../alerts/markdown';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { decodeBase64, imageProblem, imageVersion } from './announcement-image';
import { announcementStatus, checkAnnouncement, type CheckedAnnouncement, type Problems } from './announcement-rules';
import { AnnouncementGroupEntity } from './entities/announcement-group.entity';
import { AnnouncementImageEntity } from './entities/announcement-image.entity';
import { AnnouncementEntity } from './entities/announcement.entity';

/** Who writes announcements: an administrator, or an employee given the `communication` permission. */
export interface AnnouncementManager {
  id: string;
  name: string;
}

export interface StoredAnnouncementImage {
  contentType: string;
  bytes: Buffer;
  version: string;
}

const ID_MAX = 36;

/**
 * Company announcements: written by administrators and communication people, shown in the feed of
 * every person in their audience between their publication and their expiry. The audience is
 * chosen by group when writing and membership is read when reading, so someone who joins a group
 * later sees what is still published for it.
 */
@Injectable()
export class AnnouncementsService {
  /** Emits after every create, update, delete and image change: the live layer tells browsers to reload the feed. */
  readonly changes = new Subject<void>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly groups: GroupsService,
    private readonly audit: AuditService,
  ) {}

  /** A portal user as an announcement writer, or 403 (guests never, whatever their rows say). */
  async managerFor(userId: string): Promise<AnnouncementManager> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (user && mayManage(user)) return { id: user.id, name: user.name };
    throw new AppError('forbidden', 403, 'Only administrators and employees allowed to publish announcements can manage them.');
  }

  async options(): Promise<AnnouncementOptions> {
    const groups = await this.dataSource.getRepository(GroupEntity).find({ select: { name: true }, order: { name: 'ASC' } });
    return { groups: groups.map((g) => g.name) };
  }

  /** Every announcement, the newest publication first (scheduled ones on top). */
  async list(): Promise<AnnouncementAdminView[]> {
    const rows = await this.dataSource.getRepository(AnnouncementEntity).find({ order: { publishAt: 'DESC', createdAt: 'DESC' } });
    return this.adminViews(rows);
  }

  async get(id: string): Promise<AnnouncementAdminView> {
    return (await this.adminViews([await this.require(id)]))[0];
  }

  async create(manager: AnnouncementManager, input: SaveAnnouncementRequest, context: RequestContext): Promise<AnnouncementAdminView> {
    const { checked, groups } = await this.check(input);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(AnnouncementEntity, {
        id,
        title: checked.title,
        body: checked.body,
        everyone: groups.length === 0,
        publishAt: checked.publishAt,
        expiresAt: checked.expiresAt,
        pinned: checked.pinned,
        imageVersion: null,
        imageAlt: checked.imageAlt ?? '',
        authorId: manager.id,
        authorName: manager.name,
      });
      await this.writeAudience(tx, id, groups);
      await this.audit.record(
        { type: 'announcement.created', outcome: 'success', actor: manager.id, subject: id, details: auditDetails(checked, groups) },
        context,
        tx,
      );
    });
    this.changes.next();
    return this.get(id);
  }

  /** Replaces what was written (the author stays who first wrote it). */
  async update(manager: AnnouncementManager, id: string, input: SaveAnnouncementRequest, context: RequestContext): Promise<AnnouncementAdminView> {
    const before = await this.require(id);
    const { checked, groups } = await this.check(input, before);
    if (before.imageVersion && checked.imageAlt !== undefined && !checked.imageAlt) {
      throw validation({ imageAlt: ['Describe the image for people who can’t see it.'] });
    }
    await this.dataSource.transaction(async (tx) => {
      // Deleted meanwhile: 404 rather than writing its audience again.
      const changed = await tx.update(
        AnnouncementEntity,
        { id },
        {
          title: checked.title,
          body: checked.body,
          everyone: groups.length === 0,
          publishAt: checked.publishAt,
          expiresAt: checked.expiresAt,
          pinned: checked.pinned,
          ...(checked.imageAlt !== undefined ? { imageAlt: checked.imageAlt } : {}),
        },
      );
      if (changed.affected === 0) throw notFound();
      await tx.delete(AnnouncementGroupEntity, { announcementId: id });
      await this.writeAudience(tx, id, groups);
      await this.audit.record(
        { type: 'announcement.updated', outcome: 'success', actor: manager.id, subject: id, details: auditDetails(checked, groups) },
        context,
        tx,
      );
    });
    this.changes.next();
    return this.get(id);
  }

  async remove(manager: AnnouncementManager, id: string, context: RequestContext): Promise<void> {
    const before = await this.require(id);
    await this.dataSource.transaction(async (tx) => {
      // Children first: SQLite's foreign keys may be off, and nothing should outlive its announcement.
      await tx.delete(AnnouncementGroupEntity, { announcementId: id });
      await tx.delete(AnnouncementImageEntity, { announcementId: id });
      if ((await tx.delete(AnnouncementEntity, { id })).affected === 0) throw notFound();
      await this.audit.record({ type: 'announcement.deleted', outcome: 'success', actor: manager.id, subject: id, details: { title: before.title } }, context, tx);
    });
    this.changes.next();
  }

  /** Stores the image (checked from its bytes) and its description, replacing any previous one. */
  async setImage(manager: AnnouncementManager, id: string, input: SetAnnouncementImageRequest, context: RequestContext): Promise<AnnouncementAdminView> {
    await this.require(id);
    const problems: Problems = {};
    const alt = input.alt.trim();
    if (!alt) problems['alt'] = ['Describe the image for people who can’t see it.'];
    const bytes = decodeBase64(input.image);
    const checked = bytes ? imageProblem(bytes) : { problem: 'The image is not valid base64.' };
    if ('problem' in checked) problems['image'] = [checked.problem];
    if (Object.keys(problems).length || !bytes || 'problem' in checked) throw validation(problems);
    const version = imageVersion(bytes);
    await this.dataSource.transaction(async (tx) => {
      const changed = await tx.update(AnnouncementEntity, { id }, { imageVersion: version, imageAlt: alt });
      if (changed.affected === 0) throw notFound();
      await tx.delete(AnnouncementImageEntity, { announcementId: id });
      await tx.insert(AnnouncementImageEntity, { announcementId: id, contentType: checked.type, dataBase64: bytes.toString('base64') });
      await this.audit.record(
        { type: 'announcement.image_set', outcome: 'success', actor: manager.id, subject: id, details: { contentType: checked.type, bytes: bytes.length, version } },
        context,
        tx,
      );
    });
    this.changes.next();
    return this.get(id);
  }

  async removeImage(manager: AnnouncementManager, id: string, context: RequestContext): Promise<AnnouncementAdminView> {
    const before = await this.require(id);
    if (before.imageVersion) {
      await this.dataSource.transaction(async (tx) => {
        await tx.delete(AnnouncementImageEntity, { announcementId: id });
        await tx.update(AnnouncementEntity, { id }, { imageVersion: null, imageAlt: '' });
        await this.audit.record({ type: 'announcement.image_removed', outcome: 'success', actor: manager.id, subject: id }, context, tx);
      });
      this.changes.next();
    }
    return this.get(id);
  }

  /**
   * The person's feed: published, not expired, for everyone or for a group they are in now;
   * pinned first, then the newest. Guests are not employees: company announcements aren't theirs.
   */
  async feed(userId: string): Promise<AnnouncementView[]> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user || user.kind !== 'employee') return [];
    const visible = await this.visibleTo(user.id, this.clock.now());
    const sorted = visible.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.publishAt.getTime() - a.publishAt.getTime());
    return this.views(sorted.slice(0, ANNOUNCEMENT_LIMITS.feedMax));
  }

  /** The image, for those who see the announcement in their feed and those who manage announcements. */
  async readImage(userId: string, id: string): Promise<StoredAnnouncementImage | null> {
    if (typeof id !== 'string' || id.length > ID_MAX) return null;
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) return null;
    if (!mayManage(user)) {
      if (user.kind !== 'employee') return null;
      const visible = await this.visibleTo(user.id, this.clock.now(), id);
      if (visible.length === 0) return null;
    }
    const row = await this.dataSource
      .getRepository(AnnouncementImageEntity)
      .createQueryBuilder('i')
      .innerJoin(AnnouncementEntity, 'a', 'a.id = i.announcement_id')
      .select(['i.contentType AS "contentType"', 'i.dataBase64 AS "data"', 'a.imageVersion AS "version"'])
      .where('i.announcement_id = :id', { id })
      .getRawOne<{ contentType: string; data: string; version: string | null }>();
    if (!row || !row.version) return null;
    return { contentType: row.contentType, bytes: Buffer.from(row.data, 'base64'), version: row.version };
  }

  /** Announcements published and not expired at `now` whose audience includes this employee (optionally just one). */
  private async visibleTo(userId: string, now: Date, onlyId?: string): Promise<AnnouncementEntity[]> {
    const live = await this.dataSource.getRepository(AnnouncementEntity).find({
      where: [
        { ...(onlyId ? { id: onlyId } : {}), publishAt: LessThanOrEqual(now), expiresAt: IsNull() },
        { ...(onlyId ? { id: onlyId } : {}), publishAt: LessThanOrEqual(now), expiresAt: MoreThan(now) },
      ],
    });
    const targeted = live.filter((a) => !a.everyone);
    if (targeted.length === 0) return live;
    const memberships = await this.dataSource.createQueryBuilder().select('ug.group_id', 'groupId').from('user_groups', 'ug').where('ug.user_id = :userId', { userId }).getRawMany<{ groupId: string }>();
    const memberOf = new Set(memberships.map((row) => row.groupId));
    const audience = await this.audiences(targeted.map((a) => a.id));
    return live.filter((a) => a.everyone || (audience.get(a.id) ?? []).some((groupId) => memberOf.has(groupId)));
  }

  private async check(input: SaveAnnouncementRequest, stored?: AnnouncementEntity): Promise<{ checked: CheckedAnnouncement; groups: GroupEntity[] }> {
    const { checked, problems } = checkAnnouncement(input, this.clock.now(), stored);
    let groups: GroupEntity[] = [];
    // Unknown groups are named together with any other problem, so one answer lists them all.
    const names = problems['audienceGroups'] ? [] : (checked?.audienceGroups ?? input.audienceGroups ?? []);
    if (names.length) {
      const { found, missing } = await this.groups.findByNames(names);
      if (missing.length) {
        const listed = missing.slice(0, 5).map((name) => `“${name.slice(0, 80)}”`).join(', ');
        problems['audienceGroups'] = [missing.length === 1 ? `No group is named ${listed}.` : `No groups are named ${listed}${missing.length > 5 ? '…' : ''}.`];
      }
      groups = found;
    }
    if (!checked || Object.keys(problems).length) throw validation(problems);
    return { checked, groups };
  }

  private async writeAudience(tx: EntityManager, announcementId: string, groups: GroupEntity[]): Promise<void> {
    if (groups.length) await tx.insert(AnnouncementGroupEntity, groups.map((group) => ({ announcementId, groupId: group.id })));
  }

  private async require(id: string): Promise<AnnouncementEntity> {
    const row = typeof id === 'string' && id.length <= ID_MAX ? await this.dataSource.getRepository(AnnouncementEntity).findOneBy({ id }) : null;
    if (!row) throw notFound();
    return row;
  }

  /** Group ids of each announcement's audience. */
  private async audiences(ids: string[]): Promise<Map<string, string[]>> {
    const byAnnouncement = new Map<string, string[]>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.dataSource.getRepository(AnnouncementGroupEntity).findBy({ announcementId: In(ids.slice(i, i + 500)) });
      for (const row of rows) byAnnouncement.set(row.announcementId, [...(byAnnouncement.get(row.announcementId) ?? []), row.groupId]);
    }
    return byAnnouncement;
  }

  private async views(rows: AnnouncementEntity[]): Promise<AnnouncementView[]> {
    const authorIds = [...new Set(rows.flatMap((r) => r.authorId ?? []))];
    const authors = authorIds.length ? await this.dataSource.getRepository(UserEntity).find({ select: { id: true, name: true }, where: { id: In(authorIds) } }) : [];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      body: row.body,
      bodyHtml: renderMarkdown(row.body),
      imageUrl: row.imageVersion ? `${AnnouncementRoutes.imageFile(row.id)}?v=${row.imageVersion}` : null,
      imageAlt: row.imageVersion ? row.imageAlt : '',
      pinned: row.pinned,
      publishAt: row.publishAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      authorName: authors.find((a) => a.id === row.authorId)?.name ?? row.authorName,
    }));
  }

  private async adminViews(rows: AnnouncementEntity[]): Promise<AnnouncementAdminView[]> {
    const now = this.clock.now();
    const views = await this.views(rows);
    const audience = await this.audiences(rows.filter((r) => !r.everyone).map((r) => r.id));
    const groupIds = [...new Set([...audience.values()].flat())];
    const groups = groupIds.length ? await this.dataSource.getRepository(GroupEntity).findBy({ id: In(groupIds) }) : [];
    return rows.map((row, i) => ({
      ...views[i],
      // Kept for an image not yet described in the editor (the feed shows it only with an image).
      imageAlt: row.imageAlt,
      audienceGroups: (audience.get(row.id) ?? []).flatMap((id) => groups.find((g) => g.id === id)?.name ?? []).sort((a, b) => a.localeCompare(b)),
      status: announcementStatus(row, now),
      createdAt: new Date(row.createdAt).toISOString(),
      updatedAt: new Date(row.updatedAt).toISOString(),
    }));
  }
}

function mayManage(user: UserEntity): boolean {
  return user.kind === 'employee' && user.status === 'active' && (user.isAdmin || (user.permissions ?? []).includes('communication'));
}

function auditDetails(checked: CheckedAnnouncement, groups: GroupEntity[]): Record<string, string | boolean | null> {
  return {
    title: checked.title.slice(0, 80),
    audience: groups.length ? groups.map((g) => g.name).join(',') : 'everyone',
    publishAt: checked.publishAt.toISOString(),
    expiresAt: checked.expiresAt?.toISOString() ?? null,
    pinned: checked.pinned,
  };
}

function notFound(): AppError {
  return new AppError('not_found', 404, 'There is no such announcement.');
}

function validation(problems: Problems): AppError {
  const first = Object.values(problems)[0] ?? ['Some fields are missing or not valid.'];
  return new AppError('validation_failed', 400, Object.keys(problems).length === 1 ? first[0] : 'Some fields are missing or not valid.', problems);
}
