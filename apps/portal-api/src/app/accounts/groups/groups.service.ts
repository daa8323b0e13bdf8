import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CATALOG_LIMITS, type GroupInput, type GroupMember, type GroupView } from '@passerelle/contracts';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { findByNames } from '../../../infra/database/names';
import { GroupEntity } from '../entities/group.entity';
import { UserEntity } from '../entities/user.entity';

/** Most ids one membership change may name (keeps each query under the drivers' parameter limits). */
export const MEMBERS_PER_CHANGE_MAX = 10_000;
const CHUNK = 500;

/** Per-field problems of a group's name and description (empty when all is well). */
export function groupInputProblems(input: Partial<GroupInput>, { partial }: { partial: boolean }): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  if (!partial || input.name !== undefined) {
    const name = typeof input.name === 'string' ? input.name.trim() : '';
    if (name.length < 1 || name.length > CATALOG_LIMITS.groupNameMax) problems['name'] = [`Enter a group name of 1 to ${CATALOG_LIMITS.groupNameMax} characters.`];
  }
  if (input.description !== undefined && (typeof input.description !== 'string' || input.description.trim().length > CATALOG_LIMITS.groupDescriptionMax)) {
    problems['description'] = [`Use at most ${CATALOG_LIMITS.groupDescriptionMax} characters.`];
  }
  return problems;
}

/**
 * Groups of people and who is in them. Apps are shown to groups; a membership change counts from
 * the person's next token or dashboard load (the `groups` claim and entitlements are read then).
 */
@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<GroupView[]> {
    const groups = await this.dataSource.getRepository(GroupEntity).find({ order: { name: 'ASC' } });
    const counts = await this.memberCounts(groups.map((g) => g.id));
    return groups.map((g) => toView(g, counts.get(g.id) ?? 0));
  }

  async get(groupId: string): Promise<GroupView> {
    const group = await this.require(groupId);
    return toView(group, (await this.memberCounts([group.id])).get(group.id) ?? 0);
  }

  /** Names compared without regard to case ("it" finds "IT"). */
  async findByName(name: string, manager: EntityManager = this.dataSource.manager): Promise<GroupEntity | null> {
    return (await findByNames(manager, GroupEntity, [name]))[0] ?? null;
  }

  /** The groups with these names, and the names that match none. */
  async findByNames(names: string[], manager: EntityManager = this.dataSource.manager): Promise<{ found: GroupEntity[]; missing: string[] }> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    const found: GroupEntity[] = [];
    const missing: string[] = [];
    for (const name of wanted) {
      const group = await this.findByName(name, manager);
      if (group) {
        if (!found.some((g) => g.id === group.id)) found.push(group);
      } else missing.push(name);
    }
    return { found, missing };
  }

  async create(input: GroupInput, actor: string, context: RequestContext): Promise<GroupView> {
    const problems = groupInputProblems(input, { partial: false });
    if (Object.keys(problems).length) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
    const group = await this.dataSource.transaction(async (tx) => {
      const name = input.name.trim();
      await this.refuseTakenName(tx, name);
      const created = tx.create(GroupEntity, { id: randomUUID(), name, description: (input.description ?? '').trim() });
      await tx.save(created);
      await this.audit.record({ type: 'group.created', outcome: 'success', actor, subject: created.id, details: { name } }, context, tx);
      return created;
    });
    return this.get(group.id);
  }

  /** The group with this name (any case), created when missing. Used by the CLI and the demo seed. */
  async ensure(name: string, actor: string, context: RequestContext): Promise<GroupView> {
    const existing = await this.findByName(name);
    return existing ? this.get(existing.id) : this.create({ name }, actor, context);
  }

  async update(groupId: string, input: Partial<GroupInput>, actor: string, context: RequestContext): Promise<GroupView> {
    const problems = groupInputProblems(input, { partial: true });
    if (Object.keys(problems).length) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      const changes: Partial<GroupEntity> = {};
      if (input.name !== undefined && input.name.trim() !== group.name) {
        const name = input.name.trim();
        await this.refuseTakenName(tx, name, group.id);
        changes.name = name;
      }
      if (input.description !== undefined && input.description.trim() !== group.description) changes.description = input.description.trim();
      if (Object.keys(changes).length === 0) return;
      await tx.update(GroupEntity, { id: group.id }, changes);
      await this.audit.record(
        { type: 'group.updated', outcome: 'success', actor, subject: group.id, details: { name: changes.name ?? group.name, ...(changes.name ? { previousName: group.name } : {}) } },
        context,
        tx,
      );
    });
    return this.get(groupId);
  }

  /** Its members leave it and apps shown to it stop being shown to them through it. */
  async delete(groupId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      const members = (await this.memberCounts([group.id], tx)).get(group.id) ?? 0;
      await tx.createQueryBuilder().delete().from('user_groups').where('group_id = :id', { id: group.id }).execute();
      await tx.createQueryBuilder().delete().from('catalog_app_groups').where('group_id = :id', { id: group.id }).execute();
      await tx.delete(GroupEntity, { id: group.id });
      await this.audit.record({ type: 'group.deleted', outcome: 'success', actor, subject: group.id, details: { name: group.name, members } }, context, tx);
    });
  }

  async members(groupId: string): Promise<GroupMember[]> {
    await this.require(groupId);
    const users = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin('user_groups', 'ug', 'ug.user_id = u.id AND ug.group_id = :groupId', { groupId })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.email', 'ASC')
      .getMany();
    return users.map(toMember);
  }

  /** Adds people (those already in it stay); every id must be a user. */
  async addMembers(groupId: string, userIds: string[], actor: string, context: RequestContext): Promise<GroupMember[]> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      const wanted = await this.requireUsers(tx, userIds);
      const current = await this.memberIds(tx, group.id);
      await this.change(tx, group, wanted.filter((id) => !current.has(id)), [], actor, context);
    });
    return this.members(groupId);
  }

  /** Makes the members exactly these people. */
  async setMembers(groupId: string, userIds: string[], actor: string, context: RequestContext): Promise<GroupMember[]> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      const wanted = await this.requireUsers(tx, userIds);
      const current = await this.memberIds(tx, group.id);
      const keep = new Set(wanted);
      await this.change(tx, group, wanted.filter((id) => !current.has(id)), [...current].filter((id) => !keep.has(id)), actor, context);
    });
    return this.members(groupId);
  }

  async removeMember(groupId: string, userId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      if (!(await this.memberIds(tx, group.id)).has(userId)) throw new AppError('not_found', 404, 'This person is not a member of this group.');
      await this.change(tx, group, [], [userId], actor, context);
    });
  }

  async removeMembers(groupId: string, userIds: string[], actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const group = await this.require(groupId, tx);
      const current = await this.memberIds(tx, group.id);
      await this.change(tx, group, [], [...new Set(userIds)].filter((id) => current.has(id)), actor, context);
    });
  }

  /** One audit event per person: membership decides who may open which app. */
  private async change(tx: EntityManager, group: GroupEntity, added: string[], removed: string[], actor: string, context: RequestContext): Promise<void> {
    const members = tx.createQueryBuilder().relation(GroupEntity, 'members').of(group.id);
    for (let i = 0; i < added.length; i += CHUNK) await members.add(added.slice(i, i + CHUNK));
    for (let i = 0; i < removed.length; i += CHUNK) await members.remove(removed.slice(i, i + CHUNK));
    for (const userId of added) {
      await this.audit.record({ type: 'group.member_added', outcome: 'success', actor, subject: userId, details: { groupId: group.id, group: group.name } }, context, tx);
    }
    for (const userId of removed) {
      await this.audit.record({ type: 'group.member_removed', outcome: 'success', actor, subject: userId, details: { groupId: group.id, group: group.name } }, context, tx);
    }
  }

  private async requireUsers(tx: EntityManager, userIds: string[]): Promise<string[]> {
    const wanted = [...new Set(userIds)];
    if (wanted.length > MEMBERS_PER_CHANGE_MAX) throw new AppError('validation_failed', 400, 'Too many people at once.', { userIds: [`Name at most ${MEMBERS_PER_CHANGE_MAX} people at once.`] });
    const found = new Set<string>();
    for (let i = 0; i < wanted.length; i += CHUNK) {
      const rows = await tx.find(UserEntity, { select: { id: true, email: true, kind: true }, where: { id: In(wanted.slice(i, i + CHUNK)) } });
      for (const row of rows) found.add(row.id);
      const guest = rows.find((row) => row.kind === 'guest');
      if (guest) {
        const message = `${guest.email} is a guest: guests can\u2019t join groups (choose their apps on their guest page).`;
        throw new AppError('validation_failed', 400, message, { userIds: [message] });
      }
    }
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length) {
      throw new AppError('validation_failed', 400, 'Some people do not exist.', { userIds: [`No user has the id ${unknown.slice(0, 5).map((id) => `"${id}"`).join(', ')}${unknown.length > 5 ? '…' : ''}.`] });
    }
    return wanted;
  }

  private async memberIds(tx: EntityManager, groupId: string): Promise<Set<string>> {
    const rows = await tx.createQueryBuilder().select('ug.user_id', 'userId').from('user_groups', 'ug').where('ug.group_id = :groupId', { groupId }).getRawMany<{ userId: string }>();
    return new Set(rows.map((r) => r.userId));
  }

  private async memberCounts(groupIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder()
      .select('ug.group_id', 'groupId')
      .addSelect('COUNT(*)', 'count')
      .from('user_groups', 'ug')
      .where('ug.group_id IN (:...groupIds)', { groupIds })
      .groupBy('ug.group_id')
      .getRawMany<{ groupId: string; count: string | number }>();
    return new Map(rows.map((r) => [r.groupId, Number(r.count)]));
  }

  private async require(groupId: string, manager: EntityManager = this.dataSource.manager): Promise<GroupEntity> {
    const group = await manager.findOneBy(GroupEntity, { id: groupId });
    if (!group) throw new AppError('not_found', 404, 'There is no such group.');
    return group;
  }

  private async refuseTakenName(tx: EntityManager, name: string, exceptId?: string): Promise<void> {
    const other = await this.findByName(name, tx);
    if (other && other.id !== exceptId) {
      throw new AppError('conflict', 409, `A group named "${other.name}" already exists.`, { name: [`A group named "${other.name}" already exists.`] });
    }
  }
}

function toView(group: GroupEntity, memberCount: number): GroupView {
  return { id: group.id, name: group.name, description: group.description, memberCount, createdAt: new Date(group.createdAt).toISOString() };
}

function toMember(user: UserEntity): GroupMember {
  return { id: user.id, email: user.email, name: user.name, status: user.status };
}
