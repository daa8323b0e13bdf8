import fs from 'node:fs';
import { processEnv, runCli, spawnDatabase, STACK_TRACE_LINE, type Finished, type SpawnDatabase } from '../../support/spawned-portal';

/**
 * The ops CLI refusing things: exit 1 for a failed command, 2 for wrong usage, always one clear
 * `portal: …` line on stderr (never a stack trace) and, with --json, `{"error":{…}}` on stdout.
 */
describe('Ops CLI (failing commands)', () => {
  let db: SpawnDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    db = await spawnDatabase();
    env = processEnv(db.env);
  });
  afterEach(async () => {
    await db?.cleanup();
  });

  const create = (email: string, name: string, ...more: string[]) => ['user', 'create', '--email', email, '--name', name, ...more];

  async function users(): Promise<Array<{ email: string }>> {
    const result = await runCli(['user', 'list', '--json'], env);
    expect(result.code).withContext(result.stderr).toBe(0);
    return JSON.parse(result.stdout).users;
  }

  it('refuses a too-short password piped with --password-stdin, and creates nobody', async () => {
    const result = await runCli(create('bob@example.com', 'Bob', '--password-stdin'), env, 'short\n');
    expectFailure(result, 1, /password: .*at least 12 characters/i);
    const json = await runCli(create('bob@example.com', 'Bob', '--password-stdin', '--json'), env, 'short');
    expectFailure(json, 1, /password/);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'validation_failed', message: jasmine.stringMatching(/password/) } });
    expect(await users()).toEqual([]);
  }, 30_000);

  it('refuses to disable an unknown email, in text and in JSON mode', async () => {
    await runCli(create('ann@example.com', 'Ann'), env);
    const text = await runCli(['user', 'disable', 'nobody@example.com'], env);
    expectFailure(text, 1, /No user matches "nobody@example\.com"/);
    expect(text.stdout).toBe('');

    const json = await runCli(['user', 'disable', 'nobody@example.com', '--json'], env);
    expectFailure(json, 1, /No user matches/);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'not_found', message: 'No user matches "nobody@example.com".' } });
    expect((await users()).length).toBe(1);
  }, 30_000);

  it('refuses to create the same email twice, whatever its case, and keeps one user', async () => {
    expect((await runCli(create('Ann@Example.com', 'Ann'), env)).code).toBe(0);
    const again = await runCli(create('ann@example.COM', 'Another Ann', '--json'), env);
    expectFailure(again, 1, /already exists/);
    expect(JSON.parse(again.stdout).error.code).toBe('email_taken');
    expect((await users()).map((u) => u.email)).toEqual(['ann@example.com']);
  }, 30_000);

  it('refuses to disable the only active administrator', async () => {
    await runCli(create('boss@example.com', 'Boss', '--admin'), env);
    const result = await runCli(['user', 'disable', 'boss@example.com'], env);
    expectFailure(result, 1, /only active administrator/);
  }, 30_000);

  it('refuses to seed demo accounts (with their published password) in production', async () => {
    const result = await runCli(['demo', 'seed'], { ...env, NODE_ENV: 'production', SECRET_KEY: 'c'.repeat(64) });
    expectFailure(result, 1, /refused when NODE_ENV=production/);
    expect(await users()).toEqual([]);
  }, 30_000);

  it('refuses an invalid email, naming the field', async () => {
    const result = await runCli(create('not-an-email', 'Nobody'), env);
    expectFailure(result, 1, /email: Enter a valid email address/);
    expect(await users()).toEqual([]);
  }, 30_000);

  it('answers wrong usage with exit 2 and a pointer to --help', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['user', 'create', '--email', 'ann@example.com'], /needs --email and --name/],
      [['user', 'create', '--name', 'Ann'], /needs --email and --name/],
      [['user', 'disable'], /needs the email or id/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['user', 'delete', 'ann@example.com'], /unknown command "user delete ann@example.com"/],
      [[], /./],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.code).withContext(`portal ${args.join(' ')}`).toBe(2);
      expect(result.stderr).not.toMatch(STACK_TRACE_LINE);
      if (args.length) expectFailure(result, 2, message, args);
      else expect(result.stdout).toContain('Usage:');
    }
  }, 30_000);

  it('answers an unknown option or a missing option value with exit 2 and one line, not a stack trace', async () => {
    expectFailure(await runCli(['user', 'list', '--colour'], env), 2, /Unknown option '--colour'.*\(see --help\)$/);
    expectFailure(await runCli(['user', 'create', '--name', 'Ann', '--email'], env), 2, /--email.*missing/);
    expect(fs.existsSync(db.dataDir)).toBeFalse();
  }, 30_000);

  it('reports a bad configuration variable as one line and exit 1', async () => {
    const result = await runCli(['migrate'], { ...env, TRUST_PROXY: 'maybe' });
    expectFailure(result, 1, /^portal: configuration error: TRUST_PROXY must be/);
  }, 30_000);

  it('reports an unreachable PostgreSQL as one line and exit 1, and leaves no data folder behind', async () => {
    const result = await runCli(['migrate', '--json'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/passerelle' });
    expectFailure(result, 1, /PostgreSQL.*127\.0\.0\.1:1/);
    expect(JSON.parse(result.stdout).error.message).toMatch(/PostgreSQL/);
    expect(fs.existsSync(db.dataDir)).toBeFalse();
  }, 30_000);
});

/** A failed command: the exit code, one `portal:` line on stderr that matches `message`, no stack trace. */
function expectFailure(result: Finished, code: number, message: RegExp, args: string[] = []): void {
  const context = `portal ${args.join(' ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code).withContext(context).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).withContext(context).toBe(1);
  expect(lines[0]).withContext(context).toMatch(/^portal: \S/);
  expect(lines[0]).withContext(context).toMatch(message);
  expect(result.stderr).withContext(context).not.toMatch(STACK_TRACE_LINE);
  expect(result.stdout).withContext(context).not.toMatch(STACK_TRACE_LINE);
}
