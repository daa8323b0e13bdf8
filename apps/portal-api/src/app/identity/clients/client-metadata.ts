import { ApiScopes, OidcScopes, type ApiScope, type AppClient, type CreateAppRequest, type SigningAlgorithm } from '@passerelle/contracts';
import type { SecretBox } from '../../../infra/crypto/secret-box';
import type { OidcClientEntity } from '../entities/oidc-client.entity';
import { uriListProblems, uriProblem } from './client-uris';

export const APP_NAME_MAX_LENGTH = 80;
export const SIGNING_ALGORITHMS: readonly SigningAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];
export const DEFAULT_SIGNING_ALGORITHM: SigningAlgorithm = 'RS256';
/** SecretBox purpose of client secrets (also used by the oidc-provider adapter through clientMetadataFor). */
export const CLIENT_SECRET_PURPOSE = 'client-secret';

/** What `metadata` holds: oidc-provider client metadata, snake_case, without client_id and secret. */
export interface StoredClientMetadata {
  client_name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  initiate_login_uri?: string;
  backchannel_logout_uri?: string;
  backchannel_logout_session_required?: true;
  grant_types: string[];
  response_types: ['code'];
  token_endpoint_auth_method: 'client_secret_basic' | 'none';
  id_token_signed_response_alg: SigningAlgorithm;
  scope: string;
}

/** Per-field problems of a new app (empty when all is well); field names are those of CreateAppRequest. */
export function appRequestProblems(input: CreateAppRequest): Record<string, string[]> {
  const problems: Record<string, string[]> = {};
  const add = (field: keyof CreateAppRequest, messages: string[]) => {
    if (messages.length) problems[field] = messages;
  };
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  add('name', name.length < 1 || name.length > APP_NAME_MAX_LENGTH ? [`Enter a name of 1 to ${APP_NAME_MAX_LENGTH} characters.`] : []);
  add('redirectUris', uriListProblems(input.redirectUris, { required: true }));
  add('postLogoutRedirectUris', uriListProblems(input.postLogoutRedirectUris, { required: false }));
  // oidc-provider refuses a client whose initiate_login_uri is not https, even on localhost.
  add('initiateLoginUri', optionalUriProblems(input.initiateLoginUri, { httpsOnly: true }));
  add('backchannelLogoutUri', optionalUriProblems(input.backchannelLogoutUri, {}));
  if (input.scopes !== undefined) add('scopes', apiScopeProblems(input.scopes));
  if (input.idTokenSigningAlg !== undefined && !SIGNING_ALGORITHMS.includes(input.idTokenSigningAlg)) {
    add('idTokenSigningAlg', [`Choose ${SIGNING_ALGORITHMS.join(', ')}.`]);
  }
  if (input.public !== undefined && typeof input.public !== 'boolean') add('public', ['Answer true or false.']);
  return problems;
}

/** Problems of a list of extra API scopes (at creation or when an app's scopes are replaced). */
export function apiScopeProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ['Enter a list of scopes.'];
  const unknown = value.filter((s) => !(ApiScopes as readonly unknown[]).includes(s));
  return unknown.length ? [`${unknown.map(String).join(', ')}: choose scopes among ${ApiScopes.join(', ')}.`] : [];
}

/** The `scope` metadata of an app with these extra API scopes: the OIDC ones first, then each API scope once. */
export function scopeWith(apiScopes: readonly string[]): string {
  return [...OidcScopes, ...new Set(apiScopes)].join(' ');
}

/** The extra API scopes an app was granted (its scope metadata without the OIDC ones), in ApiScopes order. */
export function apiScopesOf(metadata: Pick<StoredClientMetadata, 'scope'>): ApiScope[] {
  const granted = new Set((metadata.scope ?? '').split(' '));
  return ApiScopes.filter((scope) => granted.has(scope));
}

function optionalUriProblems(value: string | undefined, rule: { httpsOnly?: boolean }): string[] {
  if (value === undefined || value === null) return [];
  const problem = uriProblem(value, rule);
  return problem ? [problem] : [];
}

/** The stored metadata of a valid new app: a code-flow client, confidential unless `public`. */
export function metadataFor(input: CreateAppRequest): StoredClientMetadata {
  const isPublic = input.public === true;
  return {
    client_name: input.name.trim(),
    redirect_uris: [...input.redirectUris],
    post_logout_redirect_uris: [...(input.postLogoutRedirectUris ?? [])],
    ...(input.initiateLoginUri ? { initiate_login_uri: input.initiateLoginUri } : {}),
    ...(input.backchannelLogoutUri ? { backchannel_logout_uri: input.backchannelLogoutUri, backchannel_logout_session_required: true as const } : {}),
    // A public client can't keep a secret, so it can't authenticate for client_credentials.
    grant_types: isPublic ? ['authorization_code', 'refresh_token'] : ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    token_endpoint_auth_method: isPublic ? 'none' : 'client_secret_basic',
    id_token_signed_response_alg: input.idTokenSigningAlg ?? DEFAULT_SIGNING_ALGORITHM,
    scope: scopeWith(input.scopes ?? []),
  };
}

export function readMetadata(entity: OidcClientEntity): StoredClientMetadata {
  return JSON.parse(entity.metadata) as StoredClientMetadata;
}

/**
 * The client as oidc-provider wants it (its adapter's `find` for the Client model): the stored
 * metadata plus client_id and, for confidential clients, the secret opened from its sealed copy.
 */
export function clientMetadataFor(entity: OidcClientEntity, secretBox: SecretBox): Record<string, unknown> {
  return {
    ...(JSON.parse(entity.metadata) as Record<string, unknown>),
    client_id: entity.clientId,
    ...(entity.secretSealed !== null ? { client_secret: secretBox.open(entity.secretSealed, CLIENT_SECRET_PURPOSE) } : {}),
  };
}

/** The administrators' view of an app: never the secret. */
export function toAppClient(entity: OidcClientEntity): AppClient {
  const metadata = readMetadata(entity);
  return {
    clientId: entity.clientId,
    name: entity.name,
    public: metadata.token_endpoint_auth_method === 'none',
    firstParty: entity.firstParty,
    redirectUris: metadata.redirect_uris ?? [],
    postLogoutRedirectUris: metadata.post_logout_redirect_uris ?? [],
    initiateLoginUri: metadata.initiate_login_uri ?? null,
    backchannelLogoutUri: metadata.backchannel_logout_uri ?? null,
    scopes: (metadata.scope ?? '').split(' ').filter(Boolean),
    idTokenSigningAlg: metadata.id_token_signed_response_alg ?? DEFAULT_SIGNING_ALGORITHM,
    createdAt: new Date(entity.createdAt).toISOString(),
  };
}
