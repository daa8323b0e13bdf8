import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { PasswordHasher } from '../../../src/infra/crypto/password-hasher';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { firstAdminToken, getJson, postJson, usePortal, checkLink } from '../../support/test-portal';

describe('First administrator setup (successful)', () => {
  const portal = usePortal({ fresh: 'each' });

  const form = (token: string) => ({
    token,
    organisationName: '  Atelier Lumière SA ',
    name: 'Camille Martin',
    email: 'Camille.Martin@Example.COM',
    password: 'a long enough passphrase',
    locale: 'fr',
  });

  it('prints a setup link at first start, and the instance says setup is required', async () => {
    expect(portal.setupLink?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup#token=[\w-]{43}$/);
    const info = await getJson(portal.at('/api/instance'));
    expect(info.body).toEqual(jasmine.objectContaining({ organisationName: 'Passerelle', setupRequired: true }));
  });

  it('reports a fresh link as valid for the first administrator, with its expiry', async () => {
    const token = firstAdminToken(portal);
    const { status, body } = await checkLink(portal, token);
    expect(status).toBe(200);
    expect(body.valid).toBeTrue();
    expect(body.purpose).toBe('first_admin');
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 59 * 60_000);
  });

  it('creates the administrator with an argon2id hash, names the organisation and records an audit event', async () => {
    const created = await postJson(portal.at('/api/setup'), form(firstAdminToken(portal)));
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ organisationName: 'Atelier Lumière SA', email: 'camille.martin@example.com', name: 'Camille Martin' });

    const users = await portal.dataSource.getRepository(UserEntity).find();
    expect(users.length).toBe(1);
    expect(users[0].isAdmin).toBeTrue();
    expect(users[0].locale).toBe('fr');
    expect(users[0].passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await portal.app.get(PasswordHasher).verify(users[0].passwordHash ?? '', 'a long enough passphrase')).toBeTrue();

    const info = await getJson(portal.at('/api/instance'));
    expect(info.body).toEqual(jasmine.objectContaining({ organisationName: 'Atelier Lumière SA', setupRequired: false }));

    const events = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'setup.admin_created' });
    expect(events.map((e) => e.outcome)).toEqual(['success']);
    expect(events[0].subject).toBe(users[0].id);
    expect(events[0].ip).toBe('127.0.0.1');
    expect(events[0].requestId).toMatch(/^[\w-]+$/);
  });

  it('never stores the setup token itself', async () => {
    const token = firstAdminToken(portal);
    const rows: Array<Record<string, unknown>> = await portal.dataSource.query('SELECT * FROM setup_tokens');
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});
