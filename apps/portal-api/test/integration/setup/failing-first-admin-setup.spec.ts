import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { SetupTokenEntity } from '../../../src/app/setup/entities/setup-token.entity';
import { SetupService } from '../../../src/app/setup/setup.service';
import { getJson, postJson, startTestPortal, firstAdminToken, type TestPortal, checkLink, tokenOf } from '../../support/test-portal';

describe('First administrator setup (failing)', () => {
  let portal: TestPortal;
  let token: string;

  beforeEach(async () => {
    portal = await startTestPortal();
    token = firstAdminToken(portal);
  });
  afterEach(async () => {
    await portal.stop();
  });

  const form = (overrides: Record<string, unknown> = {}) => ({
    token,
    organisationName: 'Atelier Lumière SA',
    name: 'Camille Martin',
    email: 'camille@example.com',
    password: 'a long enough passphrase',
    ...overrides,
  });
  const users = () => portal.dataSource.getRepository(UserEntity).count();

  it('refuses to use the same link twice', async () => {
    expect((await postJson(portal.at('/api/setup'), form())).status).toBe(201);
    const again = await postJson(portal.at('/api/setup'), form({ email: 'other@example.com' }));
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('setup_link_used');
    expect(again.body.message).toMatch(/already been used/);
    expect(await users()).toBe(1);
    expect((await checkLink(portal, token)).body).toEqual({ valid: false, reason: 'setup_link_used' });
  });

  it('refuses a tampered link without revealing anything, and audits the attempt', async () => {
    const tampered = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    const response = await postJson(portal.at('/api/setup'), form({ token: tampered }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('setup_link_invalid');
    expect((await checkLink(portal, tampered)).body).toEqual({ valid: false, reason: 'setup_link_invalid' });
    expect((await checkLink(portal, 'x')).body).toEqual({ valid: false, reason: 'setup_link_invalid' });
    expect(await users()).toBe(0);
    const failures = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'setup.admin_created', outcome: 'failure' });
    expect(failures.length).toBe(1);
  });

  it('refuses an expired link', async () => {
    await portal.dataSource.getRepository(SetupTokenEntity).update({ purpose: 'first_admin' }, { expiresAt: new Date(Date.now() - 1000) });
    const response = await postJson(portal.at('/api/setup'), form());
    expect(response.status).toBe(410);
    expect(response.body.code).toBe('setup_link_expired');
    expect((await checkLink(portal, token)).body.reason).toBe('setup_link_expired');
    expect(await users()).toBe(0);
  });

  it('answers bad fields with 400 and per-field messages, writes nothing, and keeps the link usable', async () => {
    const response = await postJson(portal.at('/api/setup'), form({ email: 'not-an-email', password: 'short', name: '   ', role: 'admin' }));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(Object.keys(response.body.fields).sort()).toEqual(['email', 'name', 'password', 'role']);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|node_modules/);
    expect(await users()).toBe(0);
    expect((await checkLink(portal, token)).body.valid).toBeTrue();
  });

  it('rolls everything back when the email is taken, so the link still works', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'camille@example.com', name: 'Camille' }, 'test', CLI_CONTEXT);
    const taken = await postJson(portal.at('/api/setup'), form());
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('email_taken');
    expect(taken.body.fields.email).toBeDefined();
    expect((await getJson(portal.at('/api/instance'))).body.organisationName).toBe('Passerelle');
    const retry = await postJson(portal.at('/api/setup'), form({ email: 'camille.martin@example.com' }));
    expect(retry.status).toBe(201);
  });

  it('creates exactly one administrator when the form is sent twice at the same moment', async () => {
    const results = await Promise.all([
      postJson(portal.at('/api/setup'), form({ email: 'first@example.com' })),
      postJson(portal.at('/api/setup'), form({ email: 'second@example.com' })),
      postJson(portal.at('/api/setup'), form({ email: 'third@example.com' })),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 410, 410]);
    expect(await portal.dataSource.getRepository(UserEntity).countBy({ isAdmin: true })).toBe(1);
  });

  it('creates exactly one administrator when two different links are used at the same moment', async () => {
    const second = await portal.app.get(SetupService).firstAdminLinkIfNeeded();
    const results = await Promise.all([
      postJson(portal.at('/api/setup'), form({ email: 'first@example.com' })),
      postJson(portal.at('/api/setup'), form({ token: tokenOf(second?.url ?? ''), email: 'second@example.com' })),
    ]);
    // The winner closes every other first-administrator link, so the loser's link reads as used.
    expect(results.map((r) => r.status).sort()).toEqual([201, 410]);
    expect(results.map((r) => r.body.code).filter(Boolean)).toEqual(['setup_link_used']);
    expect(await portal.dataSource.getRepository(UserEntity).countBy({ isAdmin: true })).toBe(1);
  });

  it('says setup is already done when an administrator exists, even for an unused link', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'it@example.com', name: 'IT', isAdmin: true }, 'test', CLI_CONTEXT);
    expect((await checkLink(portal, token)).body).toEqual({ valid: false, reason: 'setup_already_done' });
    const response = await postJson(portal.at('/api/setup'), form());
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('setup_already_done');
  });
});
