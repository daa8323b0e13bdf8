import {
  cliSucceeds,
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
import { postJson, tokenOf } from '../../support/test-portal';

const DAY_MS = 24 * 3600 * 1000;

/** `portal guest …`: inviting, listing, extending and revoking guests from the command line, over a fresh TEST_DB database. */
describe('Ops CLI: guest commands', () => {
  let db: SpawnDatabase;
  let env: Record<string, string>;
  let server: SpawnedServer | undefined;
  let wikiId: string;

  beforeEach(async () => {
    db = await spawnDatabase();
    env = processEnv(db.env);
    await cli(['user', 'create', '--email', 'marie@acme.test', '--name', 'Marie Curie']);
    wikiId = (await cli(['app', 'create', '--name', 'Wiki', '--launch-url', 'https://wiki.acme.test/', '--json'])).app.id;
    await cli(['app', 'create', '--name', 'CRM', '--launch-url', 'https://crm.acme.test/']);
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await db?.cleanup();
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const cli = (args: string[]): Promise<any> => cliSucceeds(args, env);
  const invite = (email: string, ...more: string[]) => ['guest', 'invite', '--email', email, '--name', nameOf(email), '--sponsor', 'marie@acme.test', ...more];
  const utcDay = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

  async function activate(link: string): Promise<void> {
    if (!server) {
      server = startServer(processEnv({ ...db.env, PORT: String(await freePort()), HOST: '127.0.0.1' }));
      await server.waitUntilReady();
    }
    const done = await postJson(`${server.url}/api/setup/activate`, { token: tokenOf(link), password: 'a long guest passphrase' });
    expect(done.status).withContext(JSON.stringify(done.body)).toBe(200);
  }

  it('invite prints a one-time invitation link that works, and the guest then shows as active', async () => {
    const text: string = await cli(invite('lea@studio.test', '--until', '30d', '--app', `${wikiId},crm`, '--company', 'Studio Roux'));
    expect(text).toContain('Invited Lea <lea@studio.test> as a guest, sponsored by Marie Curie <marie@acme.test>.');
    expect(text).toMatch(/^ {2}Apps: +CRM, Wiki$/m);
    const links = text.match(/^ {2}(http:\/\/\S+\/activate#token=[\w-]{43})$/m);
    expect(links).withContext(text).not.toBeNull();
    expect(text).toMatch(/it works until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const before = (await cli(['guest', 'show', 'lea@studio.test', '--json'])).guest;
    expect(before.status).toBe('invited');

    await activate((links as RegExpMatchArray)[1]);
    await server?.stop();
    server = undefined;

    const { guest } = await cli(['guest', 'show', 'lea@studio.test', '--json']);
    expect(guest).toEqual(jasmine.objectContaining({ email: 'lea@studio.test', company: 'Studio Roux', status: 'active', invitationExpiresAt: null }));
    expect(guest.acceptedAt).not.toBeNull();
    const shown: string = await cli(['guest', 'show', guest.id]);
    expect(shown).toMatch(/^Lea <lea@studio\.test> — guest, active$/m);
    expect(shown).toMatch(/^ {2}Sponsor: +Marie Curie <marie@acme\.test>$/m);
    expect(shown).toMatch(/\(in 30 days\)$/m);
  }, 120_000);

  it('invite --json returns the guest, the link and its expiry; --until 30d runs 30 days from the start', async () => {
    const invited = await cli(invite('Lea@Studio.test', '--until', '30d', '--app', 'Wiki', '--locale', 'fr', '--note', 'Refonte du site', '--json'));
    expect(Object.keys(invited).sort()).toEqual(['guest', 'invitationExpiresAt', 'invitationLink']);
    expect(invited.invitationLink).toMatch(/^http:\/\/localhost:3000\/activate#token=[\w-]{43}$/);
    expect(invited.guest).toEqual(
      jasmine.objectContaining({
        email: 'lea@studio.test',
        name: 'Lea',
        status: 'invited',
        note: 'Refonte du site',
        sponsor: jasmine.objectContaining({ email: 'marie@acme.test', name: 'Marie Curie' }),
        apps: [{ id: wikiId, name: 'Wiki' }],
        revokedAt: null,
        acceptedAt: null,
        invitationExpiresAt: invited.invitationExpiresAt,
      }),
    );
    const start = Date.parse(invited.guest.startsAt);
    expect(Math.abs(start - Date.now())).toBeLessThan(60_000);
    expect(Date.parse(invited.guest.endsAt) - start).toBe(30 * DAY_MS);
    // GUEST_INVITATION_HOURS defaults to 72.
    expect(Date.parse(invited.invitationExpiresAt) - start).toBeCloseTo(72 * 3600 * 1000, -5);

    // The invitation is mailed (to the outbox here) and audited as the CLI's doing.
    const mails = await db.query<{ to_address: string }>('SELECT to_address FROM mail_outbox');
    expect(mails.map((m) => m.to_address)).toEqual(['lea@studio.test']);
    const events = await db.query<{ actor: string }>("SELECT actor FROM audit_events WHERE type = 'guest.invited'");
    expect(events).toEqual([{ actor: 'cli' }]);
  }, 120_000);

  it('--from and --until take whole UTC days: from the start of the first to the end of the last', async () => {
    const { guest } = await cli(invite('tom@studio.test', '--from', utcDay(2), '--until', utcDay(12), '--json'));
    expect(guest.startsAt).toBe(`${utcDay(2)}T00:00:00.000Z`);
    expect(guest.endsAt).toBe(`${utcDay(12)}T23:59:59.999Z`);
    expect(guest.apps).toEqual([]);
  }, 120_000);

  it('list shows each guest with status, sponsor, end and apps; --filter and --search narrow it', async () => {
    const soon = await cli(invite('ann@studio.test', '--until', '3d', '--app', 'crm', '--company', 'Ann & Co', '--json'));
    const later = await cli(invite('ben@studio.test', '--from', utcDay(3), '--until', utcDay(20), '--json'));
    await cli(invite('cid@other.test', '--until', '40d'));
    await activate(soon.invitationLink);
    await activate(later.invitationLink);
    await server?.stop();
    server = undefined;

    const lines = (await cli(['guest', 'list'])).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^EMAIL\s+NAME\s+COMPANY\s+STATUS\s+SPONSOR\s+ENDS\s+APPS$/);
    // Soonest end first.
    expect(lines[1].split(/\s{2,}/)).toEqual(['ann@studio.test', 'Ann', 'Ann & Co', 'active', 'marie@acme.test', `${utcDay(3)} (in 3 days)`, 'CRM']);
    expect(lines[2].split(/\s{2,}/)).toEqual(['ben@studio.test', 'Ben', 'starting', 'marie@acme.test', `${utcDay(20)} (in 20 days)`, '(none)']);
    expect(lines[3].split(/\s{2,}/)).toEqual(['cid@other.test', 'Cid', 'invited', 'marie@acme.test', `${utcDay(40)} (in 40 days)`, '(none)']);
    expect(lines.at(-1)).toBe('3 guests: 1 invited, 1 starting, 1 active (1 ending within 7 days), 0 ended.');

    const emails = async (...args: string[]) => (await cli(['guest', 'list', ...args, '--json'])).items.map((g: { email: string }) => g.email);
    expect(await emails('--filter', 'ending')).toEqual(['ann@studio.test']);
    expect(await emails('--filter', 'active')).toEqual(['ann@studio.test']);
    expect(await emails('--filter', 'starting')).toEqual(['ben@studio.test']);
    expect(await emails('--filter', 'invited')).toEqual(['cid@other.test']);
    expect(await emails('--filter', 'ended')).toEqual([]);
    expect(await emails('--search', 'STUDIO')).toEqual(['ann@studio.test', 'ben@studio.test']);
    const listed = await cli(['guest', 'list', '--search', 'studio', '--filter', 'invited', '--json']);
    expect(listed.items).toEqual([]);
    expect(listed.counts).toEqual({ all: 2, invited: 0, starting: 1, active: 1, ending: 1, ended: 0 });
    expect((await cli(['guest', 'list', '--filter', 'ended'])).trim()).toBe('No guest is ended (1 invited, 1 starting, 1 active (1 ending within 7 days), 0 ended).');
    expect((await cli(['guest', 'list', '--search', 'nobody'])).trim()).toBe('No guest matches "nobody".');
  }, 180_000);

  it('extend moves the end (a duration counts from now), and refuses an end beyond the maximum', async () => {
    const { guest } = await cli(invite('lea@studio.test', '--until', '10d', '--json'));
    const extended = await cli(['guest', 'extend', 'lea@studio.test', '--until', '20d', '--json']);
    expect(extended.previousEndsAt).toBe(guest.endsAt);
    expect(Math.abs(Date.parse(extended.guest.endsAt) - (Date.now() + 20 * DAY_MS))).toBeLessThan(60_000);
    expect(extended.guest.startsAt).toBe(guest.startsAt);

    const text: string = await cli(['guest', 'extend', guest.id, '--until', utcDay(5)]);
    expect(text).toMatch(new RegExp(`^Shortened the access of Lea <lea@studio\\.test>: it ends ${utcDay(5)} 23:59 UTC \\(in 5 days; it was to end `));
    expect((await cli(['guest', 'show', 'lea@studio.test', '--json'])).guest.endsAt).toBe(`${utcDay(5)}T23:59:59.999Z`);

    const refused = await runCli(['guest', 'extend', 'lea@studio.test', '--until', '91d'], env);
    expectFailure(refused, 1, /^portal: --until: Guest access lasts at most 90 days/);
    expect((await cli(['guest', 'show', 'lea@studio.test', '--json'])).guest.endsAt).toBe(`${utcDay(5)}T23:59:59.999Z`);
    const events = await db.query<{ type: string }>("SELECT type FROM audit_events WHERE type LIKE 'guest.%' ORDER BY occurred_at, id");
    expect(events.map((e) => e.type)).toEqual(['guest.invited', 'guest.extended', 'guest.shortened']);
  }, 120_000);

  it('revoke ends the access now; list shows it ended; extend reactivates it', async () => {
    await cli(invite('lea@studio.test', '--until', '30d', '--app', 'Wiki'));
    const text: string = await cli(['guest', 'revoke', 'lea@studio.test']);
    expect(text.trim()).toMatch(/^Revoked the access of Lea <lea@studio\.test> at .* UTC: sign-in is refused, .* kept, disabled, until .* UTC, then erased\.$/);

    const { guest } = await cli(['guest', 'show', 'lea@studio.test', '--json']);
    expect(guest.status).toBe('ended');
    expect(guest.revokedAt).not.toBeNull();
    expect(Date.parse(guest.endsAt)).toBeLessThanOrEqual(Date.now());
    // GUEST_RETENTION_DAYS defaults to 30.
    expect(Date.parse(guest.eraseAfter) - Date.parse(guest.endsAt)).toBe(30 * DAY_MS);
    const row = (await cli(['guest', 'list'])).split('\n')[1].split(/\s{2,}/);
    // (No company: that column is blank.)
    expect(row.slice(2, 5)).toEqual(['ended (revoked)', 'marie@acme.test', `${guest.endsAt.slice(0, 10)} (ended just now)`]);
    expect((await cli(['guest', 'list', '--filter', 'ended', '--json'])).items.map((g: { email: string }) => g.email)).toEqual(['lea@studio.test']);
    // The end went through completely: sessions ended (none here) and the sponsor told.
    const events = await db.query<{ type: string; actor: string }>("SELECT type, actor FROM audit_events WHERE type IN ('guest.revoked', 'guest.access_ended', 'session.ended_all') ORDER BY type");
    expect(events).toEqual([
      { type: 'guest.access_ended', actor: 'cli' },
      { type: 'guest.revoked', actor: 'cli' },
      { type: 'session.ended_all', actor: 'cli' },
    ]);
    expect((await db.query<{ to_address: string }>('SELECT to_address FROM mail_outbox')).map((m) => m.to_address).sort()).toEqual(['lea@studio.test', 'marie@acme.test']);

    const again = await cli(['guest', 'revoke', 'lea@studio.test', '--json']);
    expect(again.alreadyEnded).toBeTrue();
    expect(again.guest.endsAt).toBe(guest.endsAt);

    const reactivated: string = await cli(['guest', 'extend', 'lea@studio.test', '--until', '2w']);
    expect(reactivated).toMatch(/^Reactivated the access of Lea <lea@studio\.test>: it ends .* \(in 14 days; it ended /);
    const back = (await cli(['guest', 'show', 'lea@studio.test', '--json'])).guest;
    expect(back).toEqual(jasmine.objectContaining({ status: 'invited', revokedAt: null, eraseAfter: null, apps: [{ id: wikiId, name: 'Wiki' }] }));
  }, 120_000);

  it('refuses bad invitations with exit 1 and the reason, naming the option, and creates nothing', async () => {
    await cli(['user', 'create', '--email', 'ivan@acme.test', '--name', 'Ivan']);
    const cases: Array<[string[], RegExp]> = [
      [invite('x@studio.test', '--until', utcDay(-1)), /^portal: --until: The end must be in the future/],
      [invite('x@studio.test', '--from', '2020-01-01', '--until', '30d'), /^portal: --from: The start can’t be in the past\./],
      [invite('x@studio.test', '--from', utcDay(10), '--until', utcDay(5)), /^portal: --until: The end must come after the start\./],
      [invite('x@studio.test', '--until', '91d'), /^portal: --until: Guest access lasts at most 90 days: choose an end on or before \d{4}-\d{2}-\d{2}\./],
      [invite('x@studio.test', '--until', utcDay(100)), /^portal: --until: Guest access lasts at most 90 days/],
      [['guest', 'invite', '--email', 'x@studio.test', '--name', 'X', '--sponsor', 'nobody@acme.test', '--until', '30d'], /^portal: --sponsor: No active employee matches “nobody@acme\.test”/],
      [invite('x@studio.test', '--until', '30d', '--app', 'Wiki', '--app', 'payroll'), /^portal: --app: No app has the id “payroll”\./],
      [invite('ivan@acme.test', '--until', '30d'), /^portal: --email: This address belongs to an employee’s account/],
      [invite('not-an-email', '--until', '30d'), /^portal: --email: /],
      [invite('x@studio.test', '--until', '30d', '--locale', 'de'), /^portal: --locale: Choose fr or en\./],
    ];
    for (const [args, message] of cases) expectFailure(await runCli(args, env), 1, message, args);

    const json = await runCli(invite('x@studio.test', '--until', '30d', '--app', 'payroll', '--json'), env);
    expectFailure(json, 1, /--app/);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'validation_failed', message: '--app: No app has the id “payroll”.' } });

    // Nothing half-created: no guest, no account, no grant, no mail, no audit event.
    expect((await cli(['guest', 'list', '--json'])).counts.all).toBe(0);
    expect((await db.query<{ email: string }>('SELECT email FROM users ORDER BY email')).map((u) => u.email)).toEqual(['ivan@acme.test', 'marie@acme.test']);
    expect(await db.query('SELECT * FROM guests')).toEqual([]);
    expect(await db.query('SELECT * FROM app_grants')).toEqual([]);
    expect(await db.query('SELECT * FROM mail_outbox')).toEqual([]);
    expect(await db.query("SELECT * FROM audit_events WHERE type LIKE 'guest.%'")).toEqual([]);
  }, 180_000);

  it('answers wrong usage with exit 2, and an unknown guest with exit 1, before changing anything', async () => {
    await cli(invite('lea@studio.test', '--until', '30d'));
    const usage: Array<[string[], RegExp]> = [
      [['guest'], /unknown command "guest"/],
      [['guest', 'delete', 'lea@studio.test'], /unknown command "guest delete lea@studio\.test"/],
      [['guest', 'invite', '--email', 'x@studio.test', '--name', 'X', '--until', '30d'], /guest invite needs --email, --name, --sponsor and --until/],
      [invite('x@studio.test', '--until', 'soon'), /--until: "soon" is not a date or a duration/],
      [invite('x@studio.test', '--until', '2027-02-30'), /--until: 2027-02-30 is not a day of the calendar/],
      [invite('x@studio.test', '--until', '0d'), /--until: a duration must be longer than 0/],
      [invite('x@studio.test', '--from', '2d', '--until', '30d'), /--from: give a date/],
      [invite('x@studio.test', '--until', '30d', '--group', 'IT'), /guest invite does not take --group/],
      [invite('x@studio.test', '--until', '30d', '--colour'), /Unknown option '--colour'/],
      [[...invite('x@studio.test'), '--until'], /--until.*missing/],
      [['guest', 'list', '--filter', 'soon'], /--filter: choose all, invited, starting, active, ending, ended/],
      [['guest', 'list', '--until', '3d'], /guest list does not take --until/],
      [['guest', 'extend', 'lea@studio.test'], /guest extend needs --until/],
      [['guest', 'extend', '--until', '3d'], /guest extend needs one guest email or id/],
      [['guest', 'revoke'], /guest revoke needs one guest email or id/],
      [['guest', 'revoke', 'lea@studio.test', 'ann@studio.test'], /guest revoke needs one guest email or id/],
    ];
    for (const [args, message] of usage) expectFailure(await runCli(args, env), 2, message, args);

    const unknown: Array<[string[], RegExp]> = [
      [['guest', 'revoke', 'nobody@studio.test'], /^portal: No guest matches "nobody@studio\.test" \(see `guest list`\)\.$/],
      [['guest', 'extend', 'marie@acme.test', '--until', '3d'], /^portal: No guest matches "marie@acme\.test"/],
      [['guest', 'show', '00000000-0000-4000-8000-000000000000'], /^portal: No guest matches/],
    ];
    for (const [args, message] of unknown) expectFailure(await runCli(args, env), 1, message, args);

    const { guest } = await cli(['guest', 'show', 'lea@studio.test', '--json']);
    expect(guest.status).toBe('invited');
    expect((await cli(['guest', 'list', '--json'])).counts.all).toBe(1);
  }, 180_000);
});

function nameOf(email: string): string {
  const local = email.split('@')[0];
  return local.charAt(0).toUpperCase() + local.slice(1).toLowerCase();
}

function expectFailure(result: Finished, code: number, message: RegExp, args: string[] = []): void {
  const context = `portal ${args.join(' ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code).withContext(context).toBe(code);
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '');
  expect(lines.length).withContext(context).toBe(1);
  expect(lines[0]).withContext(context).toMatch(/^portal: \S/);
  expect(lines[0]).withContext(context).toMatch(message);
  expect(result.stderr).withContext(context).not.toMatch(STACK_TRACE_LINE);
}
