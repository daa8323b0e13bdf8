import { cliSucceeds, processEnv, runCli, spawnDatabase, STACK_TRACE_LINE, type Finished, type SpawnDatabase } from '../../support/spawned-portal';

/** `portal app …` with SSO: registering apps and their OIDC clients from the command line, over a fresh TEST_DB database. */
describe('Ops CLI: app commands', () => {
  let db: SpawnDatabase;
  let env: Record<string, string>;

  beforeEach(async () => {
    db = await spawnDatabase();
    env = processEnv(db.env);
  });
  afterEach(async () => {
    await db?.cleanup();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cli = (args: string[]): Promise<any> => cliSucceeds(args, env);

  const wiki = ['app', 'create', '--name', 'Wiki', '--redirect-uri', 'https://wiki.example.com/cb', '--redirect-uri', 'http://localhost:8080/cb'];

  it('create --json registers a confidential app and its tile, and returns its secret once; list never shows it', async () => {
    const { app: tile, client: app } = await cli([...wiki, '--scope', 'alerts:write', '--alg', 'EdDSA', '--backchannel-logout-uri', 'https://wiki.example.com/bc', '--json']);
    expect(tile).toEqual(jasmine.objectContaining({ id: app.clientId, clientId: app.clientId, clientName: 'Wiki', name: 'Wiki', launchUrl: 'https://wiki.example.com/' }));
    expect(app.clientId).toMatch(/^wiki-[a-z0-9]{6}$/);
    expect(app.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(app).toEqual(
      jasmine.objectContaining({
        name: 'Wiki',
        public: false,
        redirectUris: ['https://wiki.example.com/cb', 'http://localhost:8080/cb'],
        backchannelLogoutUri: 'https://wiki.example.com/bc',
        idTokenSigningAlg: 'EdDSA',
        scopes: ['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write'],
      }),
    );

    const listed = await cli(['app', 'list', '--json']);
    const { clientSecret } = app;
    expect(listed).toEqual({ apps: [tile], clientsWithoutTile: [] });
    expect(JSON.stringify(listed).includes(clientSecret)).toBeFalse();
    expect((await cli(['app', 'list'])).includes(clientSecret)).toBeFalse();

    // Only the sealed copy reaches the database.
    const rows = await db.query<{ secret_sealed: string; metadata: string }>('SELECT secret_sealed, metadata FROM oidc_clients');
    expect(rows.length).toBe(1);
    expect(JSON.stringify(rows)).not.toContain(clientSecret);
    expect(rows[0].secret_sealed).toMatch(/^v1\./);
    const events = await db.query<{ type: string; actor: string }>("SELECT type, actor FROM audit_events WHERE type LIKE 'app.%' OR type LIKE 'catalog.%' ORDER BY type");
    expect(events).toEqual([
      { type: 'app.created', actor: 'cli' },
      { type: 'catalog.app_created', actor: 'cli' },
    ]);
  }, 90_000);

  it('create prints the client id and the secret with a warning that it will not be shown again', async () => {
    const text: string = await cli(wiki);
    expect(text).toMatch(/^ {2}Client ID: +wiki-[a-z0-9]{6}$/m);
    expect(text).toMatch(/^ {2}Client secret: +[\w-]{43}$/m);
    expect(text).toMatch(/will not be shown again/);

    const spa: string = await cli(['app', 'create', '--name', 'Mobile', '--redirect-uri', 'http://127.0.0.1:4200/cb', '--public']);
    expect(spa).toContain('public');
    expect(spa).not.toContain('Client secret');

    const table = (await cli(['app', 'list'])).trimEnd().split('\n');
    expect(table[0]).toMatch(/^ID\s+NAME\s+SECTION\s+SHOWN TO\s+SSO CLIENT$/);
    expect(table.slice(1).map((line: string) => line.split(/\s{2,}/).slice(1, 3)).sort()).toEqual([
      ['Mobile', 'groups: (none)'],
      ['Wiki', 'groups: (none)'],
    ]);
  }, 90_000);

  it('rotate-secret --json returns a new secret; delete --json removes the app', async () => {
    const { client: app } = await cli([...wiki, '--json']);
    const rotated = await cli(['app', 'rotate-secret', app.clientId, '--json']);
    expect(rotated.app.clientId).toBe(app.clientId);
    expect(rotated.app.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(rotated.app.clientSecret).not.toBe(app.clientSecret);

    expect(await cli(['app', 'delete', app.clientId, '--json'])).toEqual({ deleted: app.clientId, clientDeleted: app.clientId });
    expect(await cli(['app', 'list', '--json'])).toEqual({ apps: [], clientsWithoutTile: [] });
    expect((await cli(['app', 'list'])).trim()).toBe('No apps yet.');
  }, 90_000);

  it('refuses bad input with exit 2 and one readable line naming the option', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['app', 'create', '--redirect-uri', 'https://wiki.example.com/cb'], /app create needs --name/],
      [['app', 'create', '--name', 'Wiki'], /needs --launch-url for a plain link, or --redirect-uri/],
      [['app', 'create', '--name', 'Wiki', '--redirect-uri', 'http://wiki.example.com/cb'], /--redirect-uri: http:\/\/wiki\.example\.com\/cb: Use https:\/\//],
      [['app', 'create', '--name', 'Wiki', '--redirect-uri', 'https://wiki.example.com/cb#top'], /--redirect-uri: .*fragment/],
      [[...wiki, '--scope', 'root'], /--scope: root: choose scopes among alerts:write, users:read/],
      [[...wiki, '--alg', 'HS256'], /--alg: Choose RS256, ES256, EdDSA/],
      [[...wiki, '--initiate-login-uri', 'http://wiki.example.com/login'], /--initiate-login-uri: Use https:\/\/ \(http:\/\/ is only accepted for localhost\)/],
    ];
    for (const [args, message] of cases) expectFailure(await runCli(args, env), 2, message, args);
  }, 90_000);

  it('answers wrong usage with exit 2, and --json bad input with an error object, creating nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['app', 'rotate-secret'], /needs one app id/],
      [['app', 'delete', 'a', 'b'], /needs one app id/],
      [['app', 'rename', 'x'], /unknown command "app rename x"/],
    ];
    for (const [args, message] of cases) expectFailure(await runCli(args, env), 2, message, args);

    const json = await runCli(['app', 'create', '--name', 'Wiki', '--redirect-uri', 'ftp://wiki.example.com/', '--json'], env);
    expectFailure(json, 2, /--redirect-uri/);
    expect(JSON.parse(json.stdout).error.message).toMatch(/^--redirect-uri: ftp:\/\/wiki\.example\.com\/: Enter a full URL/);
    expect(await cli(['app', 'list', '--json'])).toEqual({ apps: [], clientsWithoutTile: [] });
  }, 90_000);

  it('answers an unknown client id with exit 1, and a public app has no secret to rotate', async () => {
    expectFailure(await runCli(['app', 'delete', 'nope-000000'], env), 1, /No app or client has the id "nope-000000"/);
    const { client: app } = await cli(['app', 'create', '--name', 'SPA', '--redirect-uri', 'http://localhost:4200/', '--public', '--json']);
    const refused = await runCli(['app', 'rotate-secret', app.clientId, '--json'], env);
    expectFailure(refused, 1, /public app: it has no secret/);
    expect(JSON.parse(refused.stdout).error.code).toBe('bad_request');
  }, 90_000);
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
