import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlertRoutes, type AlertList } from '@passerelle/contracts';
import { alertSender, alertTo, EventStream, postWithToken, posted, type AlertSender } from '../support/alerts';
import { signedInBrowser } from '../support/catalog-rows';
import { createPerson, type Browser, type Person } from '../support/oidc-rp';
import { freePort, processEnv, startServer, type SpawnedServer } from '../support/spawned-portal';
import { createPostgresDatabase, testDatabaseKind } from '../support/test-database';
import { fakeWebDist, startTestPortal, type TestPortal } from '../support/test-portal';

/**
 * "What must be shown" #2: two portal processes on one PostgreSQL database. Process A runs in this
 * test process (so fixtures go through its services); process B is a separate `node main.js`, as a
 * second replica behind a load balancer would be. An alert posted to one reaches an SSE client of
 * the other (LISTEN/NOTIFY), and a client of B that reconnects with Last-Event-ID gets what it missed.
 *
 * PostgreSQL only: on SQLite there is one process by design. Run with TEST_DB=postgres; any other
 * database fails this file loudly rather than letting it pass by skipping.
 */
describe('Alerts across two portal processes (PostgreSQL)', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let a: TestPortal | undefined;
  let b: SpawnedServer | undefined;
  let bDir: string | undefined;
  let sender: AlertSender;
  let person: Person;
  /** The same person, signed in on each process. */
  let onA: Browser;
  let onB: Browser;

  beforeAll(async () => {
    if (testDatabaseKind() !== 'postgres') {
      throw new Error(`alerts-across-processes needs TEST_DB=postgres (got TEST_DB=${process.env['TEST_DB'] ?? 'unset'}): two processes share a database only on PostgreSQL`);
    }
    database = await createPostgresDatabase();
    // One instance key for both: secrets (client secrets, TOTP seeds) written by one are read by the other.
    const secretKey = randomBytes(32).toString('hex');
    a = await startTestPortal({ DATABASE_URL: database.url, SECRET_KEY: secretKey });
    bDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-b-'));
    const port = String(await freePort());
    b = startServer(
      processEnv({
        PORT: port,
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        DATA_DIR: path.join(bDir, 'data'),
        WEB_DIST_DIR: fakeWebDist(),
        DATABASE_URL: database.url,
        SECRET_KEY: secretKey,
      }),
    );
    await b.waitUntilReady(30_000);

    sender = await alertSender(a, { name: 'Monitoring' });
    person = await createPerson(a.app, { name: 'Pia Process' });
    const signedInOnA = await signedInBrowser(a.url, person);
    onA = signedInOnA.browser;
    // Her authenticator (enrolled through A) is in the shared database: B asks for its next code.
    onB = (await signedInBrowser(b.url, { ...person, authenticator: signedInOnA.authenticator })).browser;
  }, 90_000);

  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await database?.drop();
    if (bDir) fs.rmSync(bDir, { recursive: true, force: true });
  });

  const baseB = () => (b as SpawnedServer).url;

  it('runs B as a second process on A’s database, not a database of its own', async () => {
    expect(b?.running).toBeTrue();
    expect(b?.child.pid).not.toBe(process.pid);
    const first = await posted(sender.post(alertTo([person.email], { title: 'Stored through A' })));
    const list = (await onB.get(AlertRoutes.mine)).json() as AlertList;
    expect(list.items.map((x) => x.id)).toContain(first.id);
    // B accepts the token A issued: both read the same provider tables.
    const throughB = await postWithToken(baseB(), AlertRoutes.alerts, sender.token, alertTo([person.email], { title: 'Stored through B' }));
    expect(throughB.status).toBe(202);
    expect(((await onA.get(AlertRoutes.mine)).json() as AlertList).items.map((x) => x.id)).toContain(throughB.body.id);
  });

  it('delivers an alert posted to A to an SSE client connected to B, and one posted to B to a client of A', async () => {
    const clientOfB = await EventStream.open(baseB(), onB, { label: 'client of B' });
    const clientOfA = await EventStream.open((a as TestPortal).url, onA, { label: 'client of A' });
    try {
      const toA = await posted(sender.post(alertTo([person.email], { title: 'Disk 92% full on db-1', severity: 'critical' })));
      const event = await clientOfB.next('alert', (e) => e.data.id === toA.id);
      expect(event.data).toEqual(jasmine.objectContaining({ title: 'Disk 92% full on db-1', severity: 'critical', read: false }));
      const counts = await clientOfB.next('counts', () => true, { from: event.index + 1 });
      expect(counts.data.critical).toBeGreaterThanOrEqual(1);
      await clientOfA.next('alert', (e) => e.data.id === toA.id);

      const toB = await postWithToken(baseB(), AlertRoutes.alerts, sender.token, alertTo([person.email], { title: 'Posted to B' }));
      expect(toB.status).toBe(202);
      await clientOfA.next('alert', (e) => e.data.id === toB.body.id);
      await clientOfB.next('alert', (e) => e.data.id === toB.body.id);

      // Read state changed on A reaches B's client too (the person's other tab, on the other replica).
      expect((await onA.request(AlertRoutes.one(toA.id), { method: 'PATCH', json: { read: true } })).status).toBe(204);
      expect((await clientOfB.next('alert-state', (e) => e.data.ids.includes(toA.id))).data).toEqual({ ids: [toA.id], read: true });
    } finally {
      await Promise.all([clientOfA.close(), clientOfB.close()]);
    }
  });

  it('gives a client of B that reconnects with Last-Event-ID everything posted to A while it was away', async () => {
    const before = await EventStream.open(baseB(), onB, { label: 'B before' });
    const seen = await posted(sender.post(alertTo([person.email], { title: 'Seen on B' })));
    await before.next('alert', (e) => e.data.id === seen.id);
    const lastEventId = before.lastEventId as string;
    await before.close();

    const missed1 = await posted(sender.post(alertTo([person.email], { title: 'Missed 1' })));
    const missed2 = await posted(sender.post(alertTo([person.email], { title: 'Missed 2', severity: 'warning' })));

    const after = await EventStream.open(baseB(), onB, { label: 'B after', lastEventId, waitForCounts: false });
    try {
      await after.next('alert', (e) => e.data.id === missed2.id, { timeoutMs: 10_000 });
      const newer = after.events.filter((e) => e.event === 'alert' && Number(e.id) > Number(lastEventId)).map((e) => e.data.id);
      expect(newer).toEqual([missed1.id, missed2.id]);

      // And live again through A, with nothing lost in between.
      const live = await posted(sender.post(alertTo([person.email], { title: 'Live again' })));
      await after.next('alert', (e) => e.data.id === live.id);
      expect(after.events.filter((e) => e.event === 'alert' && Number(e.id) > Number(lastEventId)).map((e) => e.data.id)).toEqual([missed1.id, missed2.id, live.id]);
    } finally {
      await after.close();
    }
  });
});
