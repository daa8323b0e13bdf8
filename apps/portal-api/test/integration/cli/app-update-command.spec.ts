import { cliSucceeds, processEnv, runCli, spawnDatabase, STACK_TRACE_LINE, type Finished, type SpawnDatabase } from '../../support/spawned-portal';

const OIDC_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'];

/** `portal app update <client-id> --scope S… | --no-scopes`: an administrator grants (or takes back) an existing app's API scopes. */
describe('Ops CLI: app update', () => {
  let db: SpawnDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await spawnDatabase();
    env = processEnv(db.env);
  });
  afterAll(async () => {
    await db?.cleanup();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cli = (args: string[]): Promise<any> => cliSucceeds(args, env);
  const create = async (name: string, ...extra: string[]): Promise<{ clientId: string }> =>
    (await cli(['app', 'create', '--name', name, '--redirect-uri', `https://${name.toLowerCase()}.example.com/cb`, ...extra, '--json'])).client;

  it('grants alerts:write to an app registered without it, then replaces and clears its scopes; each change audited', async () => {
    const crm = await create('CRM');
    const granted = await cli(['app', 'update', crm.clientId, '--scope', 'alerts:write', '--json']);
    expect(granted).toEqual({
      client: jasmine.objectContaining({ clientId: crm.clientId, name: 'CRM', scopes: [...OIDC_SCOPES, 'alerts:write'] }),
      added: ['alerts:write'],
      removed: [],
      revokedTokens: 0,
    });

    const text: string = await cli(['app', 'update', crm.clientId, '--scope', 'users:read', '--scope', 'alerts:write']);
    expect(text).toContain(`API scopes of "CRM" (${crm.clientId}): alerts:write, users:read.`);
    expect(text).toMatch(/^ {2}Added: +users:read$/m);
    expect(text).not.toContain('Removed');

    const cleared: string = await cli(['app', 'update', crm.clientId, '--no-scopes']);
    expect(cleared).toContain(`API scopes of "CRM" (${crm.clientId}): none.`);
    expect(cleared).toMatch(/^ {2}Removed: +alerts:write, users:read \(0 tokens carrying them revoked\)$/m);

    const unchanged: string = await cli(['app', 'update', crm.clientId, '--no-scopes']);
    expect(unchanged.trim()).toBe(`No change: "CRM" (${crm.clientId}) already has these API scopes: none.`);

    const events = await db.query<{ type: string; actor: string; subject: string; details: string }>(
      "SELECT type, actor, subject, details FROM audit_events WHERE type = 'app.updated' ORDER BY occurred_at",
    );
    expect(events.map((e) => ({ ...e, details: JSON.parse(e.details) }))).toEqual([
      { type: 'app.updated', actor: 'cli', subject: crm.clientId, details: { name: 'CRM', before: '', after: 'alerts:write', revokedTokens: 0 } },
      { type: 'app.updated', actor: 'cli', subject: crm.clientId, details: { name: 'CRM', before: 'alerts:write', after: 'alerts:write users:read', revokedTokens: 0 } },
      { type: 'app.updated', actor: 'cli', subject: crm.clientId, details: { name: 'CRM', before: 'alerts:write users:read', after: '', revokedTokens: 0 } },
    ]);
  }, 90_000);

  it('takes an app id too (the tile of an app people sign in to)', async () => {
    const files = await create('Files');
    const [tile] = (await cli(['app', 'list', '--json'])).apps.filter((a: { clientId: string }) => a.clientId === files.clientId);
    const updated = await cli(['app', 'update', tile.id, '--scope', 'alerts:write', '--json']);
    expect(updated.client.clientId).toBe(files.clientId);
    expect(updated.added).toEqual(['alerts:write']);
  }, 60_000);

  it('refuses wrong usage with exit 2 and a readable line, before opening the database', async () => {
    const wiki = await create('Wiki', '--scope', 'alerts:write');
    const cases: Array<[string[], RegExp]> = [
      [['app', 'update', '--scope', 'alerts:write'], /app update needs one app id/],
      [['app', 'update', wiki.clientId], /app update needs --scope S .* or --no-scopes/],
      [['app', 'update', wiki.clientId, '--scope', 'alerts:write', '--no-scopes'], /use --scope or --no-scopes, not both/],
      [['app', 'update', wiki.clientId, '--scope', 'root'], /--scope: root: choose scopes among alerts:write, users:read/],
      [['app', 'update', wiki.clientId, '--scope', ''], /--scope: : choose scopes among/],
    ];
    for (const [args, message] of cases) expectFailure(await runCli(args, env), 2, message, args);
    const kept = (await cli(['app', 'list', '--json'])).apps.find((a: { clientId: string }) => a.clientId === wiki.clientId);
    expect(kept).toBeDefined();
    const rows = await db.query<{ metadata: string }>(`SELECT metadata FROM oidc_clients WHERE client_id = '${wiki.clientId}'`);
    expect(JSON.parse(rows[0].metadata).scope).toBe([...OIDC_SCOPES, 'alerts:write'].join(' '));
  }, 90_000);

  it('answers an unknown id with exit 1 (and an error object with --json); a plain link has no scopes', async () => {
    expectFailure(await runCli(['app', 'update', 'nope-000000', '--scope', 'alerts:write'], env), 1, /No app or client has the id "nope-000000"/);
    const json = await runCli(['app', 'update', 'nope-000000', '--scope', 'alerts:write', '--json'], env);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error.code).toBe('not_found');

    const link = (await cli(['app', 'create', '--name', 'Planning', '--launch-url', 'https://planning.example.com/', '--json'])).app;
    expectFailure(await runCli(['app', 'update', link.id, '--scope', 'alerts:write'], env), 1, /"Planning" is a plain link: it has no OIDC client/);
  }, 60_000);
});

function expectFailure(result: Finished, code: number, message: RegExp, args: string[] = []): void {
  const context = `portal ${args.join(' ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code).withContext(context).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).withContext(context).toBe(1);
  expect(lines[0]).withContext(context).toMatch(/^portal: \S/);
  expect(lines[0]).withContext(context).toMatch(message);
  expect(result.stderr).withContext(context).not.toMatch(STACK_TRACE_LINE);
}
