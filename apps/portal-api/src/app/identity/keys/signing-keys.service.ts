import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { SigningKeyEntity } from '../entities/signing-key.entity';
import { ID_TOKEN_TTL_SECONDS } from '../oidc/token-lifetimes';

/** RS256 signs by default; ES256 and EdDSA keys exist so a client may ask for them. */
export const SIGNING_ALGORITHMS = ['RS256', 'ES256', 'EdDSA'] as const;
export type SigningAlg = (typeof SIGNING_ALGORITHMS)[number];

const SEAL_PURPOSE = 'signing-key';
/** A retired key stays published this long after the last token it could have signed expired. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface RotationResult {
  added: { kid: string; alg: string }[];
  retired: { kid: string; alg: string; unpublishAfter: Date }[];
}

/**
 * The provider's signing keys, generated on first start and kept in the database sealed under the
 * instance key, so every portal process signs and publishes the same set.
 */
@Injectable()
export class SigningKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly secretBox: SecretBox,
    private readonly clock: Clock,
  ) {}

  private get keys() {
    return this.dataSource.getRepository(SigningKeyEntity);
  }

  /** Generates an active key for each algorithm that has none. Safe to call on every start. */
  async ensureActiveKeys(): Promise<void> {
    const active = await this.keys.find();
    for (const alg of SIGNING_ALGORITHMS) {
      if (!active.some((key) => key.alg === alg && key.retiredAt === null)) await this.addKey(alg);
    }
  }

  /**
   * The private JWKS oidc-provider is configured with: active keys first (those sign), then retired
   * keys still within their publication window (published, never used to sign).
   */
  async privateJwks(): Promise<{ keys: JWK[] }> {
    const now = this.clock.now();
    const rows = await this.keys.find({ order: { createdAt: 'DESC' } });
    const published = rows.filter((row) => !row.unpublishAfter || row.unpublishAfter.getTime() > now.getTime());
    published.sort((a, b) => Number(a.retiredAt !== null) - Number(b.retiredAt !== null));
    return { keys: published.map((row) => JSON.parse(this.secretBox.open(row.privateJwkSealed, SEAL_PURPOSE)) as JWK) };
  }

  /** A fingerprint of the published key set: when it changes, running processes reload their provider. */
  async version(): Promise<string> {
    const rows = await this.keys.find({ select: { kid: true, retiredAt: true, unpublishAfter: true } });
    const now = this.clock.now().getTime();
    return rows
      .filter((row) => !row.unpublishAfter || row.unpublishAfter.getTime() > now)
      .map((row) => `${row.kid}:${row.retiredAt ? 'r' : 'a'}`)
      .sort()
      .join(',');
  }

  /**
   * Adds a new key per algorithm and retires the current ones: they stop signing now and stay in
   * JWKS until every ID token they signed has expired; then they are deleted.
   */
  async rotate(): Promise<RotationResult> {
    const now = this.clock.now();
    const unpublishAfter = new Date(now.getTime() + ID_TOKEN_TTL_SECONDS * 1000 + CLOCK_SKEW_MS);
    const result: RotationResult = { added: [], retired: [] };
    for (const row of await this.keys.find()) {
      if (row.unpublishAfter && row.unpublishAfter.getTime() <= now.getTime()) {
        await this.keys.delete({ kid: row.kid });
      } else if (!row.retiredAt) {
        await this.keys.update({ kid: row.kid }, { retiredAt: now, unpublishAfter });
        result.retired.push({ kid: row.kid, alg: row.alg, unpublishAfter });
      }
    }
    for (const alg of SIGNING_ALGORITHMS) result.added.push(await this.addKey(alg));
    return result;
  }

  async list(): Promise<SigningKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  private async addKey(alg: SigningAlg): Promise<{ kid: string; alg: string }> {
    const { privateKey } = await generateKeyPair(alg, alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true });
    const kid = randomBytes(12).toString('base64url');
    const jwk: JWK = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
    await this.keys.insert({ kid, alg, privateJwkSealed: this.secretBox.seal(JSON.stringify(jwk), SEAL_PURPOSE), retiredAt: null, unpublishAfter: null });
    return { kid, alg };
  }
}
