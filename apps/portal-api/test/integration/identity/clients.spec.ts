import type { CreateAppRequest } from '@passerelle/contracts';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { AppError } from '../../../src/app/http/app-error';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { clientMetadataFor } from '../../../src/app/identity/clients/client-metadata';
import { ClientsService } from '../../../src/app/identity/clients/clients.service';
import { OidcClientEntity } from '../../../src/app/identity/entities/oidc-client.entity';
import { OidcPayloadEntity } from '../../../src/app/identity/entities/oidc-payload.entity';
import { SecretBox } from '../../../src/infra/crypto/secret-box';
import { usePortal } from '../../support/test-portal';

/**
 * The registry of apps (OIDC clients), through ClientsService on a real database of the TEST_DB
 * kind. (The HTTP routes sit behind the admin session; see clients-http.spec.ts.)
 */
describe('App registry (ClientsService)', () => {
  const portal = usePortal();
  const clients = () => portal.app.get(ClientsService);
  const box = () => portal.app.get(SecretBox);
  const row = (clientId: string) => portal.dataSource.getRepository(OidcClientEntity).findOneByOrFail({ clientId });
  const auditOf = (type: string, subject: string) => portal.dataSource.getRepository(AuditEventEntity).findBy({ type, subject });
  const wiki: CreateAppRequest = {
    name: 'Wiki (Équipe IT)',
    redirectUris: ['https://wiki.example.com/oidc/callback', 'http://localhost:8080/callback'],
    postLogoutRedirectUris: ['https://wiki.example.com/'],
    initiateLoginUri: 'https://wiki.example.com/oidc/login',
    backchannelLogoutUri: 'https://wiki.example.com/oidc/backchannel',
    scopes: ['alerts:write'],
    idTokenSigningAlg: 'ES256',
  };

  async function failureOf(work: Promise<unknown>): Promise<AppError> {
    try {
      await work;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected an AppError');
  }

  it('registers a confidential app: the secret is returned once and only its sealed copy is stored', async () => {
    const created = await clients().create(wiki, 'admin-1', CLI_CONTEXT);
    expect(created.clientId).toMatch(/^wiki-equipe-it-[a-z0-9]{6}$/);
    expect(created.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(created).toEqual(
      jasmine.objectContaining({
        name: 'Wiki (Équipe IT)',
        public: false,
        firstParty: true,
        redirectUris: wiki.redirectUris,
        postLogoutRedirectUris: ['https://wiki.example.com/'],
        initiateLoginUri: 'https://wiki.example.com/oidc/login',
        backchannelLogoutUri: 'https://wiki.example.com/oidc/backchannel',
        scopes: ['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write'],
        idTokenSigningAlg: 'ES256',
      }),
    );

    const stored = await row(created.clientId);
    expect(JSON.stringify(stored)).not.toContain(created.clientSecret as string);
    expect(stored.secretSealed).toMatch(/^v1\./);
    expect(box().open(stored.secretSealed as string, 'client-secret')).toBe(created.clientSecret as string);

    // What the oidc-provider adapter will hand the provider.
    expect(clientMetadataFor(stored, box())).toEqual({
      client_id: created.clientId,
      client_secret: created.clientSecret,
      client_name: 'Wiki (Équipe IT)',
      redirect_uris: wiki.redirectUris,
      post_logout_redirect_uris: ['https://wiki.example.com/'],
      initiate_login_uri: 'https://wiki.example.com/oidc/login',
      backchannel_logout_uri: 'https://wiki.example.com/oidc/backchannel',
      backchannel_logout_session_required: true,
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
      scope: 'openid profile email groups offline_access alerts:write',
    });
    const audit = await auditOf('app.created', created.clientId);
    expect(audit.map((e) => [e.outcome, e.actor])).toEqual([['success', 'admin-1']]);
  });

  it('lists and shows apps without any secret', async () => {
    const created = await clients().create({ name: 'Chat', redirectUris: ['https://chat.example.com/cb'] }, 'admin-1', CLI_CONTEXT);
    const listed = await clients().list();
    const { clientSecret, ...withoutSecret } = created;
    expect(listed).toContain(withoutSecret);
    expect(JSON.stringify(listed)).not.toContain(clientSecret as string);
    expect(listed.every((app) => !('clientSecret' in app))).toBeTrue();
    expect(await clients().get(created.clientId)).toEqual(withoutSecret);
    expect((await failureOf(clients().get('nope-000000'))).status).toBe(404);
  });

  it('registers a public app without a secret, which has nothing to rotate', async () => {
    const created = await clients().create({ name: 'Mobile', redirectUris: ['https://m.example.com/cb'], public: true }, 'admin-1', CLI_CONTEXT);
    expect(created.public).toBeTrue();
    expect('clientSecret' in created).toBeFalse();
    const stored = await row(created.clientId);
    expect(stored.secretSealed).toBeNull();
    const metadata = clientMetadataFor(stored, box());
    expect(metadata['token_endpoint_auth_method']).toBe('none');
    expect(metadata['grant_types']).toEqual(['authorization_code', 'refresh_token']);
    expect('client_secret' in metadata).toBeFalse();

    const refused = await failureOf(clients().rotateSecret(created.clientId, 'admin-1', CLI_CONTEXT));
    expect([refused.status, refused.code]).toEqual([400, 'bad_request']);
    expect(await auditOf('app.secret_rotated', created.clientId)).toEqual([]);
  });

  it('refuses bad URLs, names and scopes field by field, and stores nothing', async () => {
    const before = await portal.dataSource.getRepository(OidcClientEntity).count();
    const refused = await failureOf(
      clients().create(
        { name: '', redirectUris: ['http://wiki.example.com/cb', 'https://wiki.example.com/cb#x'], postLogoutRedirectUris: ['/'], scopes: ['root'] },
        'admin-1',
        CLI_CONTEXT,
      ),
    );
    expect([refused.status, refused.code]).toEqual([400, 'validation_failed']);
    expect(Object.keys(refused.fields ?? {}).sort()).toEqual(['name', 'postLogoutRedirectUris', 'redirectUris', 'scopes']);
    expect(refused.fields?.['redirectUris']).toEqual([
      jasmine.stringMatching(/^http:\/\/wiki\.example\.com\/cb: Use https:\/\//),
      jasmine.stringMatching(/fragment/),
    ]);
    const none = await failureOf(clients().create({ name: 'Wiki', redirectUris: [] }, 'admin-1', CLI_CONTEXT));
    expect(none.fields?.['redirectUris']).toEqual(['Enter at least one URL.']);
    expect(await portal.dataSource.getRepository(OidcClientEntity).count()).toBe(before);
  });

  it('rotates a secret: the new one is returned once and replaces the old one', async () => {
    const created = await clients().create({ name: 'Wiki', redirectUris: ['https://wiki.example.com/cb'] }, 'admin-1', CLI_CONTEXT);
    const rotated = await clients().rotateSecret(created.clientId, 'admin-2', CLI_CONTEXT);
    expect(rotated.clientId).toBe(created.clientId);
    expect(rotated.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(rotated.clientSecret).not.toBe(created.clientSecret as string);
    const stored = await row(created.clientId);
    expect(clientMetadataFor(stored, box())['client_secret']).toBe(rotated.clientSecret);
    expect(JSON.stringify(stored)).not.toContain(rotated.clientSecret as string);
    expect((await auditOf('app.secret_rotated', created.clientId)).map((e) => e.actor)).toEqual(['admin-2']);
    expect((await failureOf(clients().rotateSecret('nope-000000', 'admin-2', CLI_CONTEXT))).status).toBe(404);
  });

  it('deletes an app with every code, token and grant issued to it, and nothing of other apps', async () => {
    const doomed = await clients().create({ name: 'Doomed', redirectUris: ['https://d.example.com/cb'] }, 'admin-1', CLI_CONTEXT);
    const other = await clients().create({ name: 'Other', redirectUris: ['https://o.example.com/cb'] }, 'admin-1', CLI_CONTEXT);
    const payload = (model: string, id: string, clientId: string) => ({
      model,
      id,
      payload: JSON.stringify({ jti: id, kind: model, clientId, accountId: 'u1' }),
      grantId: null,
      userCode: null,
      uid: null,
      accountId: 'u1',
      expiresAt: null,
      consumedAt: null,
    });
    await portal.dataSource.transaction((tx) =>
      tx.insert(OidcPayloadEntity, [
        ...['AccessToken', 'RefreshToken', 'AuthorizationCode', 'ClientCredentials', 'Grant'].map((m) => payload(m, `d-${m}`, doomed.clientId)),
        payload('AccessToken', 'o-at', other.clientId),
        payload('AccessToken', 'prefix-at', `${doomed.clientId}x`), // an id that merely starts the same
        payload('Session', 'sess', doomed.clientId), // sessions are the person's, not the app's
      ]),
    );

    await clients().delete(doomed.clientId, 'admin-1', CLI_CONTEXT);

    expect((await failureOf(clients().get(doomed.clientId))).status).toBe(404);
    expect(await clients().findEntity(doomed.clientId)).toBeNull();
    expect((await clients().list()).map((a) => a.clientId)).not.toContain(doomed.clientId);
    const left = await portal.dataSource.getRepository(OidcPayloadEntity).find({ order: { id: 'ASC' } });
    expect(left.map((p) => p.id)).toEqual(['o-at', 'prefix-at', 'sess']);
    const audit = await auditOf('app.deleted', doomed.clientId);
    expect(audit.length).toBe(1);
    expect(JSON.parse(audit[0].details)).toEqual({ name: 'Doomed', artefacts: 5 });
    expect((await failureOf(clients().delete(doomed.clientId, 'admin-1', CLI_CONTEXT))).status).toBe(404);
  });
});
