import { DataSource } from 'typeorm';
import { errors } from '../../../src/app/identity/oidc/oidc-provider-module';
import { TypeOrmAdapter } from '../../../src/app/identity/oidc/typeorm-adapter';
import { OidcPayloadEntity } from '../../../src/app/identity/entities/oidc-payload.entity';
import { Clock } from '../../../src/infra/clock';
import { usePortal } from '../../support/test-portal';

/**
 * The contract oidc-provider expects of an adapter (its seven methods), against the real database —
 * this suite runs on SQLite and on PostgreSQL.
 */
describe('oidc-provider TypeORM adapter', () => {
  const portal = usePortal();
  let now: Date;
  let serial = 0;

  const clients = async (id: string) => (id === 'known-app' ? { client_id: 'known-app', redirect_uris: ['https://app.example/cb'] } : undefined);
  const adapter = (model: string) => new TypeOrmAdapter(model, portal.app.get(DataSource), portal.app.get(Clock), clients);
  const unique = (prefix: string) => `${prefix}-${(serial += 1)}-${Math.random().toString(36).slice(2)}`;

  beforeEach(() => {
    now = new Date('2031-01-01T10:00:00.000Z');
    spyOn(portal.app.get(Clock), 'now').and.callFake(() => new Date(now));
  });

  it('upsert then find returns the payload; a second upsert replaces it', async () => {
    const tokens = adapter('AccessToken');
    const id = unique('at');
    await tokens.upsert(id, { jti: id, kind: 'AccessToken', accountId: 'u1', grantId: 'g1', scope: 'openid' }, 600);
    expect(await tokens.find(id)).toEqual(jasmine.objectContaining({ jti: id, accountId: 'u1', scope: 'openid' }));
    await tokens.upsert(id, { jti: id, kind: 'AccessToken', accountId: 'u1', grantId: 'g1', scope: 'openid email' }, 600);
    expect((await tokens.find(id))?.scope).toBe('openid email');
    expect(await adapter('RefreshToken').find(id)).withContext('models are separate namespaces').toBeUndefined();
    expect(await tokens.find('no-such-token')).toBeUndefined();
  });

  it('find returns nothing once expiresIn has passed (by the injected clock)', async () => {
    const tokens = adapter('AccessToken');
    const id = unique('at');
    await tokens.upsert(id, { jti: id, kind: 'AccessToken' }, 60);
    now = new Date(now.getTime() + 59_000);
    expect(await tokens.find(id)).toBeDefined();
    now = new Date(now.getTime() + 1_000);
    expect(await tokens.find(id)).toBeUndefined();
  });

  it('findByUid finds a session by its uid', async () => {
    const sessions = adapter('Session');
    const id = unique('sess');
    const uid = unique('uid');
    await sessions.upsert(id, { jti: id, uid, accountId: 'u1', kind: 'Session' }, 3600);
    expect((await sessions.findByUid(uid))?.jti).toBe(id);
    expect(await sessions.findByUid('nobody')).toBeUndefined();
    const row = await portal.app.get(DataSource).getRepository(OidcPayloadEntity).findOneByOrFail({ model: 'Session', id });
    expect(row.accountId).withContext('account id is indexed for the sessions list').toBe('u1');
  });

  it('findByUserCode finds a device code by its user code', async () => {
    const codes = adapter('DeviceCode');
    const id = unique('dc');
    const userCode = unique('ABCD');
    await codes.upsert(id, { jti: id, userCode, kind: 'DeviceCode' }, 600);
    expect((await codes.findByUserCode(userCode))?.jti).toBe(id);
    expect(await codes.findByUserCode('WXYZ')).toBeUndefined();
  });

  it('consume marks the artefact consumed (epoch seconds of the clock)', async () => {
    const codes = adapter('AuthorizationCode');
    const id = unique('code');
    await codes.upsert(id, { jti: id, kind: 'AuthorizationCode', grantId: unique('g') }, 60);
    expect((await codes.find(id))?.consumed).toBeUndefined();
    await codes.consume(id);
    expect((await codes.find(id))?.consumed).toBe(Math.floor(now.getTime() / 1000));
  });

  it('a second consume of a refresh token fails with invalid_grant and revokes the whole grant', async () => {
    const grantId = unique('grant');
    const refresh = adapter('RefreshToken');
    const access = adapter('AccessToken');
    const id = unique('rt');
    const accessId = unique('at');
    await refresh.upsert(id, { jti: id, kind: 'RefreshToken', grantId }, 3600);
    await access.upsert(accessId, { jti: accessId, kind: 'AccessToken', grantId }, 600);
    await refresh.consume(id);
    await expectAsync(refresh.consume(id)).toBeRejectedWith(jasmine.any(errors.InvalidGrant));
    expect(await refresh.find(id)).toBeUndefined();
    expect(await access.find(accessId)).toBeUndefined();
  });

  it('concurrent consumes of one refresh token: exactly one wins', async () => {
    const refresh = adapter('RefreshToken');
    const id = unique('rt');
    await refresh.upsert(id, { jti: id, kind: 'RefreshToken', grantId: unique('grant') }, 3600);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => refresh.consume(id)));
    expect(results.filter((r) => r.status === 'fulfilled').length).toBe(1);
  });

  it('destroy removes one artefact', async () => {
    const sessions = adapter('Session');
    const [a, b] = [unique('s'), unique('s')];
    await sessions.upsert(a, { jti: a, uid: unique('u'), kind: 'Session' }, 3600);
    await sessions.upsert(b, { jti: b, uid: unique('u'), kind: 'Session' }, 3600);
    await sessions.destroy(a);
    expect(await sessions.find(a)).toBeUndefined();
    expect(await sessions.find(b)).toBeDefined();
  });

  it('revokeByGrantId removes every artefact of that grant, whatever its model, and nothing else', async () => {
    const grantId = unique('grant');
    const other = unique('grant');
    const ids = { grant: unique('g'), at: unique('at'), rt: unique('rt'), code: unique('c'), keep: unique('at') };
    await adapter('Grant').upsert(ids.grant, { jti: ids.grant, kind: 'Grant', grantId }, 3600);
    await adapter('AccessToken').upsert(ids.at, { jti: ids.at, kind: 'AccessToken', grantId }, 600);
    await adapter('RefreshToken').upsert(ids.rt, { jti: ids.rt, kind: 'RefreshToken', grantId }, 3600);
    await adapter('AuthorizationCode').upsert(ids.code, { jti: ids.code, kind: 'AuthorizationCode', grantId }, 60);
    await adapter('AccessToken').upsert(ids.keep, { jti: ids.keep, kind: 'AccessToken', grantId: other }, 600);
    await adapter('AccessToken').revokeByGrantId(grantId);
    expect(await adapter('Grant').find(ids.grant)).toBeUndefined();
    expect(await adapter('AccessToken').find(ids.at)).toBeUndefined();
    expect(await adapter('RefreshToken').find(ids.rt)).toBeUndefined();
    expect(await adapter('AuthorizationCode').find(ids.code)).toBeUndefined();
    expect(await adapter('AccessToken').find(ids.keep)).toBeDefined();
  });

  it('clients come from the apps administrators registered, and cannot be written through the provider', async () => {
    expect(await adapter('Client').find('known-app')).toEqual(jasmine.objectContaining({ client_id: 'known-app' }));
    expect(await adapter('Client').find('unknown-app')).toBeUndefined();
    await expectAsync(adapter('Client').upsert('x', { client_id: 'x' })).toBeRejected();
  });

  it('what it stores survives a new adapter instance (another process reads the same rows)', async () => {
    const id = unique('grant');
    await adapter('Grant').upsert(id, { jti: id, kind: 'Grant', accountId: 'u9', openid: { scope: 'openid email' } }, 3600);
    const fresh = new TypeOrmAdapter('Grant', portal.app.get(DataSource), new Clock(), clients);
    expect(await fresh.find(id)).toEqual(jasmine.objectContaining({ accountId: 'u9', openid: { scope: 'openid email' } }));
  });
});
