import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { DataSource } from 'typeorm';
import { DateUtils } from 'typeorm/util/DateUtils';
import type { Clock } from '../../../infra/clock';
import { errors } from './oidc-provider-module';

/** How the adapter reads a registered app; oidc-provider never writes clients (no dynamic registration). */
export type ClientLookup = (clientId: string) => Promise<AdapterPayload | undefined>;

/** Models whose reuse is an attack signal: a second consume revokes the whole grant. */
const SINGLE_USE = new Set(['AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

interface StoredRow {
  payload: string;
  grant_id: string | null;
  expires_at: Date | string | null;
  consumed_at: Date | string | null;
}

/**
 * oidc-provider's storage, in the application database (table oidc_payloads, entity
 * OidcPayloadEntity), so sessions, grants and tokens survive restarts and are shared by every
 * portal process. One instance per model name. Plain SQL rather than the repository API: this is
 * the hottest path of every token request, and TypeORM's query building costs more than the query.
 */
export class TypeOrmAdapter implements Adapter {
  private readonly sql: SqlDialect;

  constructor(
    private readonly model: string,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly clients: ClientLookup,
  ) {
    this.sql = new SqlDialect(dataSource.options.type === 'postgres');
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    if (this.model === 'Client') throw new Error('Clients are registered by administrators, not through the provider');
    const expiresAt = expiresIn ? new Date(this.clock.now().getTime() + expiresIn * 1000) : null;
    const p = this.sql.placeholders(8);
    await this.run(
      `INSERT INTO oidc_payloads (model, id, payload, grant_id, user_code, uid, account_id, expires_at, consumed_at)
       VALUES (${p.join(', ')}, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         user_code = excluded.user_code, uid = excluded.uid, account_id = excluded.account_id,
         expires_at = excluded.expires_at, consumed_at = NULL`,
      [this.model, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, payload.accountId ?? null, this.sql.date(expiresAt)],
    );
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') return this.clients(id);
    return this.findBy('id', id);
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return this.findBy('uid', uid);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return this.findBy('user_code', userCode);
  }

  /**
   * Compare-and-set, so two concurrent redemptions of one code or refresh token can't both win:
   * the loser gets invalid_grant and the grant is revoked, as for any detected reuse.
   */
  async consume(id: string): Promise<void> {
    const [at, model, key] = this.sql.placeholders(3);
    const result = await this.run(`UPDATE oidc_payloads SET consumed_at = ${at} WHERE model = ${model} AND id = ${key} AND consumed_at IS NULL`, [
      this.sql.date(this.clock.now()),
      this.model,
      id,
    ]);
    if (result.affected === 1 || !SINGLE_USE.has(this.model)) return;
    const row = await this.row('id', id);
    if (row?.grant_id) await this.revokeByGrantId(row.grant_id);
    throw new errors.InvalidGrant(`${this.model === 'RefreshToken' ? 'refresh token' : 'authorization code'} already used`);
  }

  async destroy(id: string): Promise<void> {
    const [model, key] = this.sql.placeholders(2);
    await this.run(`DELETE FROM oidc_payloads WHERE model = ${model} AND id = ${key}`, [this.model, id]);
  }

  /** Every artefact of the grant, whatever its model: a revoked grant leaves no usable token. */
  async revokeByGrantId(grantId: string): Promise<void> {
    await this.run(`DELETE FROM oidc_payloads WHERE grant_id = ${this.sql.placeholders(1)[0]}`, [grantId]);
  }

  private async findBy(column: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
    const row = await this.row(column, value);
    if (!row) return undefined;
    const expiresAt = this.sql.readDate(row.expires_at);
    if (expiresAt && expiresAt.getTime() <= this.clock.now().getTime()) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    const consumedAt = this.sql.readDate(row.consumed_at);
    if (consumedAt) payload.consumed = Math.floor(consumedAt.getTime() / 1000);
    return payload;
  }

  private async row(column: 'id' | 'uid' | 'user_code', value: string): Promise<StoredRow | undefined> {
    const [model, key] = this.sql.placeholders(2);
    const rows = (await this.dataSource.query(
      `SELECT payload, grant_id, expires_at, consumed_at FROM oidc_payloads WHERE model = ${model} AND ${column} = ${key}`,
      [this.model, value],
    )) as StoredRow[];
    return rows[0];
  }

  private async run(query: string, parameters: unknown[]): Promise<{ affected?: number }> {
    const runner = this.dataSource.createQueryRunner();
    try {
      return (await runner.query(query, parameters, true)) as { affected?: number };
    } finally {
      await runner.release();
    }
  }
}

/** The two differences that matter here: placeholders, and how dates are stored (see TypeORM's drivers). */
class SqlDialect {
  constructor(private readonly postgres: boolean) {}

  placeholders(count: number): string[] {
    return Array.from({ length: count }, (_, i) => (this.postgres ? `$${i + 1}` : '?'));
  }

  /** SQLite columns hold TypeORM's UTC text form ("2026-11-23 14:03:08.123"); PostgreSQL takes a Date. */
  date(value: Date | null): Date | string | null {
    if (!value || this.postgres) return value;
    return DateUtils.mixedDateToUtcDatetimeString(value) as string;
  }

  readDate(value: Date | string | null): Date | null {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    return new Date(`${value.replace(' ', 'T')}Z`);
  }
}
