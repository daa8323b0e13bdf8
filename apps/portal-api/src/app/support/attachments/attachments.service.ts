import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { ATTACHMENT_LIMITS, SupportRoutes, type AttachmentView, type UploadAttachmentResponse } from '@passerelle/contracts';
import { DataSource, In, IsNull, LessThanOrEqual, MoreThan, type EntityManager } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { RateWindow } from '../widget-access/rate-window';
import { AttachmentStorage } from './attachment-storage';
import { ALLOWED_TYPES_TEXT, EXTENSIONS, extensionOf, sniffType } from './attachment-type';
import { AttachmentEntity } from './entities/attachment.entity';
import { sanitiseFileName } from './file-name';

/** An upload not sent with a ticket or message within this time is deleted. */
export const UPLOAD_TTL_HOURS = 24;
/** Uploads a person may hold unused at once (a few messages' worth). */
export const UNCLAIMED_MAX = 20;
/** Uploads per person per ten minutes. */
export const UPLOADS_PER_WINDOW = 40;

/**
 * Support attachments: uploads checked from their bytes and stored in the attachments folder,
 * claimed by the ticket or message they are sent with (in the caller's transaction), served only as
 * downloads. Who may download a claimed file is the tickets' rule (the download route's).
 */
@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');
  private readonly uploads = new RateWindow(UPLOADS_PER_WINDOW, 10 * 60_000, 'uploads');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly storage: AttachmentStorage,
    private readonly audit: AuditService,
  ) {}

  get maxBytes(): number {
    return this.config.attachments.maxBytes;
  }

  /**
   * Counts one upload attempt of `uploaderId` (429 past UPLOADS_PER_WINDOW in ten minutes). Called
   * before the body is read, so refused files (wrong type, too large) count too: a loop can't make
   * the server read megabytes without end.
   */
  admit(uploaderId: string): void {
    this.uploads.take(uploaderId, this.clock.now().getTime());
  }

  /** Stores an upload of `uploaderId`, named `encodedName` (the URL-encoded X-File-Name header). */
  async upload(uploaderId: string, encodedName: unknown, bytes: Buffer, context: RequestContext): Promise<UploadAttachmentResponse> {
    const rawName = decodeName(encodedName);
    if (bytes.length === 0) throw new AppError('validation_failed', 400, 'The file is empty.', { file: ['The file is empty.'] });
    if (bytes.length > this.maxBytes) throw tooLarge(this.maxBytes);
    const type = sniffType(bytes);
    const extension = extensionOf(rawName);
    if (!type || (extension && !EXTENSIONS[type].includes(extension))) {
      const message = type
        ? `This file’s name says .${extension} but its content is not; attach ${ALLOWED_TYPES_TEXT}.`
        : `This kind of file can’t be attached; attach ${ALLOWED_TYPES_TEXT}.`;
      throw new AppError('bad_request', 415, message, { file: [message] });
    }
    const now = this.clock.now();
    const unclaimed = await this.dataSource.getRepository(AttachmentEntity).countBy({ uploaderId, ticketId: IsNull(), expiresAt: MoreThan(now) });
    if (unclaimed >= UNCLAIMED_MAX) {
      throw new AppError('rate_limited', 429, `You have ${UNCLAIMED_MAX} files waiting to be sent; send or discard them first (unused files are deleted after ${UPLOAD_TTL_HOURS} hours).`, undefined, { retryAfter: '600' });
    }
    const key = this.storage.newKey();
    const sha256 = await this.storage.write(key, bytes);
    const row: AttachmentEntity = {
      id: randomUUID(),
      ticketId: null,
      messageId: null,
      uploaderId,
      name: sanitiseFileName(rawName, type),
      contentType: type,
      size: bytes.length,
      sha256,
      storageKey: key,
      createdAt: now,
      expiresAt: new Date(now.getTime() + UPLOAD_TTL_HOURS * 3_600_000),
    };
    try {
      await this.dataSource.transaction(async (tx) => {
        await tx.insert(AttachmentEntity, row);
        await this.audit.record({ type: 'support.attachment.uploaded', outcome: 'success', actor: uploaderId, subject: row.id, details: { type, size: row.size, sha256 } }, context, tx);
      });
    } catch (error) {
      // No file without its row.
      await this.storage.remove(key).catch(() => undefined);
      throw error;
    }
    return { ...this.viewOf(row), expiresAt: (row.expiresAt as Date).toISOString() };
  }

  /**
   * Attaches the uploader's own unused, unexpired uploads to a ticket (and message), inside the
   * caller's transaction. Any other id — someone else's, already used, expired, unknown — is a 400
   * naming `attachmentIds`, and nothing is claimed.
   */
  async claim(manager: EntityManager, input: { uploaderId: string; ids: readonly string[] | undefined; ticketId: string; messageId: string | null }): Promise<AttachmentEntity[]> {
    const ids = [...new Set(input.ids ?? [])];
    if (ids.length === 0) return [];
    if (ids.length > ATTACHMENT_LIMITS.perMessage) {
      throw new AppError('validation_failed', 400, 'Too many attachments.', { attachmentIds: [`Attach at most ${ATTACHMENT_LIMITS.perMessage} files to one message.`] });
    }
    const now = this.clock.now();
    const usable = { id: In(ids), uploaderId: input.uploaderId, ticketId: IsNull(), messageId: IsNull(), expiresAt: MoreThan(now) };
    const rows = await manager.find(AttachmentEntity, { where: usable, order: { createdAt: 'ASC', id: 'ASC' } });
    const claimed = rows.length === ids.length ? await manager.update(AttachmentEntity, usable, { ticketId: input.ticketId, messageId: input.messageId, expiresAt: null }) : undefined;
    // `affected` also guards against a second request claiming the same uploads meanwhile.
    if (!claimed || claimed.affected !== ids.length) {
      throw new AppError('validation_failed', 400, 'Some attachments can’t be used.', {
        attachmentIds: ['An attachment is missing or expired, or was already sent; attach the file again.'],
      });
    }
    return rows.map((row) => ({ ...row, ticketId: input.ticketId, messageId: input.messageId, expiresAt: null }));
  }

  /** Attachment views of these tickets (theirs and their messages'), by ticket id and by message id. */
  async viewsFor(ticketIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<{ byTicket: Map<string, AttachmentView[]>; byMessage: Map<string, AttachmentView[]> }> {
    const byTicket = new Map<string, AttachmentView[]>();
    const byMessage = new Map<string, AttachmentView[]>();
    if (ticketIds.length === 0) return { byTicket, byMessage };
    const rows = await manager.find(AttachmentEntity, { where: { ticketId: In([...ticketIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    for (const row of rows) {
      const [map, key] = row.messageId ? [byMessage, row.messageId] : [byTicket, row.ticketId as string];
      map.set(key, [...(map.get(key) ?? []), this.viewOf(row)]);
    }
    return { byTicket, byMessage };
  }

  viewOf(row: AttachmentEntity): AttachmentView {
    return { id: row.id, name: row.name, contentType: row.contentType, size: row.size, url: `${this.config.publicUrl}${SupportRoutes.attachment(row.id)}` };
  }

  find(id: string): Promise<AttachmentEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return Promise.resolve(null);
    return this.dataSource.getRepository(AttachmentEntity).findOneBy({ id });
  }

  /** True when `userId` uploaded it and it is not used yet (nor expired): only they may download it. */
  isOwnUnusedUpload(attachment: AttachmentEntity, userId: string): boolean {
    return !attachment.ticketId && attachment.uploaderId === userId && !!attachment.expiresAt && attachment.expiresAt.getTime() > this.clock.now().getTime();
  }

  /**
   * Sends the file as a download: its sniffed type, `Content-Disposition: attachment`, nosniff,
   * never cached, and a sandbox CSP in case a browser renders it anyway.
   */
  send(res: Response, attachment: AttachmentEntity): void {
    if (!this.storage.exists(attachment.storageKey)) throw new AppError('not_found', 404, 'This file is no longer available.');
    res.setHeader('Content-Type', attachment.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.contentType);
    res.setHeader('Content-Disposition', contentDisposition(attachment.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Length', String(attachment.size));
    res.sendFile(this.storage.pathOf(attachment.storageKey), { lastModified: false, etag: false, cacheControl: false }, (error) => {
      if (!error) return;
      if (!res.headersSent) res.status(404).json({ statusCode: 404, code: 'not_found', message: 'This file is no longer available.' });
      else res.destroy();
    });
  }

  /** Deletes uploads never used before their expiry, stray temporary files, and files without a row. */
  async sweep(): Promise<{ expired: number }> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(AttachmentEntity);
    const expired = await repo.find({ where: { ticketId: IsNull(), expiresAt: LessThanOrEqual(now) }, take: 500 });
    let removed = 0;
    for (const row of expired) {
      // Conditional: an upload claimed meanwhile is kept.
      const deleted = await repo.delete({ id: row.id, ticketId: IsNull(), expiresAt: LessThanOrEqual(now) });
      if (deleted.affected) {
        await this.storage.remove(row.storageKey).catch((error: Error) => this.logger.warn(`Removing ${row.storageKey}: ${error.message}`));
        removed += 1;
      }
    }
    // A crash between the file and its row leaves a file nobody can reach: removed after a day.
    const { keys, partials } = await this.storage.oldFiles(UPLOAD_TTL_HOURS * 3_600_000, Date.now());
    for (const name of partials) await this.storage.removePartial(name);
    for (let i = 0; i < keys.length; i += 200) {
      const batch = keys.slice(i, i + 200);
      const known = new Set((await repo.find({ select: { storageKey: true }, where: { storageKey: In(batch) } })).map((r) => r.storageKey));
      for (const key of batch) if (!known.has(key)) await this.storage.remove(key);
    }
    return { expired: removed };
  }
}

function decodeName(encoded: unknown): string {
  const problem = (message: string) => new AppError('validation_failed', 400, message, { 'X-File-Name': [message] });
  if (typeof encoded !== 'string' || encoded.trim() === '') throw problem('Send the file’s name in the X-File-Name header (URL-encoded).');
  if (encoded.length > 1000) throw problem('The file name is too long.');
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw problem('The X-File-Name header must be URL-encoded.');
  }
}

function tooLarge(maxBytes: number): AppError {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new AppError('payload_too_large', 413, `Files can be at most ${mb} MB.`, { file: [`Files can be at most ${mb} MB.`] }, { maxBytes: String(maxBytes) });
}

/** RFC 6266: an ASCII fallback and the exact name in UTF-8. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export { tooLarge };
