import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AppClient, CreateAppRequest, CreatedAppClient } from '@passerelle/contracts';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { randomToken } from '../../../infra/crypto/tokens';
import { AuditService } from '../../audit/audit.service';
import { AppError } from '../../http/app-error';
import type { RequestContext } from '../../http/request-context';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { OidcPayloadEntity } from '../entities/oidc-payload.entity';
import { newClientId } from './client-id';
import { appRequestProblems, CLIENT_SECRET_PURPOSE, metadataFor, readMetadata, toAppClient } from './client-metadata';

/** What oidc-provider stores per client and must go with it (its payloads carry `"clientId":"…"`). */
export const CLIENT_BOUND_MODELS = ['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials', 'Grant'] as const;

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

  /** Deletes the app and everything the provider issued to it (codes, tokens, grants), in one transaction. */
  async delete(clientId: string, actor: string, context: RequestContext): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const found = await this.require(clientId, tx);
      // The adapter stores JSON.stringify(payload): `"clientId":"<id>"` with nothing in between.
      const needle = `%"clientId":${JSON.stringify(found.clientId).replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      const removed = await tx
        .createQueryBuilder()
        .delete()
        .from(OidcPayloadEntity)
        .where('model IN (:...models)', { models: [...CLIENT_BOUND_MODELS] })
        .andWhere("payload LIKE :needle ESCAPE '\\'", { needle })
        .execute();
      await tx.delete(OidcClientEntity, { clientId: found.clientId });
      await this.audit.record(
        { type: 'app.deleted', outcome: 'success', actor, subject: found.clientId, details: { name: found.name, artefacts: removed.affected ?? null } },
        context,
        tx,
      );
    });
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

function withSecret(client: AppClient, secret: string | undefined): CreatedAppClient {
  return secret === undefined ? client : { ...client, clientSecret: secret };
}
