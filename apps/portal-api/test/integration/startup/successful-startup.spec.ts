import fs from 'node:fs';
import path from 'node:path';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../src/infra/database/migrations';
import {
  delay,
  freePort,
  listTree,
  processEnv,
  spawnDatabase,
  startServer,
  type SpawnDatabase,
  type SpawnedServer,
} from '../../support/spawned-portal';

const KEY_WARNING = /Generated a new instance key in (\S+)instance\.key\./;

/** `npm start` as a real process, over a fresh database of the TEST_DB kind. */
describe('Server start-up (successful)', () => {
  let db: SpawnDatabase;
  let servers: SpawnedServer[];

  beforeEach(async () => {
    db = await spawnDatabase();
    servers = [];
  });
  afterEach(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await db?.cleanup();
  });

  async function start(vars: Record<string, string> = {}): Promise<SpawnedServer> {
    const server = startServer(processEnv({ ...db.env, PORT: String(await freePort()), HOST: '127.0.0.1', ...vars }));
    servers.push(server);
    return server;
  }

  const migrationNames = () => (db.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS).map((m) => new m().name ?? m.name).sort();
  const keyFile = () => path.join(db.dataDir, 'instance.key');

  it('creates instance.key (mode 0600) on a fresh data folder and warns about it; SQLite runs in WAL mode', async () => {
    expect(fs.existsSync(db.dataDir)).toBeFalse();
    const server = await start();
    await server.waitUntilReady();

    const key = fs.readFileSync(keyFile(), 'utf8');
    expect(key).toMatch(/^[0-9a-f]{64}\n$/);
    expect(fs.statSync(keyFile()).mode & 0o777).toBe(0o600);
    expect(fs.statSync(db.dataDir).mode & 0o777).toBe(0o700);
    await server.waitForOutput(KEY_WARNING);
    expect(server.stdout.match(KEY_WARNING)?.[1]).toBe(db.dataDir + path.sep);
    expect(server.stdout).toMatch(/WARN.*Back it up with the database/);

    const stopped = await server.stop();
    expect(stopped.killed).toBeFalse();
    expect(stopped.stderr).toBe('');
    if (db.kind === 'sqlite') {
      expect(await db.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    } else {
      // The PostgreSQL run keeps nothing but the key in the data folder.
      expect(listTree(db.dataDir)).toEqual(['instance.key']);
    }

    // The next start reuses the key and says nothing about it.
    const again = await start();
    await again.waitUntilReady();
    await again.stop();
    expect(fs.readFileSync(keyFile(), 'utf8')).toBe(key);
    expect(again.stdout).not.toMatch(KEY_WARNING);
  }, 40_000);

  it('lets two servers started at the same moment on one fresh database both become ready, migrating once', async () => {
    const [first, second] = await Promise.all([start(), start()]);
    await Promise.all([first.waitUntilReady(30_000), second.waitUntilReady(30_000)]);
    for (const server of [first, second]) {
      const response = await fetch(`${server.url}/readyz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'ready', database: 'ok' });
    }
    // Both agree on one instance key: exactly one of them generated it (and says so).
    await Promise.any([first.waitForOutput(KEY_WARNING), second.waitForOutput(KEY_WARNING)]);
    await delay(500);
    expect([first, second].filter((s) => KEY_WARNING.test(s.stdout)).length).toBe(1);
    await Promise.all([first.stop(), second.stop()]);
    expect(first.stderr + second.stderr).toBe('');

    const rows = await db.query<{ name: string }>('SELECT name FROM migrations');
    expect(rows.map((r) => r.name).sort()).toEqual(migrationNames());
  }, 60_000);

  it('writes no instance.key when SECRET_KEY is set', async () => {
    const server = await start({ SECRET_KEY: 'c0ffee'.repeat(10) + 'c0de' });
    await server.waitUntilReady();
    await server.stop();
    expect(fs.existsSync(keyFile())).toBeFalse();
    expect(server.stdout).not.toMatch(/instance key/);
    expect(server.stderr).toBe('');
    expect(listTree(db.dataDir).filter((f) => !f.startsWith('passerelle.sqlite'))).toEqual([]);
  }, 30_000);

  it('stops cleanly on SIGTERM: finishes, closes the database, flushes its logs and exits 0', async () => {
    const server = await start({ LOG_LEVEL: 'info' });
    await server.waitUntilReady();
    const stopped = await server.stop('SIGTERM');
    expect(stopped.killed).withContext('needed SIGKILL').toBeFalse();
    expect({ code: stopped.code, signal: stopped.signal }).toEqual({ code: 0, signal: null });
    expect(server.stdout).toMatch(/Received SIGTERM, stopping/);
    expect(stopped.stderr).toBe('');
    expect(await fetch(`${server.url}/healthz`).then(() => 'answered', () => 'refused')).toBe('refused');
    if (db.kind === 'sqlite') {
      // Closing the last connection checkpoints the WAL and removes it.
      expect(listTree(db.dataDir).filter((f) => f.endsWith('-wal'))).toEqual([]);
    }

    // The database is intact: the next start applies nothing and is ready.
    const next = await start({ LOG_LEVEL: 'info' });
    await next.waitUntilReady();
    await next.waitForOutput(/is ready at/);
    expect(next.stdout).not.toMatch(/Applied database migrations/);
  }, 40_000);
});
