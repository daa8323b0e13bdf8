import type { Adapter, AdapterPayload } from 'oidc-provider';
import { errors } from './oidc-provider-module';
import { type DataSource, IsNull } from 'typeorm';
import type { Clock } from '../../../infra/clock';
import { OidcPayloadEntity } from '../entities/oidc-payload.entity';

/** How the adapter reads a registered app; oidc-provider never writes clients (no dynamic registration). */
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

/** Models whose reuse is an attack signal: a second consume revokes the whole grant. */
const SINGLE_USE = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/**
 * oidc-provider's storage, in the application database (SQLite or PostgreSQL), so sessions, grants
 * and tokens survive restarts and are shared by every portal process. One instance per model name.
 */
export class TypeOrmAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly clients: ClientLookup,
  ) {}

  private get rows() {
    return this.dataSource.getRepository(OidcPayloadEntity);
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    if (this.model === 'Client') throw new Error('Clients are registered by administrators, not through the provider');
    const expiresAt = expiresIn ? new Date(this.clock.now().getTime() + expiresIn * 1000) : null;
    await this.rows.upsert(
      {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        userCode: payload.userCode ?? null,
        uid: payload.uid ?? null,
        accountId: payload.accountId ?? null,
        expiresAt,
        consumedAt: null,
      },
      ['model', 'id'],
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return this.clients(id);
    return this.live(await this.rows.findOneBy({ model: this.model, id }));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.live(await this.rows.findOneBy({ model: this.model, uid }));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.live(await this.rows.findOneBy({ model: this.model, userCode }));
  }

  /**
   * Compare-and-set, so two concurrent redemptions of one code or refresh token can't both win:
   * the loser gets invalid_grant and the grant is revoked, as for any detected reuse.
   */
  async consume(id: string): Promise<void> {
    const result = await this.rows.update({ model: this.model, id, consumedAt: IsNull() }, { consumedAt: this.clock.now() });
    if ((result.affected ?? 0) === 1 || !SINGLE_USE.has(this.model)) return;
    const row = await this.rows.findOneBy({ model: this.model, id });
    if (row?.grantId) await this.revokeByGrantId(row.grantId);
    throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`);
  }

  async destroy(id: string): Promise<void> {
    await this.rows.delete({ model: this.model, id });
  }

  /** Every artefact of the grant, whatever its model: a revoked grant leaves no usable token. */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.rows.delete({ grantId });
  }

  private live(row: OidcPayloadEntity | null): AdapterPayload | undefined {
    if (!row) return undefined;
    if (row.expiresAt && row.expiresAt.getTime() <= this.clock.now().getTime()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }
}
