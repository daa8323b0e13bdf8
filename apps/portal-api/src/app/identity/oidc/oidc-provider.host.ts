import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { createHmac, hkdfSync } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { AccountClaims, AdapterPayload, KoaContextWithOIDC } from 'oidc-provider';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../../infra/config/config.module';
import type { AppConfig } from '../../../infra/config/config';
import { Clock } from '../../../infra/clock';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { AccountAccess } from '../../accounts/account-access';
import { UserEntity } from '../../accounts/entities/user.entity';
import { EntitlementsService } from '../../catalog/entitlements.service';
import { INSTANCE_KEY } from '../../core.module';
import { clientMetadataFor } from '../clients/client-metadata';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { SigningKeysService } from '../keys/signing-keys.service';
import { claimsOf } from './account-claims';
import { createProvider, PORTAL_CLIENT_ID } from './create-provider';
import { TypeOrmAdapter } from './typeorm-adapter';

/** How often a running process checks whether `keys rotate` changed the published key set. */
const KEY_CHECK_INTERVAL_MS = 30_000;

type Handler = (req: Request, res: Response) => void;

/**
 * Owns the oidc-provider instance. The provider keeps nothing but configuration in memory, so when
 * another process (or the CLI) rotates the signing keys, this one builds a fresh provider with the
 * new key set and swaps it in; requests in flight finish on the old one.
 */
@Injectable()
export class OidcProviderHost implements OnApplicationShutdown {
  private readonly logger = new Logger('OidcProvider');
  private current?: { provider: Provider; handler: Handler; keysVersion: string };
  private timer?: NodeJS.Timeout;
  private readonly markerKey: Buffer;
  private readonly authorizationListeners: Array<(ctx: KoaContextWithOIDC) => Promise<void>> = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(INSTANCE_KEY) private readonly instanceKey: Buffer,
    private readonly secretBox: SecretBox,
    private readonly clock: Clock,
    private readonly keys: SigningKeysService,
    private readonly entitlements: EntitlementsService,
    private readonly access: AccountAccess,
  ) {
    this.markerKey = Buffer.from(hkdfSync('sha256', instanceKey, Buffer.alloc(0), 'passerelle:implicit-consent', 32));
  }

  get provider(): Provider {
    if (!this.current) throw new Error('OIDC provider used before start()');
    return this.current.provider;
  }

  /** The Express handler mounted at /oidc; always the current provider's. */
  readonly handle: Handler = (req, res) => {
    if (!this.current) throw new Error('OIDC provider used before start()');
    this.current.handler(req, res);
  };

  /** Runs after every successful authorization, on whichever provider instance is current. */
  onAuthorization(listener: (ctx: KoaContextWithOIDC) => Promise<void>): void {
    this.authorizationListeners.push(listener);
  }

  async start(): Promise<void> {
    await this.keys.ensureActiveKeys();
    await this.reload();
    this.timer = setInterval(() => void this.reloadIfKeysChanged(), KEY_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async reloadIfKeysChanged(): Promise<void> {
    try {
      if ((await this.keys.version()) !== this.current?.keysVersion) await this.reload();
    } catch (error) {
      this.logger.warn(`Could not check the signing keys: ${(error as Error).message}`);
    }
  }

  private async reload(): Promise<void> {
    const keysVersion = await this.keys.version();
    const provider = createProvider({
      publicUrl: this.config.publicUrl,
      jwks: await this.keys.privateJwks(),
      cookieKeys: [Buffer.from(hkdfSync('sha256', this.instanceKey, Buffer.alloc(0), 'passerelle:oidc-cookies', 32)).toString('base64url')],
      secureCookies: this.config.publicUrl.startsWith('https:'),
      trustProxy: this.config.trustProxy !== false,
      adapter: (model) => new TypeOrmAdapter(model, this.dataSource, this.clock, (id) => this.findClient(id)),
      findAccount: async (ctx, sub, token) => {
        const user = await this.dataSource.getRepository(UserEntity).findOne({ where: { id: sub }, relations: { groups: true } });
        // A disabled account, or one whose access window is closed (a guest's end), has no claims:
        // its tokens stop working at once, wherever they are used.
        if (!this.access.usable(user)) return undefined;
        // Nor has a person for an app they may no longer use (removed from its group): the code,
        // refresh token or access token is refused (invalid_grant / invalid_token).
        const clientId = token && 'clientId' in token ? token.clientId : undefined;
        if (clientId && !(await this.entitlements.mayUseClient(user.id, clientId))) return undefined;
        return { accountId: user.id, claims: async (use) => withAccessTokenHash(claimsOf(user), use, ctx) };
      },
      mayUseClient: (accountId, clientId) => this.entitlements.mayUseClient(accountId, clientId),
      onAuthorization: (ctx) => {
        for (const listener of this.authorizationListeners) {
          listener(ctx).catch((error: Error) => this.logger.warn(`After authorization: ${error.message}`));
        }
      },
      isFirstParty: (clientId) => this.isFirstParty(clientId),
      implicitConsentMarker: (clientId) => this.implicitConsentMarker(clientId),
    });
    this.current = { provider, handler: provider.callback() as unknown as Handler, keysVersion };
  }

  /**
   * The value of the implicit-consent marker for an app: an HMAC under the instance key, so a
   * marker an app (or anyone) puts in a request itself never matches.
   */
  implicitConsentMarker(clientId: string): string {
    return createHmac('sha256', this.markerKey).update(clientId).digest('base64url');
  }

  async isFirstParty(clientId: string): Promise<boolean> {
    return clientId === PORTAL_CLIENT_ID || (await this.findClientEntity(clientId))?.firstParty === true;
  }

  private async findClientEntity(clientId: string): Promise<OidcClientEntity | null> {
    return this.dataSource.getRepository(OidcClientEntity).findOneBy({ clientId });
  }

  private async findClient(clientId: string): Promise<AdapterPayload | undefined> {
    const entity = await this.findClientEntity(clientId);
    return entity ? (clientMetadataFor(entity, this.secretBox) as AdapterPayload) : undefined;
  }
}

/**
 * oidc-provider adds at_hash only to front-channel ID tokens. Apps that check it (and the tests
 * that verify ID tokens) get it from the token endpoint too: an ID token issued beside an access
 * token carries that token's value as `at_hash`, which the provider hashes with the signing
 * algorithm's digest when it signs (left half, base64url — OIDC Core 3.1.3.6).
 */
function withAccessTokenHash(claims: AccountClaims, use: string, ctx: KoaContextWithOIDC | undefined): AccountClaims {
  const accessToken = use === 'id_token' ? ctx?.oidc?.entities?.AccessToken : undefined;
  return accessToken?.jti ? { ...claims, at_hash: accessToken.jti } : claims;
}
