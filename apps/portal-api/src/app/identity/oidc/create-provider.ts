import type { Adapter, Configuration, FindAccount, KoaContextWithOIDC } from 'oidc-provider';
import { interactionPolicy, Provider } from './oidc-provider-module';
import type { JWK } from 'jose';
import { ApiScopes } from '@passerelle/contracts';
import { errorPage, logoutPage, signedOutPage } from './provider-pages';
import * as ttl from './token-lifetimes';

/** Marks an authorization request whose consent prompt Passerelle added itself (see implicit-consent.ts). */
export const IMPLICIT_CONSENT_PARAM = 'psl_implicit_consent';

/** The portal's own client: it only establishes the session (response_type=none), never gets tokens. */
export const PORTAL_CLIENT_ID = 'passerelle-portal';
export const PORTAL_CALLBACK_PATH = '/api/auth/callback';

export const ACR_PASSWORD = 'urn:passerelle:loa:pwd';
export const ACR_MFA = 'urn:passerelle:loa:mfa';

/** The prompt shown (as sign-in step `no-access`) to a signed-in person who may not use the app. */
export const NO_ACCESS_PROMPT = 'no_access';

export interface ProviderOptions {
  publicUrl: string;
  jwks: { keys: JWK[] };
  /** HMAC keys for the provider's signed cookies. */
  cookieKeys: string[];
  secureCookies: boolean;
  trustProxy: boolean;
  adapter: (model: string) => Adapter;
  findAccount: FindAccount;
  /** First-party apps (registered by an administrator) are signed in to without a consent screen. */
  isFirstParty: (clientId: string) => Promise<boolean>;
  /** What IMPLICIT_CONSENT_PARAM must hold for this app when Passerelle set it (see implicit-consent.ts). */
  implicitConsentMarker: (clientId: string) => string;
  /** May this person use this client? (Catalog entitlements; clients outside the catalog: yes.) */
  mayUseClient: (accountId: string, clientId: string) => Promise<boolean>;
  /** Called after each successful authorization (the browser's session now covers that app). */
  onAuthorization: (ctx: KoaContextWithOIDC) => void;
}

export function issuerFor(publicUrl: string): string {
  return `${publicUrl.replace(/\/$/, '')}/oidc`;
}

export function createProvider(options: ProviderOptions): InstanceType<typeof Provider> {
  const configuration: Configuration = {
    adapter: options.adapter,
    findAccount: options.findAccount,
    jwks: options.jwks as Configuration['jwks'],
    clients: [
      {
        client_id: PORTAL_CLIENT_ID,
        client_name: 'Passerelle',
        redirect_uris: [`${options.publicUrl}${PORTAL_CALLBACK_PATH}`],
        post_logout_redirect_uris: [`${options.publicUrl}/`],
        response_types: ['none'],
        grant_types: [],
        token_endpoint_auth_method: 'none',
      },
    ],
    claims: {
      // Replacing the provider's default `claims` drops its standalone claims: keep them, and release
      // how the person signed in (acr, amr, auth_time) in every ID token, not only when asked for.
      acr: null,
      auth_time: null,
      iss: null,
      sid: null,
      // at_hash: see withAccessTokenHash in oidc-provider.host.ts.
      openid: ['sub', 'acr', 'amr', 'auth_time', 'at_hash'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name', 'locale'],
      groups: ['groups'],
    },
    scopes: ['openid', 'offline_access', ...ApiScopes],
    acrValues: [ACR_MFA, ACR_PASSWORD],
    responseTypes: ['code', 'none'],
    extraParams: [IMPLICIT_CONSENT_PARAM],
    // Simple apps read the profile from the ID token; they need not call userinfo.
    conformIdTokenClaims: false,
    cookies: {
      keys: options.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, signed: true },
      short: { httpOnly: true, sameSite: 'lax', secure: options.secureCookies, signed: true },
    },
    pkce: {
      // S256 only (the provider's default); mandatory for public clients, which have no secret.
      required: (_ctx, client) => client.clientAuthMethod === 'none',
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: {
        enabled: true,
        // A confidential app may introspect any token (resource servers do); a public one only its own.
        // A disabled person's tokens introspect as inactive, like everywhere else (findAccount finds nobody).
        // So are tokens of a person who may no longer use the app they were issued to.
        allowedPolicy: async (ctx, client, token) =>
          (client.clientAuthMethod !== 'none' || token.clientId === client.clientId) &&
          (!('accountId' in token) || !token.accountId || (await options.findAccount(ctx, token.accountId, token)) !== undefined),
      },
      revocation: {
        enabled: true,
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => logoutPage(ctx, form),
        postLogoutSuccessSource: async (ctx) => signedOutPage(ctx),
      },
      backchannelLogout: { enabled: true },
    },
    // oidc-provider's default fetch refuses private and loopback addresses (SSRF protection), which
    // silently drops back-channel logouts to intranet apps. Only administrators register the URLs it
    // calls (no dynamic registration, request_uri or client jwks_uri), so those addresses are allowed.
    fetch: (input, init) => {
      const options = { ...init } as RequestInit & { dispatcher?: unknown };
      delete options.dispatcher;
      return globalThis.fetch(input, options);
    },
    clientBasedCORS: (_ctx, origin, client) =>
      [...(client.redirectUris ?? [])].some((uri) => safeOrigin(uri) === origin),
    interactions: {
      policy: interactionPolicyWithEntitlements(options.mayUseClient),
      url: async (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    // Apps registered by an administrator were consented to by the organisation: reuse or create the grant.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (!(await options.isFirstParty(client.clientId))) return existing;
      const implicit = ctx.oidc.params?.[IMPLICIT_CONSENT_PARAM] === options.implicitConsentMarker(client.clientId);
      if (ctx.oidc.prompts.has('consent') && !implicit && !ctx.oidc.result?.consent) return existing;
      const requested = typeof ctx.oidc.params?.['scope'] === 'string' ? (ctx.oidc.params['scope'] as string) : '';
      // Already covers what is asked: no write on every sign-in to an app the person uses daily.
      if (existing && requested.split(' ').every((scope) => !scope || existing.getOIDCScope().split(' ').includes(scope))) return existing;
      const grant = existing ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      if (requested) grant.addOIDCScope(requested);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    // Every refresh rotates; presenting a used refresh token again revokes the grant (reuse detection).
    rotateRefreshToken: true,
    expiresWithSession: async (_ctx, code) => !code.scopes.has('offline_access'),
    ttl: {
      AccessToken: ttl.ACCESS_TOKEN_TTL_SECONDS,
      AuthorizationCode: ttl.AUTHORIZATION_CODE_TTL_SECONDS,
      ClientCredentials: ttl.CLIENT_CREDENTIALS_TTL_SECONDS,
      IdToken: ttl.ID_TOKEN_TTL_SECONDS,
      Interaction: ttl.INTERACTION_TTL_SECONDS,
      RefreshToken: ttl.REFRESH_TOKEN_TTL_SECONDS,
      Session: ttl.SESSION_TTL_SECONDS,
      Grant: ttl.GRANT_TTL_SECONDS,
    },
    renderError: async (ctx, out) => errorPage(ctx, out),
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256', 'ES256', 'EdDSA'],
      userinfoSigningAlgValues: ['RS256', 'ES256', 'EdDSA'],
    },
  };
  const provider = new Provider(issuerFor(options.publicUrl), configuration);
  provider.proxy = options.trustProxy;
  provider.on('authorization.success', options.onAuthorization);
  return provider;
}

/**
 * The provider's own prompts (login, then consent), with one in between: once the person is known —
 * just signed in, or already signed in with a grant, when no prompt would otherwise show — a person
 * who may not use this app gets the `no_access` prompt instead of a code. Nothing resolves it (the
 * interaction only offers to request access or to leave), so no code or token is ever issued; with
 * prompt=none the app hears access_denied.
 */
function interactionPolicyWithEntitlements(mayUseClient: ProviderOptions['mayUseClient']) {
  const { Check, Prompt, base } = interactionPolicy;
  const policy = base();
  // A session whose person can't be used any more (disabled, a guest's access ended — findAccount
  // found nobody): ask for a new sign-in, which then says why it is refused; prompt=none hears
  // login_required. Without this the consent checks fail on the missing account (a server error).
  const accountGone = new Check('account_unusable', 'the End-User account can no longer be used', 'login_required', (ctx) =>
    ctx.oidc.session?.accountId && !ctx.oidc.account ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
  );
  policy.get('login')?.checks.add(accountGone, 0);
  const notEntitled = new Check('not_entitled', 'the End-User may not use this application', 'access_denied', async (ctx) => {
    const accountId = ctx.oidc.session?.accountId;
    const clientId = ctx.oidc.client?.clientId;
    if (!accountId || !clientId) return Check.NO_NEED_TO_PROMPT;
    return (await mayUseClient(accountId, clientId)) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  });
  policy.add(new Prompt({ name: NO_ACCESS_PROMPT, requestable: false }, notEntitled), policy.findIndex((prompt) => prompt.name === 'consent'));
  return policy;
}

function safeOrigin(uri: string): string | undefined {
  try {
    return new URL(uri).origin;
  } catch {
    return undefined;
  }
}
