import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiScopes, type ApiScope, type AppClient, type CreateAppRequest, type CreatedAppClient } from '@passerelle/contracts';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { randomToken } from '../../../infra/crypto/tokens';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { OidcPayloadEntity } from '../entities/oidc-payload.entity';
import { newClientId } from './client-id';
import { apiScopeProblems, apiScopesOf, appRequestProblems, CLIENT_SECRET_PURPOSE, metadataFor, readMetadata, scopeWith, toAppClient } from './client-metadata';

/** What oidc-provider stores per client and must go with it (its payloads carry `"clientId":"…"`). */
export const CLIENT_BOUND_MODELS = ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials', 'Grant'] as const;

/**
 * Tokens that keep the scope they were issued with (the bearer check reads it from the token), so a
 * scope taken away from an app must take them with it.
 */
const SCOPED_TOKEN_MODELS = ['ClientCredentials', 'AccessToken', 'RefreshToken'] as const;

/** What replacing an app's API scopes changed. */
export interface ScopesUpdate {
  client: AppClient;
  added: ApiScope[];
  removed: ApiScope[];
  /** Tokens that carried a removed scope, revoked with the change. */
  revokedTokens: number;
}

/** The registry of apps (OIDC clients) administrators register. Secrets are shown once and kept sealed. */
@Injectable()
export class ClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateAppRequest, actor: string, context: RequestContext): Promise<CreatedAppClient> {
    const problems = appRequestProblems(input);
    if (Object.keys(problems).length > 0) throw new AppError('validation_failed', 400, 'Some fields are missing or not valid.', problems);
    const metadata = metadataFor(input);
    const isPublic = metadata.token_endpoint_auth_method === 'none';
    const secret = isPublic ? undefined : randomToken();
    const entity = await this.dataSource.transaction(async (tx) => {
      const now = this.clock.now();
      const created = tx.create(OidcClientEntity, {
        clientId: await this.unusedClientId(tx, metadata.client_name),
        name: metadata.client_name,
        metadata: JSON.stringify(metadata),
        secretSealed: secret === undefined ? null : this.secretBox.seal(secret, CLIENT_SECRET_PURPOSE),
        firstParty: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(OidcClientEntity, created);
      await this.audit.record(
        { type: 'app.created', outcome: 'success', actor, subject: created.clientId, details: { name: created.name, public: isPublic, scope: metadata.scope } },
        context,
        tx,
      );
      return created;
    });
    return withSecret(toAppClient(entity), secret);
  }

  async list(): Promise<AppClient[]> {
    const entities = await this.dataSource.getRepository(OidcClientEntity).find({ order: { name: 'ASC', clientId: 'ASC' } });
    return entities.map(toAppClient);
  }

  async get(clientId: string): Promise<AppClient> {
    return toAppClient(await this.require(clientId));
  }

  findEntity(clientId: string, manager: EntityManager = this.dataSource.manager): Promise<OidcClientEntity | null> {
    return manager.findOneBy(OidcClientEntity, { clientId });
  }

  /** A new secret replaces the old one at once (apps using the old one fail until reconfigured). */
  async rotateSecret(clientId: string, actor: string, context: RequestContext): Promise<CreatedAppClient> {
    const secret = randomToken();
    const entity = await this.dataSource.transaction(async (tx) => {
      const found = await this.require(clientId, tx);
      if (readMetadata(found).token_endpoint_auth_method === 'none') {
        throw new AppError('bad_request', 400, `"${found.name}" is a public app: it has no secret to rotate (it uses PKCE instead).`);
      }
      found.secretSealed = this.secretBox.seal(secret, CLIENT_SECRET_PURPOSE);
      found.updatedAt = this.clock.now();
      await tx.update(OidcClientEntity, { clientId: found.clientId }, { secretSealed: found.secretSealed, updatedAt: found.updatedAt });
      await this.audit.record({ type: 'app.secret_rotated', outcome: 'success', actor, subject: found.clientId }, context, tx);
      return found;
    });
    return withSecret(toAppClient(entity), secret);
  }

  /**
   * Replaces the app's extra API scopes (e.g. grants `alerts:write` to an app registered without it).
   * The change, its audit event and the revocation of every token carrying a removed scope commit
   * together: once this returns, such a token is refused (401), and new ones can't be had (invalid_scope).
   */
  async updateScopes(clientId: string, input: unknown, actor: string, context: RequestContext): Promise<ScopesUpdate> {
    const problems = apiScopeProblems(input);
    if (problems.length > 0) throw new AppError('validation_failed', 400, `scopes: ${problems[0]}`, { scopes: problems });
    const wanted = new Set(input as string[]);
    const after = ApiScopes.filter((scope) => wanted.has(scope));
    const update = await this.dataSource.transaction(async (tx): Promise<ScopesUpdate> => {
      const found = await this.require(clientId, tx);
      const metadata = readMetadata(found);
      const before = apiScopesOf(metadata);
      const added = after.filter((scope) => !before.includes(scope));
      const removed = before.filter((scope) => !after.includes(scope));
      if (added.length === 0 && removed.length === 0) return { client: toAppClient(found), added, removed, revokedTokens: 0 };
      found.metadata = JSON.stringify({ ...metadata, scope: scopeWith(after) });
      found.updatedAt = this.clock.now();
      await tx.update(OidcClientEntity, { clientId: found.clientId }, { metadata: found.metadata, updatedAt: found.updatedAt });
      const revokedTokens = removed.length ? await this.revokeTokensWithScopes(tx, found.clientId, removed) : 0;
      await this.audit.record(
        {
          type: 'app.updated',
          outcome: 'success',
          actor,
          subject: found.clientId,
          details: { name: found.name, before: before.join(' '), after: after.join(' '), revokedTokens },
        },
        context,
        tx,
      );
      return { client: toAppClient(found), added, removed, revokedTokens };
    });
    // A token whose issuance read the client just before the change may have been stored since: one more sweep.
    if (update.removed.length) update.revokedTokens += await this.revokeTokensWithScopes(this.dataSource.manager, clientId, update.removed);
    return update;
  }

  /** Deletes the app and everything the provider issued to it (codes, tokens, grants), in one transaction. */
  async delete(clientId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const found = await this.require(clientId, tx);
      const removed = await tx
        .createQueryBuilder()
        .delete()
        .from(OidcPayloadEntity)
        .where('model IN (:...models)', { models: [...CLIENT_BOUND_MODELS] })
        .andWhere("payload LIKE :needle ESCAPE '\\'", { needle: clientIdNeedle(found.clientId) })
        .execute();
      await tx.delete(OidcClientEntity, { clientId: found.clientId });
      await this.audit.record(
        { type: 'app.deleted', outcome: 'success', actor, subject: found.clientId, details: { name: found.name, artefacts: removed.affected ?? null } },
        context,
        tx,
      );
    });
  }

  /** Deletes this client's tokens whose scope includes one of `scopes`; returns how many. */
  private async revokeTokensWithScopes(tx: EntityManager, clientId: string, scopes: readonly string[]): Promise<number> {
    const rows = await tx
      .createQueryBuilder(OidcPayloadEntity, 'p')
      .select(['p.model', 'p.id', 'p.payload'])
      .where('p.model IN (:...models)', { models: [...SCOPED_TOKEN_MODELS] })
      .andWhere("p.payload LIKE :needle ESCAPE '\\'", { needle: clientIdNeedle(clientId) })
      .getMany();
    const doomed = rows.filter((row) => {
      const payload = JSON.parse(row.payload) as { clientId?: unknown; scope?: unknown };
      const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      return payload.clientId === clientId && granted.some((scope) => scopes.includes(scope));
    });
    for (const row of doomed) await tx.delete(OidcPayloadEntity, { model: row.model, id: row.id });
    return doomed.length;
  }

  private async require(clientId: string, manager?: EntityManager): Promise<OidcClientEntity> {
    const found = await this.findEntity(clientId, manager);
    if (!found) throw new AppError('not_found', 404, `No app has the client id "${clientId}".`);
    return found;
  }

  /** 36^6 suffixes make a clash unlikely; checking keeps it from failing as a primary-key error. */
  private async unusedClientId(tx: EntityManager, name: string): Promise<string> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const candidate = newClientId(name);
      if (!(await tx.existsBy(OidcClientEntity, { clientId: candidate }))) return candidate;
    }
    throw new Error('Could not find an unused client id');
  }
}

/** A LIKE pattern for payloads of this client: the adapter stores JSON.stringify(payload), `"clientId":"<id>"` with nothing in between. */
function clientIdNeedle(clientId: string): string {
  return `%"clientId":${JSON.stringify(clientId).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

function withSecret(client: AppClient, secret: string | undefined): CreatedAppClient {
  return secret === undefined ? client : { ...client, clientSecret: secret };
}
