import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../src/infra/database/migrations';
import {
  delay,
  freePort,
  processEnv,
  runCli,
  spawnDatabase,
  startServer,
  STACK_TRACE_LINE,
  type Finished,
  type SpawnDatabase,
  type SpawnedServer,
} from '../../support/spawned-portal';

/** The ops CLI (`npm run portal -- …`) run as a real process over a fresh database of the TEST_DB kind. */
describe('Ops CLI (successful commands)', () => {
  let db: SpawnDatabase;
  let env: Record<string, string>;
  let server: SpawnedServer | undefined;

  beforeEach(async () => {
    db = await spawnDatabase();
    env = processEnv(db.env);
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await db?.cleanup();
  });

  /** Runs the CLI and expects success; returns stdout parsed as JSON when --json was given. */
  async function cli(args: string[], stdin?: string): Promise<any> {
    const result = await runCli(args, env, stdin);
    expectSuccess(result, args);
    return args.includes('--json') ? JSON.parse(result.stdout) : result.stdout;
  }

  const ann = ['user', 'create', '--email', 'Ann.Lambert@Example.COM', '--name', 'Ann Lambert', '--admin', '--group', 'IT', '--group', 'Everyone'];
  const bob = ['user', 'create', '--email', 'bob.keller@example.com', '--name', 'Bob Keller', '--group', 'Finance'];

  it('migrate --json applies every migration to an empty database, and nothing the second time', async () => {
    const expected = (db.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => new m().name ?? m.name);
    const first = await cli(['migrate', '--json']);
    expect(first).toEqual({ applied: expected });
    expect(first.applied[0]).toMatch(/^Initial\d+$/);
    expect(await cli(['migrate', '--json'])).toEqual({ applied: [] });
    expect(await cli(['migrate'])).toContain('up to date');
  }, 30_000);

  it('user create --json creates an administrator without a password and prints an activation link', async () => {
    const created = await cli([...ann, '--json']);
    expect(created.user).toEqual(
      jasmine.objectContaining({ email: 'ann.lambert@example.com', name: 'Ann Lambert', isAdmin: true, status: 'active', groups: ['Everyone', 'IT'], hasPassword: false }),
    );
    expect(created.user.id).toMatch(/^[0-9a-f-]{36}$/);
    // The person sets a password on the activation page (the first-admin link uses /setup).
    expect(created.activationLink).toMatch(/^http:\/\/localhost:3000\/activate#token=[\w-]{43}$/);
    expect(new Date(created.activationLinkExpiresAt).getTime()).toBeGreaterThan(Date.now());

    const listed = await cli(['user', 'list', '--json']);
    expect(listed.users).toEqual([created.user]);
  }, 30_000);

  it('user list --search filters by part of the name or the email, whatever the case', async () => {
    await cli([...ann, '--json']);
    await cli([...bob, '--json']);
    const emails = async (search: string) => (await cli(['user', 'list', '--search', search, '--json'])).users.map((u: { email: string }) => u.email);

    expect(await emails('LAMB')).toEqual(['ann.lambert@example.com']);
    expect(await emails('keller@')).toEqual(['bob.keller@example.com']);
    expect(await emails('example.com')).toEqual(['ann.lambert@example.com', 'bob.keller@example.com']);
    expect(await emails('nobody')).toEqual([]);
    expect(await emails('%')).toEqual([]); // LIKE wildcards are searched for literally
  }, 30_000);

  it('user list prints a readable, aligned table', async () => {
    expect((await cli(['user', 'list'])).trim()).toBe('No users yet.');
    await cli([...ann, '--json']);
    await cli([...bob, '--json']);

    const lines = (await cli(['user', 'list'])).trimEnd().split('\n');
    expect(lines.length).toBe(3);
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+ROLE\s+STATUS\s+GROUPS$/);
    expect(lines[1]).toMatch(/^ann\.lambert@example\.com\s+Ann Lambert\s+admin\s+active\s+Everyone, IT$/);
    expect(lines[2]).toMatch(/^bob\.keller@example\.com\s+Bob Keller\s+active\s+Finance$/);
    for (const [column, cell] of [['NAME', 'Ann Lambert'], ['STATUS', 'active'], ['GROUPS', 'Everyone']]) {
      expect(lines[1].indexOf(cell)).withContext(column).toBe(lines[0].indexOf(column));
    }
    expect(lines[2].indexOf('Bob Keller')).toBe(lines[0].indexOf('NAME'));
  }, 30_000);

  it('user create --password-stdin sets the piped password and prints no activation link', async () => {
    const created = await cli([...bob, '--password-stdin', '--json'], 'a long enough passphrase\n');
    expect(created.user.hasPassword).toBeTrue();
    expect(created.activationLink).toBeUndefined();

    const text = await cli(['user', 'create', '--email', 'cleo@example.com', '--name', 'Cléo', '--password-stdin'], 'another long passphrase');
    expect(text.trim()).toBe('Created cleo@example.com.');
    expect(text).not.toContain('#token=');
    expect(text).not.toContain('one-time link');
    const users = (await cli(['user', 'list', '--json'])).users;
    expect(users.map((u: { email: string; hasPassword: boolean }) => [u.email, u.hasPassword])).toEqual([
      ['bob.keller@example.com', true],
      ['cleo@example.com', true],
    ]);
  }, 30_000);

  it('user disable <email> disables the account at once, and listing shows it', async () => {
    await cli([...ann, '--json']);
    await cli([...bob, '--json']);

    const disabled = await cli(['user', 'disable', 'BOB.KELLER@example.com', '--json']);
    expect(disabled.user).toEqual(jasmine.objectContaining({ email: 'bob.keller@example.com', status: 'disabled' }));

    const users = (await cli(['user', 'list', '--json'])).users;
    expect(users.map((u: { email: string; status: string }) => [u.email, u.status])).toEqual([
      ['ann.lambert@example.com', 'active'],
      ['bob.keller@example.com', 'disabled'],
    ]);
    expect(await cli(['user', 'list'])).toMatch(/^bob\.keller@example\.com\s+Bob Keller\s+disabled\s+Finance$/m);
    // Disabling again is harmless and says the same.
    expect((await cli(['user', 'disable', disabled.user.id, '--json'])).user.status).toBe('disabled');
    expect((await cli(['user', 'disable', 'bob.keller@example.com'])).trim()).toBe('Disabled bob.keller@example.com; ended 0 sessions.');
  }, 60_000);

  it('demo seed --json creates the demo people with one administrator, and a second run keeps them', async () => {
    const first = await cli(['demo', 'seed', '--json']);
    expect(first.created.length).toBeGreaterThanOrEqual(2);
    expect(first.kept).toEqual([]);
    expect(first.organisation).toBe('Atelier Lumière SA');

    const users = (await cli(['user', 'list', '--json'])).users as Array<{ email: string; isAdmin: boolean; hasPassword: boolean }>;
    expect(users.map((u) => u.email).sort()).toEqual([...first.created].sort());
    expect(users.filter((u) => u.isAdmin).length).toBe(1);
    expect(users.every((u) => u.hasPassword)).toBeTrue();

    const second = await cli(['demo', 'seed', '--json']);
    expect(second.created).toEqual([]);
    expect([...second.kept].sort()).toEqual([...first.created].sort());
    expect((await cli(['user', 'list', '--json'])).users.length).toBe(users.length);
  }, 90_000);

  it('--help prints the usage and exits 0', async () => {
    for (const args of [['--help'], ['-h'], ['user', '--help']]) {
      const result = await runCli(args, env);
      expect(result.code).withContext(args.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: npm run portal -- <command> [options]');
      expect(result.stdout).toMatch(/^\s+user create --email E --name N/m);
      expect(result.stderr).toBe('');
    }
  }, 30_000);

  describe('and the server', () => {
    async function start(): Promise<SpawnedServer> {
      // LOG_LEVEL=info for the "is ready" line: the setup link, if any, is written just before it.
      server = startServer(processEnv({ ...db.env, PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'info' }));
      await server.waitUntilReady();
      await server.waitForOutput(/is ready at/);
      await delay(300);
      return server;
    }

    it('needs no first-administrator link once `user create --admin` made one', async () => {
      await cli([...ann, '--json']);
      const started = await start();
      expect(started.stdout).not.toContain('/setup#token=');
      expect(started.stdout).not.toContain('No administrator exists yet');
      const info = await instanceInfo(started);
      expect(info.setupRequired).toBeFalse();
    }, 30_000);

    it('still prints exactly one first-administrator link when only people without admin rights exist', async () => {
      await cli([...bob, '--json']);
      const started = await start();
      expect(started.stdout.match(/\/setup#token=[\w-]{43}/g)?.length).toBe(1);
      expect((await instanceInfo(started)).setupRequired).toBeTrue();
    }, 30_000);

    it('prints exactly one first-administrator link on an empty database', async () => {
      const started = await start();
      const links = started.stdout.match(/http:\/\/\S+\/setup#token=[\w-]{43}/g) ?? [];
      expect(links.length).toBe(1);
      expect(links[0]).toMatch(new RegExp(`^http://localhost:${new URL(started.url).port}/setup#token=`));
      expect((await instanceInfo(started)).setupRequired).toBeTrue();
    }, 30_000);
  });
});

async function instanceInfo(server: SpawnedServer): Promise<{ setupRequired: boolean; organisationName: string }> {
  const response = await fetch(`${server.url}/api/instance`);
  expect(response.status).toBe(200);
  return (await response.json()) as { setupRequired: boolean; organisationName: string };
}

function expectSuccess(result: Finished, args: string[]): void {
  const context = `portal ${args.join(' ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code).withContext(context).toBe(0);
  expect(result.stderr).withContext(context).not.toMatch(STACK_TRACE_LINE);
}
