import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { SetupService } from '../../../src/app/setup/setup.service';
import { PasswordHasher } from '../../../src/infra/crypto/password-hasher';
import { firstAdminToken, getJson, postJson, startTestPortal, tokenOf, type TestPortal, checkLink, usePortal } from '../../support/test-portal';

describe('Disabling administrators', () => {
  const portal = usePortal();

  it('refuses to disable the only active administrator, so setup can never reopen', async () => {
    const accounts = portal.app.get(AccountsService);
    await accounts.createUser({ email: 'boss@acme.test', name: 'Boss', isAdmin: true }, 'test', CLI_CONTEXT);
    await expectAsync(accounts.disableUser('boss@acme.test', 'test', CLI_CONTEXT)).toBeRejectedWith(
      jasmine.objectContaining({ code: 'conflict', status: 409 }),
    );
    await accounts.createUser({ email: 'deputy@acme.test', name: 'Deputy', isAdmin: true }, 'test', CLI_CONTEXT);
    expect((await accounts.disableUser('boss@acme.test', 'test', CLI_CONTEXT)).status).toBe('disabled');
    expect((await getJson(portal.at('/api/instance'))).body.setupRequired).toBeFalse();
  });
});

describe('Account activation links', () => {
  let portal: TestPortal;
  let link: string;

  beforeEach(async () => {
    portal = await startTestPortal();
    const user = await portal.app.get(AccountsService).createUser({ email: 'lea@acme.test', name: 'Léa Roux' }, 'test', CLI_CONTEXT);
    link = (await portal.app.get(SetupService).issueActivationLink(user.id)).url;
  });
  afterEach(async () => {
    await portal.stop();
  });

  const passwordOf = async () => (await portal.dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'lea@acme.test' })).passwordHash;

  it('points at the activation page and tells whose account it is', async () => {
    expect(link).toMatch(/\/activate#token=[\w-]{43}$/);
    const { body } = await checkLink(portal, tokenOf(link));
    expect(body).toEqual(jasmine.objectContaining({ valid: true, purpose: 'account_activation', account: { email: 'lea@acme.test', name: 'Léa Roux' } }));
  });

  it('sets the password once', async () => {
    expect(await passwordOf()).toBeNull();
    const done = await postJson(portal.at('/api/setup/activate'), { token: tokenOf(link), password: 'une phrase assez longue' });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ email: 'lea@acme.test', name: 'Léa Roux' });
    expect(await portal.app.get(PasswordHasher).verify((await passwordOf()) ?? '', 'une phrase assez longue')).toBeTrue();

    const again = await postJson(portal.at('/api/setup/activate'), { token: tokenOf(link), password: 'another long passphrase' });
    expect(again.status).toBe(410);
    expect(again.body.code).toBe('setup_link_used');
  });

  it('refuses a short password and keeps the link usable', async () => {
    const short = await postJson(portal.at('/api/setup/activate'), { token: tokenOf(link), password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.fields.password).toBeDefined();
    expect(await passwordOf()).toBeNull();
    expect((await checkLink(portal, tokenOf(link))).body.valid).toBeTrue();
  });

  it('does not accept the first-administrator link as an activation link, nor the reverse', async () => {
    const wrong = await postJson(portal.at('/api/setup/activate'), { token: firstAdminToken(portal), password: 'a long enough passphrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('setup_link_invalid');
    const reverse = await postJson(portal.at('/api/setup'), {
      token: tokenOf(link),
      organisationName: 'Acme',
      name: 'Léa',
      email: 'lea2@acme.test',
      password: 'a long enough passphrase',
    });
    expect(reverse.status).toBe(400);
    expect(reverse.body.code).toBe('setup_link_invalid');
  });

  it('stops working once the account is disabled', async () => {
    await portal.app.get(AccountsService).createUser({ email: 'it@acme.test', name: 'IT', isAdmin: true }, 'test', CLI_CONTEXT);
    await portal.app.get(AccountsService).disableUser('lea@acme.test', 'test', CLI_CONTEXT);
    const response = await postJson(portal.at('/api/setup/activate'), { token: tokenOf(link), password: 'a long enough passphrase' });
    expect(response.status).toBe(400);
    expect(await passwordOf()).toBeNull();
    expect((await checkLink(portal, tokenOf(link))).body).toEqual({ valid: false, reason: 'setup_link_invalid' });
  });
});
