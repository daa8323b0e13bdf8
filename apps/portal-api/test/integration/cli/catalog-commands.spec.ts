import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pngImage } from '../../support/catalog';
import { cliSucceeds, processEnv, runCli, spawnDatabase, STACK_TRACE_LINE, type Finished, type SpawnDatabase } from '../../support/spawned-portal';

/** `portal app create` for the catalog (sections, groups, icons, plain links) and `portal group …`. */
describe('Ops CLI: catalog and group commands', () => {
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

  async function createUser(email: string): Promise<void> {
    await cli(['user', 'create', '--email', email, '--name', email.split('@')[0]]);
  }

  it('group create|list|add|remove manage groups and their members by email', async () => {
    const { group } = await cli(['group', 'create', 'Finance', '--description', 'Money people', '--json']);
    expect(group).toEqual(jasmine.objectContaining({ name: 'Finance', description: 'Money people', memberCount: 0 }));
    expect(await cli(['group', 'create', 'Design team'])).toContain('Created the group "Design team".');
    await createUser('ana@acme.test');
    await createUser('bob@acme.test');

    expect(await cli(['group', 'add', 'finance', 'ANA@acme.test', 'bob@acme.test'])).toContain('Added 2 people to "Finance" (now 2 members).');
    const again = await cli(['group', 'add', 'Finance', 'ana@acme.test', '--json']);
    expect(again).toEqual(jasmine.objectContaining({ added: [], unchanged: ['ana@acme.test'] }));
    expect(await cli(['group', 'remove', 'Finance', 'bob@acme.test'])).toContain('Removed 1 person from "Finance" (now 1 member).');

    const list = (await cli(['group', 'list'])).trimEnd().split('\n');
    expect(list[0]).toMatch(/^NAME\s+MEMBERS\s+DESCRIPTION$/);
    expect(list.slice(1).map((l: string) => l.split(/\s{2,}/))).toEqual([['Design team', '0'], ['Finance', '1', 'Money people']]);
    const members = await db.query<{ email: string }>("SELECT u.email FROM users u JOIN user_groups ug ON ug.user_id = u.id JOIN groups g ON g.id = ug.group_id WHERE g.name = 'Finance'");
    expect(members).toEqual([{ email: 'ana@acme.test' }]);
    const events = await db.query<{ type: string; actor: string }>("SELECT type, actor FROM audit_events WHERE type LIKE 'group.%' ORDER BY occurred_at, type");
    expect(events.map((e) => e.type).sort()).toEqual(['group.created', 'group.created', 'group.member_added', 'group.member_added', 'group.member_removed'].sort());
    expect(events.every((e) => e.actor === 'cli')).toBeTrue();
  }, 120_000);

  it('group commands refuse a missing group, unknown emails and a taken name with exit 2 or 1 and one line', async () => {
    await cli(['group', 'create', 'IT']);
    await createUser('ana@acme.test');
    expectFailure(await runCli(['group', 'add', 'Sales', 'ana@acme.test'], env), 2, /Group "Sales" does not exist\. Create it with: npm run portal -- group create Sales/);
    expectFailure(await runCli(['group', 'add', 'IT', 'ana@acme.test', 'ghost@acme.test'], env), 2, /no user has the email "ghost@acme\.test"/);
    expectFailure(await runCli(['group', 'add', 'IT'], env), 2, /needs a group name and at least one email/);
    expectFailure(await runCli(['group', 'create', 'it'], env), 1, /A group named "IT" already exists/);
    expectFailure(await runCli(['group', 'create'], env), 2, /group create needs one name/);
    expectFailure(await runCli(['group', 'rename', 'IT'], env), 2, /unknown command "group rename IT"/);
    expect(await db.query("SELECT 1 FROM user_groups")).toEqual([]);
  }, 120_000);

  it('app create makes a plain-link tile in a new section, for groups, with an icon from a file', async () => {
    await cli(['group', 'create', 'Finance']);
    await cli(['group', 'create', 'Direction']);
    const iconFile = path.join(db.root, 'logo.png');
    fs.writeFileSync(iconFile, pngImage(8));
    const created = await cli([
      'app', 'create', '--name', 'Comptabilité', '--launch-url', 'https://compta.example.com/', '--section', 'Finance & admin',
      '--group', 'Finance', '--group', 'direction', '--icon', iconFile, '--description', 'Invoices', '--requestable', '--health-url', 'https://compta.example.com/health', '--json',
    ]);
    expect(created.client).toBeNull();
    expect(created.app).toEqual(
      jasmine.objectContaining({
        name: 'Comptabilité', description: 'Invoices', launchUrl: 'https://compta.example.com/', clientId: null, visibility: 'groups',
        requestable: true, healthUrl: 'https://compta.example.com/health', iconUrl: jasmine.stringMatching(/\/icon\?v=/),
      }),
    );
    expect(created.app.groupIds.length).toBe(2);
    const sections = await db.query<{ id: string; name: string }>('SELECT id, name FROM catalog_sections');
    expect(sections).toEqual([{ id: created.app.sectionId, name: 'Finance & admin' }]);
    const icon = await db.query<{ content_type: string; data_base64: string }>('SELECT content_type, data_base64 FROM catalog_app_icons');
    expect(icon).toEqual([{ content_type: 'image/png', data_base64: pngImage(8).toString('base64') }]);

    // A second app in the same section (any case) reuses it; --everyone shows it to everybody.
    const text: string = await cli(['app', 'create', '--name', 'Notes', '--launch-url', 'http://localhost:8080/', '--section', 'FINANCE & ADMIN', '--everyone']);
    expect(text).toMatch(/^Added the app "Notes" \(notes-[a-z0-9]{6}\) in the section "FINANCE & ADMIN", shown to everyone\.$/m);
    expect((await db.query('SELECT id FROM catalog_sections')).length).toBe(1);

    const table = (await cli(['app', 'list'])).trimEnd().split('\n');
    expect(table[0]).toMatch(/^ID\s+NAME\s+SECTION\s+SHOWN TO\s+SSO CLIENT$/);
    expect(table.slice(1).map((l: string) => l.split(/\s{2,}/).slice(1))).toEqual([
      ['Comptabilité', 'Finance & admin', 'groups: Direction, Finance'],
      ['Notes', 'Finance & admin', 'everyone'],
    ]);

    expect(await cli(['app', 'delete', created.app.id, '--json'])).toEqual({ deleted: created.app.id, clientDeleted: null });
    expect((await db.query('SELECT id FROM catalog_apps')).length).toBe(1);
  }, 120_000);

  it('app create with --redirect-uri makes the client and the tile, fetching the icon URL once', async () => {
    let hits = 0;
    const server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(pngImage(2));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const iconUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/logo.png`;
      const { app, client } = await cli([
        'app', 'create', '--name', 'Wiki', '--redirect-uri', 'http://localhost:3101/callback', '--initiate-login-uri', 'http://localhost:3101/login', '--everyone', '--icon', iconUrl, '--json',
      ]);
      expect(hits).toBe(1);
      expect(client.clientSecret).toEqual(jasmine.any(String));
      expect(client.initiateLoginUri).withContext('oidc-provider takes only https there').toBeNull();
      expect(app).toEqual(
        jasmine.objectContaining({ id: client.clientId, clientId: client.clientId, launchUrl: 'http://localhost:3101/', initiateLoginUri: 'http://localhost:3101/login', visibility: 'everyone', iconUrl: jasmine.any(String) }),
      );
      expect(await cli(['app', 'delete', app.id, '--json'])).toEqual({ deleted: app.id, clientDeleted: app.id });
      expect(await db.query('SELECT client_id FROM oidc_clients')).toEqual([]);
    } finally {
      server.close();
    }
  }, 120_000);

  it('app create refuses missing groups, bad icons and client options without a client — creating nothing', async () => {
    await cli(['group', 'create', 'IT']);
    const svg = path.join(db.root, 'logo.svg');
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const plain = ['app', 'create', '--name', 'Files', '--launch-url', 'https://files.example.com/'];
    const cases: Array<[string[], RegExp]> = [
      [[...plain, '--group', 'IT', '--group', 'Sales'], /Group "Sales" does not exist\. Create it with: npm run portal -- group create Sales/],
      [[...plain, '--icon', svg], /--icon: SVG images are refused/],
      [[...plain, '--icon', path.join(db.root, 'missing.png')], /--icon: cannot read .*missing\.png \(ENOENT\)/],
      [[...plain, '--icon', 'http://127.0.0.1:9/logo.png'], /--icon: The icon URL could not be reached/],
      [[...plain, '--public'], /--public is for apps people sign in to: add at least one --redirect-uri/],
      [[...plain, '--everyone', '--group', 'IT'], /use --everyone or --group, not both/],
      [['app', 'create', '--name', 'Files', '--launch-url', 'http://files.example.com/'], /--launch-url: Use https:\/\/ \(http:\/\/ is only accepted for localhost\)/],
      [[...plain, '--health-url', 'nope'], /--health-url: Enter a full URL/],
      [[...plain, '--description', 'x'.repeat(201)], /--description: Use at most 200 characters/],
    ];
    for (const [args, message] of cases) expectFailure(await runCli(args, env), 2, message, args);
    expect(await db.query('SELECT id FROM catalog_apps')).toEqual([]);
    expect(await db.query('SELECT client_id FROM oidc_clients')).toEqual([]);
  }, 120_000);
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
