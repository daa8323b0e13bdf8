import { OidcClientEntity } from '../../src/app/identity/entities/oidc-client.entity';
import { randomBytes, randomUUID } from 'node:crypto';
import type { AppVisibility } from '@passerelle/contracts';
import type { DataSource } from 'typeorm';
import { GroupEntity } from '../../src/app/accounts/entities/group.entity';
import { UserEntity } from '../../src/app/accounts/entities/user.entity';
import { AppGrantEntity } from '../../src/app/catalog/entities/app-grant.entity';
import { CatalogAppGroupEntity } from '../../src/app/catalog/entities/catalog-app-group.entity';
import { CatalogAppEntity } from '../../src/app/catalog/entities/catalog-app.entity';
import { CatalogSectionEntity } from '../../src/app/catalog/entities/catalog-section.entity';
import { Browser, signInThroughInteraction, type Authenticator, type Person } from './oidc-rp';

/**
 * Catalog rows written straight through TypeORM (inserts only: on SQLite, save() would open a
 * transaction outside the gate), for specs of the dashboard and of entitlements that don't test
 * the console itself.
 */

export function uniqueName(prefix: string): string {
  return `${prefix} ${randomBytes(3).toString('hex')}`;
}

export async function addSection(dataSource: DataSource, input: { name?: string; position?: number } = {}): Promise<CatalogSectionEntity> {
  const row = { id: randomUUID(), name: input.name ?? uniqueName('Section'), position: input.position ?? 0 };
  await dataSource.getRepository(CatalogSectionEntity).insert(row);
  return dataSource.getRepository(CatalogSectionEntity).findOneByOrFail({ id: row.id });
}

/** A group (created when missing); returns its id. */
export async function ensureGroup(dataSource: DataSource, name: string): Promise<string> {
  const existing = await dataSource.getRepository(GroupEntity).findOneBy({ name });
  if (existing) return existing.id;
  const id = randomUUID();
  await dataSource.getRepository(GroupEntity).insert({ id, name, description: '' });
  return id;
}

export interface AppRowInput {
  id?: string;
  name?: string;
  description?: string;
  launchUrl?: string;
  initiateLoginUri?: string | null;
  clientId?: string | null;
  sectionId?: string | null;
  visibility?: AppVisibility;
  /** Group names (created when missing). */
  groups?: string[];
  healthUrl?: string | null;
  requestable?: boolean;
  position?: number;
  iconVersion?: string | null;
}

export async function addApp(dataSource: DataSource, input: AppRowInput = {}): Promise<CatalogAppEntity> {
  const name = input.name ?? uniqueName('App');
  const id = input.id ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${randomBytes(3).toString('hex')}`;
  await dataSource.getRepository(CatalogAppEntity).insert({
    id,
    name,
    description: input.description ?? '',
    launchUrl: input.launchUrl ?? `https://${id}.acme.test/`,
    initiateLoginUri: input.initiateLoginUri ?? null,
    clientId: input.clientId ?? null,
    sectionId: input.sectionId ?? null,
    visibility: input.visibility ?? (input.groups?.length ? 'groups' : 'everyone'),
    healthUrl: input.healthUrl ?? null,
    requestable: input.requestable ?? false,
    position: input.position ?? 0,
    iconVersion: input.iconVersion ?? null,
  });
  // As CatalogAdminService does: a client that had a tile stays restricted without it.
  if (input.clientId) await dataSource.getRepository(OidcClientEntity).update({ clientId: input.clientId }, { catalogManaged: true });
  for (const group of input.groups ?? []) {
    await dataSource.getRepository(CatalogAppGroupEntity).insert({ appId: id, groupId: await ensureGroup(dataSource, group) });
  }
  return dataSource.getRepository(CatalogAppEntity).findOneByOrFail({ id });
}

export async function addToGroup(dataSource: DataSource, userId: string, groupName: string): Promise<void> {
  const groupId = await ensureGroup(dataSource, groupName);
  await dataSource.createQueryBuilder().relation(UserEntity, 'groups').of(userId).add(groupId);
}

export async function removeFromGroup(dataSource: DataSource, userId: string, groupName: string): Promise<void> {
  const groupId = await ensureGroup(dataSource, groupName);
  await dataSource.createQueryBuilder().relation(UserEntity, 'groups').of(userId).remove(groupId);
}

export async function grantApp(dataSource: DataSource, appId: string, userId: string): Promise<void> {
  await dataSource.getRepository(AppGrantEntity).insert({ appId, userId, grantedBy: 'test' });
}

/** A browser signed in to the portal itself (the dashboard's session), as `person`; and their authenticator. */
export async function signedInBrowser(portalUrl: string, person: Person & { authenticator?: Authenticator }): Promise<{ browser: Browser; authenticator: Authenticator }> {
  const browser = new Browser(portalUrl);
  const result = await signInThroughInteraction(browser, `${portalUrl}/api/auth/sign-in`, person);
  if (result.callbackUrl.pathname !== '/' || !result.authenticator) throw new Error(`The portal sign-in ended at ${result.callbackUrl}`);
  return { browser, authenticator: result.authenticator };
}
