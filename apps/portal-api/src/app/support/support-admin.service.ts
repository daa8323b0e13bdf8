import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import {
  SUPPORT_LIMITS,
  TicketUrgencies,
  type CannedReply,
  type SaveCannedReplyRequest,
  type SaveCategoryRequest,
  type SupportCategory,
  type SupportSettings,
} from '@passerelle/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../infra/clock';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../http/app-error';
import type { RequestContext } from '../http/request-context';
import { CannedReplyEntity } from './entities/canned-reply.entity';
import { SupportCategoryEntity } from './entities/support-category.entity';
import { SupportSettingsEntity } from './entities/support-settings.entity';
import { TicketEntity } from './entities/ticket.entity';
import { categoryFieldProblems, DEFAULT_SETTINGS, parseFields, parseJson, SETTINGS_LIMITS, slaTargetFor, type Problems } from './support-rules';

const SETTINGS_ID = 'default';

export function categoryView(row: SupportCategoryEntity): SupportCategory {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    fields: parseFields(row.fields),
    defaultUrgency: row.defaultUrgency,
    archived: row.archived,
    position: row.position,
  };
}

function throwIfAny(problems: Problems): void {
  if (Object.keys(problems).length) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
}

/** What administrators set up for support: categories, SLA and reopen window; and the canned replies agents share. */
@Injectable()
export class SupportAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  // ── Settings ──

  async settings(manager: EntityManager = this.dataSource.manager): Promise<SupportSettings> {
    const row = await manager.findOneBy(SupportSettingsEntity, { id: SETTINGS_ID });
    if (!row) return DEFAULT_SETTINGS;
    const stored = parseJson<SupportSettings['sla']>(row.sla, []);
    // Every urgency has a target, whatever was stored.
    const sla = TicketUrgencies.map((u) => stored.find((t) => t.urgency === u) ?? slaTargetFor(DEFAULT_SETTINGS, u));
    return { sla, reopenDays: row.reopenDays };
  }

  async saveSettings(actorId: string, input: SupportSettings, context: RequestContext): Promise<SupportSettings> {
    const problems: Problems = {};
    const { minutesMin, minutesMax, reopenDaysMin, reopenDaysMax } = SETTINGS_LIMITS;
    const seen = new Set<string>();
    (input.sla ?? []).forEach((t, i) => {
      if (seen.has(t.urgency)) problems[`sla[${i}].urgency`] = ['Each urgency appears once.'];
      seen.add(t.urgency);
      for (const key of ['firstResponseMinutes', 'resolutionMinutes'] as const) {
        if (!Number.isInteger(t[key]) || t[key] < minutesMin || t[key] > minutesMax) problems[`sla[${i}].${key}`] = [`Enter whole minutes from ${minutesMin} to ${minutesMax}.`];
      }
      if (!problems[`sla[${i}].resolutionMinutes`] && !problems[`sla[${i}].firstResponseMinutes`] && t.resolutionMinutes < t.firstResponseMinutes) {
        problems[`sla[${i}].resolutionMinutes`] = ['The resolution target can’t come before the first response.'];
      }
    });
    const missing = TicketUrgencies.filter((u) => !seen.has(u));
    if (missing.length) problems['sla'] = [`Give a target for every urgency (missing: ${missing.join(', ')}).`];
    if (!Number.isInteger(input.reopenDays) || input.reopenDays < reopenDaysMin || input.reopenDays > reopenDaysMax) {
      problems['reopenDays'] = [`Enter whole days from ${reopenDaysMin} to ${reopenDaysMax}.`];
    }
    throwIfAny(problems);
    const sla = TicketUrgencies.map((u) => {
      const t = slaTargetFor(input, u);
      return { urgency: u, firstResponseMinutes: t.firstResponseMinutes, resolutionMinutes: t.resolutionMinutes };
    });
    await this.dataSource.transaction(async (tx) => {
      const row = { id: SETTINGS_ID, sla: JSON.stringify(sla), reopenDays: input.reopenDays, updatedAt: this.clock.now() };
      if (await tx.existsBy(SupportSettingsEntity, { id: SETTINGS_ID })) await tx.update(SupportSettingsEntity, { id: SETTINGS_ID }, row);
      else await tx.insert(SupportSettingsEntity, row);
      await this.audit.record({ type: 'support.settings_changed', outcome: 'success', actor: actorId, details: { reopenDays: input.reopenDays, sla: sla.map((t) => `${t.urgency}:${t.firstResponseMinutes}/${t.resolutionMinutes}`).join(',') } }, context, tx);
    });
    return this.settings();
  }

  // ── Categories ──

  async categories(options: { includeArchived: boolean }): Promise<SupportCategory[]> {
    const rows = await this.dataSource.getRepository(SupportCategoryEntity).find({ where: options.includeArchived ? {} : { archived: false }, order: { position: 'ASC', name: 'ASC' } });
    return rows.map(categoryView);
  }

  async createCategory(actorId: string, input: SaveCategoryRequest, context: RequestContext): Promise<SupportCategory> {
    const clean = this.checkCategory(input);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      if ((await tx.count(SupportCategoryEntity)) >= SUPPORT_LIMITS.categoriesMax) {
        throw new AppError('conflict', 409, `There can be at most ${SUPPORT_LIMITS.categoriesMax} categories; archive or delete one first.`);
      }
      const position = input.position ?? (((await tx.createQueryBuilder(SupportCategoryEntity, 'c').select('MAX(c.position)', 'max').getRawOne<{ max: number | null }>())?.max ?? -1) + 1);
      await tx.insert(SupportCategoryEntity, { id, ...clean, position: Number(position), createdAt: this.clock.now() });
      await this.audit.record({ type: 'support.category_created', outcome: 'success', actor: actorId, subject: id, details: { name: clean.name } }, context, tx);
    });
    return categoryView(await this.dataSource.getRepository(SupportCategoryEntity).findOneByOrFail({ id }));
  }

  async updateCategory(actorId: string, id: string, input: SaveCategoryRequest, context: RequestContext): Promise<SupportCategory> {
    const clean = this.checkCategory(input);
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(SupportCategoryEntity, { id }))) throw new AppError('not_found', 404, 'This category doesn’t exist.');
      await tx.update(SupportCategoryEntity, { id }, { ...clean, ...(input.position !== undefined ? { position: input.position } : {}) });
      await this.audit.record({ type: 'support.category_changed', outcome: 'success', actor: actorId, subject: id, details: { name: clean.name, archived: clean.archived } }, context, tx);
    });
    return categoryView(await this.dataSource.getRepository(SupportCategoryEntity).findOneByOrFail({ id }));
  }

  async deleteCategory(actorId: string, id: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const row = await tx.findOneBy(SupportCategoryEntity, { id });
      if (!row) throw new AppError('not_found', 404, 'This category doesn’t exist.');
      if (await tx.existsBy(TicketEntity, { categoryId: id })) {
        throw new AppError('conflict', 409, 'Tickets use this category, so it can’t be deleted. Archive it instead: it leaves the form and the tickets keep it.');
      }
      await tx.delete(SupportCategoryEntity, { id });
      await this.audit.record({ type: 'support.category_deleted', outcome: 'success', actor: actorId, subject: id, details: { name: row.name } }, context, tx);
    });
  }

  private checkCategory(input: SaveCategoryRequest): Omit<SupportCategoryEntity, 'id' | 'position' | 'createdAt'> {
    const problems: Problems = {};
    const name = (input.name ?? '').trim();
    if (!name) problems['name'] = ['Give the category a name.'];
    const fields = categoryFieldProblems(input.fields, problems);
    throwIfAny(problems);
    return {
      name,
      description: (input.description ?? '').trim(),
      fields: JSON.stringify(fields),
      defaultUrgency: input.defaultUrgency ?? 'normal',
      archived: input.archived ?? false,
    };
  }

  // ── Canned replies ──

  async cannedReplies(): Promise<CannedReply[]> {
    const rows = await this.dataSource.getRepository(CannedReplyEntity).find({ order: { title: 'ASC' } });
    return rows.map((r) => ({ id: r.id, title: r.title, body: r.body }));
  }

  async createCannedReply(actorId: string, input: SaveCannedReplyRequest, context: RequestContext): Promise<CannedReply> {
    const clean = checkCanned(input);
    const id = randomUUID();
    const now = this.clock.now();
    await this.dataSource.transaction(async (tx) => {
      await tx.insert(CannedReplyEntity, { id, ...clean, createdBy: actorId, createdAt: now, updatedAt: now });
      await this.audit.record({ type: 'support.canned_reply_created', outcome: 'success', actor: actorId, subject: id, details: { title: clean.title } }, context, tx);
    });
    return { id, ...clean };
  }

  async updateCannedReply(actorId: string, id: string, input: SaveCannedReplyRequest, context: RequestContext): Promise<CannedReply> {
    const clean = checkCanned(input);
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(CannedReplyEntity, { id }))) throw new AppError('not_found', 404, 'This canned reply doesn’t exist.');
      await tx.update(CannedReplyEntity, { id }, { ...clean, updatedAt: this.clock.now() });
      await this.audit.record({ type: 'support.canned_reply_changed', outcome: 'success', actor: actorId, subject: id, details: { title: clean.title } }, context, tx);
    });
    return { id, ...clean };
  }

  async deleteCannedReply(actorId: string, id: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      if (!(await tx.existsBy(CannedReplyEntity, { id }))) throw new AppError('not_found', 404, 'This canned reply doesn’t exist.');
      await tx.delete(CannedReplyEntity, { id });
      await this.audit.record({ type: 'support.canned_reply_deleted', outcome: 'success', actor: actorId, subject: id }, context, tx);
    });
  }
}

function checkCanned(input: SaveCannedReplyRequest): SaveCannedReplyRequest {
  const problems: Problems = {};
  const title = (input.title ?? '').trim();
  const body = (input.body ?? '').trim();
  if (!title) problems['title'] = ['Give the reply a title.'];
  if (!body) problems['body'] = ['Write the reply.'];
  throwIfAny(problems);
  return { title, body };
}
