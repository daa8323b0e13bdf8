import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { CatalogApp, CatalogAppInput, CatalogSection, CreateAppRequest, CreatedAppClient, GroupView } from '@passerelle/contracts';
import { GroupsService } from '../../src/app/accounts/groups/groups.service';
import { CatalogAdminService } from '../../src/app/catalog/admin/catalog-admin.service';
import { CatalogGrantsService } from '../../src/app/catalog/admin/catalog-grants.service';
import { CLI_CONTEXT } from '../../src/app/http/request-context';

/**
 * Catalog fixtures made through the real services (as an administrator would, audited as `test`):
 * sections, groups with members, apps (plain links or with their OIDC client), grants, icons.
 */

function tag(): string {
  return randomBytes(3).toString('hex');
}

export function createSection(app: INestApplication, name = `Section ${tag()}`): Promise<CatalogSection> {
  return app.get(CatalogAdminService).createSection(name, 'test', CLI_CONTEXT);
}

/** A group (unique name unless given) with these user ids as members. */
export async function createGroup(app: INestApplication, input: { name?: string; description?: string; memberIds?: string[] } = {}): Promise<GroupView> {
  const groups = app.get(GroupsService);
  const group = await groups.create({ name: input.name ?? `Group ${tag()}`, description: input.description }, 'test', CLI_CONTEXT);
  if (input.memberIds?.length) await groups.addMembers(group.id, input.memberIds, 'test', CLI_CONTEXT);
  return groups.get(group.id);
}

export async function addToGroup(app: INestApplication, groupId: string, userIds: string[]): Promise<void> {
  await app.get(GroupsService).addMembers(groupId, userIds, 'test', CLI_CONTEXT);
}

/** A plain-link tile, visible to everyone unless told otherwise. */
export function createCatalogApp(app: INestApplication, input: Partial<CatalogAppInput> = {}): Promise<CatalogApp> {
  const name = input.name ?? `App ${tag()}`;
  return app.get(CatalogAdminService).createApp({ launchUrl: `https://${tag()}.apps.example.test/`, visibility: 'everyone', ...input, name }, 'test', CLI_CONTEXT);
}

/** A tile created together with its OIDC client (the tile's id is the client id). */
export function createSsoApp(
  app: INestApplication,
  input: Partial<CatalogAppInput> & { sso: Omit<CreateAppRequest, 'name'> },
): Promise<{ app: CatalogApp; client: CreatedAppClient }> {
  const name = input.name ?? `SSO app ${tag()}`;
  const launchUrl = input.launchUrl ?? new URL(input.sso.redirectUris[0]).origin + '/';
  return app.get(CatalogAdminService).createAppWithClient({ visibility: 'everyone', ...input, name, launchUrl }, 'test', CLI_CONTEXT);
}

export function grantApp(app: INestApplication, appId: string, userId: string): Promise<unknown> {
  return app.get(CatalogGrantsService).grant(appId, userId, 'test', CLI_CONTEXT);
}

export function setIcon(app: INestApplication, appId: string, bytes: Buffer = pngImage()): Promise<CatalogApp> {
  return app.get(CatalogAdminService).setIconFromBytes(appId, bytes, 'test', CLI_CONTEXT);
}

/** A valid PNG of `size`×`size` pixels of one colour (real chunks and CRCs, so image tools accept it). */
export function pngImage(size = 1, rgb: [number, number, number] = [0x33, 0x66, 0x99]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: size }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A PNG padded (in a private ancillary chunk) to exactly `bytes` bytes. */
export function pngOfSize(bytes: number): Buffer {
  const base = pngImage();
  const padding = bytes - base.length - 12;
  if (padding < 0) throw new Error(`A PNG can't be smaller than ${base.length + 12} bytes here`);
  const iend = base.subarray(base.length - 12);
  return Buffer.concat([base.subarray(0, base.length - 12), chunk('zzPd', Buffer.alloc(padding, 0x61)), iend]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
