import type { CreateAppRequest } from '@passerelle/contracts';
import { SecretBox } from '../../../infra/crypto/secret-box';
import { OidcClientEntity } from '../entities/oidc-client.entity';
import { apiScopeProblems, apiScopesOf, appRequestProblems, clientMetadataFor, metadataFor, scopeWith, toAppClient } from './client-metadata';

const wiki: CreateAppRequest = { name: ' Wiki ', redirectUris: ['https://wiki.example.com/cb'] };

function entityOf(input: CreateAppRequest, secretSealed: string | null): OidcClientEntity {
  return Object.assign(new OidcClientEntity(), {
    clientId: 'wiki-k3f9qa',
    name: input.name.trim(),
    metadata: JSON.stringify(metadataFor(input)),
    secretSealed,
    firstParty: true,
    createdAt: new Date('2026-01-02T03:04:05Z'),
    updatedAt: new Date('2026-01-02T03:04:05Z'),
  });
}

describe('New app requests (appRequestProblems)', () => {
  it('accepts a minimal request', () => {
    expect(appRequestProblems(wiki)).toEqual({});
  });

  it('reports each bad field under its request name', () => {
    const problems = appRequestProblems({
      name: ' ',
      redirectUris: ['http://wiki.example.com/cb'],
      postLogoutRedirectUris: ['wiki'],
      initiateLoginUri: 'http://localhost/login',
      backchannelLogoutUri: 'https://wiki.example.com/bc#x',
      scopes: ['alerts:write', 'admin'],
      idTokenSigningAlg: 'HS256' as never,
    });
    expect(Object.keys(problems).sort()).toEqual(
      ['backchannelLogoutUri', 'idTokenSigningAlg', 'initiateLoginUri', 'name', 'postLogoutRedirectUris', 'redirectUris', 'scopes'].sort(),
    );
    expect(problems['name']).toEqual(['Enter a name of 1 to 80 characters.']);
    expect(problems['scopes']).toEqual(['admin: choose scopes among alerts:write, users:read.']);
    expect(appRequestProblems({ ...wiki, name: 'x'.repeat(81) })['name']).toBeDefined();
    expect(appRequestProblems({ ...wiki, redirectUris: [] })['redirectUris']).toEqual(['Enter at least one URL.']);
  });
});

describe('Client metadata', () => {
  it('makes a confidential code-flow client by default', () => {
    expect(metadataFor({ ...wiki, scopes: ['alerts:write', 'alerts:write'] })).toEqual({
      client_name: 'Wiki',
      redirect_uris: ['https://wiki.example.com/cb'],
      post_logout_redirect_uris: [],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'RS256',
      scope: 'openid profile email groups offline_access alerts:write',
    });
  });

  it('makes a public client without client_credentials, and asks for back-channel logout with the session id', () => {
    const metadata = metadataFor({ ...wiki, public: true, idTokenSigningAlg: 'EdDSA', backchannelLogoutUri: 'https://wiki.example.com/bc', initiateLoginUri: 'https://wiki.example.com/login' });
    expect(metadata.grant_types).toEqual(['authorization_code', 'refresh_token']);
    expect(metadata.token_endpoint_auth_method).toBe('none');
    expect(metadata.id_token_signed_response_alg).toBe('EdDSA');
    expect(metadata.backchannel_logout_uri).toBe('https://wiki.example.com/bc');
    expect(metadata.backchannel_logout_session_required).toBeTrue();
    expect(metadata.initiate_login_uri).toBe('https://wiki.example.com/login');
  });

  it('gives oidc-provider the metadata with client_id and the opened secret', () => {
    const box = new SecretBox(Buffer.alloc(32, 7));
    const confidential = clientMetadataFor(entityOf(wiki, box.seal('s3cret', 'client-secret')), box);
    expect(confidential).toEqual(jasmine.objectContaining({ client_id: 'wiki-k3f9qa', client_secret: 's3cret', client_name: 'Wiki' }));
    const publicClient = clientMetadataFor(entityOf({ ...wiki, public: true }, null), box);
    expect(publicClient['client_id']).toBe('wiki-k3f9qa');
    expect('client_secret' in publicClient).toBeFalse();
  });

  it('shows administrators the app without any secret', () => {
    const app = toAppClient(entityOf({ ...wiki, scopes: ['users:read'] }, 'v1.sealed'));
    expect(app).toEqual({
      clientId: 'wiki-k3f9qa',
      name: 'Wiki',
      public: false,
      firstParty: true,
      redirectUris: ['https://wiki.example.com/cb'],
      postLogoutRedirectUris: [],
      initiateLoginUri: null,
      backchannelLogoutUri: null,
      scopes: ['openid', 'profile', 'email', 'groups', 'offline_access', 'users:read'],
      idTokenSigningAlg: 'RS256',
      createdAt: '2026-01-02T03:04:05.000Z',
    });
  });
});

describe('Replacing an app’s API scopes', () => {
  it('accepts known API scopes only, and says which ones are not', () => {
    expect(apiScopeProblems([])).toEqual([]);
    expect(apiScopeProblems(['users:read', 'alerts:write'])).toEqual([]);
    expect(apiScopeProblems(['alerts:write', 'openid', 'root'])).toEqual(['openid, root: choose scopes among alerts:write, users:read.']);
    expect(apiScopeProblems('alerts:write')).toEqual(['Enter a list of scopes.']);
    expect(apiScopeProblems(undefined)).toEqual(['Enter a list of scopes.']);
  });

  it('keeps the OIDC scopes first and each API scope once; reads the API scopes back in a stable order', () => {
    expect(scopeWith([])).toBe('openid profile email groups offline_access');
    expect(scopeWith(['users:read', 'alerts:write', 'users:read'])).toBe('openid profile email groups offline_access users:read alerts:write');
    expect(apiScopesOf({ scope: 'openid profile email groups offline_access users:read alerts:write' })).toEqual(['alerts:write', 'users:read']);
    expect(apiScopesOf({ scope: 'openid profile' })).toEqual([]);
  });
});
