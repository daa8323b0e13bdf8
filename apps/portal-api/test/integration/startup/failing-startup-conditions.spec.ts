import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  exitOf,
  freePort,
  listTree,
  processEnv,
  spawnDatabase,
  startServer,
  STACK_TRACE_LINE,
  type SpawnDatabase,
  type SpawnedServer,
} from '../../support/spawned-portal';

/**
 * `npm start` with something wrong: the process ends with exit 1 within seconds, says what is wrong
 * in ONE `passerelle: …` line on stderr (no stack trace), and leaves no half-created files.
 */
describe('Server start-up (failing conditions)', () => {
  let db: SpawnDatabase;
  let server: SpawnedServer | undefined;
  let port: number;

  beforeEach(async () => {
    db = await spawnDatabase();
    port = await freePort();
  });
  afterEach(async () => {
    await server?.stop('SIGKILL');
    server = undefined;
    await db?.cleanup();
  });

  /** Starts main.js with the TEST_DB database plus `vars`, and checks the common failure contract. */
  async function expectStartFailure(vars: Record<string, string>, message: RegExp): Promise<{ stdout: string; line: string }> {
    const dataDir = vars['DATA_DIR'] ?? db.dataDir;
    const before = fs.existsSync(dataDir) ? listTree(dataDir) : undefined;
    server = startServer(processEnv({ ...db.env, PORT: String(port), HOST: '127.0.0.1', ...vars }));
    const result = await exitOf(server);
    const context = `stdout: ${result.stdout}\nstderr: ${result.stderr}`;

    expect(result.code).withContext(context).toBe(1);
    expect(result.tookMs).withContext(context).toBeLessThan(10_000);
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines.length).withContext(context).toBe(1);
    expect(lines[0]).withContext(context).toMatch(/^passerelle: \S/);
    expect(lines[0]).withContext(context).toMatch(message);
    expect(result.stderr + result.stdout).withContext(context).not.toMatch(STACK_TRACE_LINE);
    // A start that fails does not announce a key it has removed again, nor a setup link.
    expect(result.stdout).withContext(context).not.toMatch(/instance key|setup#token=/);

    if (before === undefined) expect(fs.existsSync(dataDir)).withContext(`${dataDir} was created`).toBeFalse();
    else expect(listTree(dataDir)).withContext(`new files in ${dataDir}`).toEqual(before);
    return { stdout: result.stdout, line: lines[0] };
  }

  describe('with a wrong DATABASE_URL', () => {
    it('refuses another scheme than postgres://', async () => {
      await expectStartFailure({ DATABASE_URL: 'mysql://x/y' }, /configuration error: DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
    }, 30_000);

    it('refuses something that is not a URL', async () => {
      await expectStartFailure({ DATABASE_URL: 'not a url' }, /configuration error: DATABASE_URL .*not a valid URL/);
    }, 30_000);

    it('refuses a URL without a database name', async () => {
      await expectStartFailure({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432' }, /DATABASE_URL must name a host and a database/);
    }, 30_000);

    it('says PostgreSQL is unreachable, with its address, and removes the new data folder', async () => {
      await expectStartFailure(
        { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/passerelle' },
        /Cannot connect to PostgreSQL \(DATABASE_URL\) at 127\.0\.0\.1:1: nothing is listening/,
      );
    }, 30_000);

    it('leaves an existing data folder as it was when PostgreSQL is unreachable', async () => {
      fs.mkdirSync(db.dataDir);
      fs.writeFileSync(path.join(db.dataDir, 'notes.txt'), 'kept');
      await expectStartFailure({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/passerelle' }, /PostgreSQL.*127\.0\.0\.1:1/);
      expect(fs.readFileSync(path.join(db.dataDir, 'notes.txt'), 'utf8')).toBe('kept');
    }, 30_000);
  });

  describe('when the port is taken', () => {
    let occupier: net.Server;

    beforeEach(async () => {
      occupier = net.createServer();
      await new Promise<void>((resolve, reject) => {
        occupier.once('error', reject);
        occupier.listen(port, '127.0.0.1', () => resolve());
      });
    });
    afterEach(async () => {
      await new Promise((resolve) => occupier.close(resolve));
    });

    it('names the port and creates no data folder', async () => {
      await expectStartFailure({}, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    }, 30_000);

    it('adds nothing to an existing data folder', async () => {
      fs.mkdirSync(db.dataDir);
      await expectStartFailure({}, new RegExp(`Port ${port} .*already in use`));
      expect(listTree(db.dataDir)).toEqual([]);
    }, 30_000);
  });

  describe('with an unusable data folder', () => {
    it('says so when a part of DATA_DIR is a regular file', async () => {
      const file = path.join(db.root, 'a-file');
      fs.writeFileSync(file, 'not a folder');
      const dataDir = path.join(file, 'sub');
      await expectStartFailure({ DATA_DIR: dataDir }, new RegExp(`DATA_DIR ${escape(dataDir)} cannot be created \\(a part of the path is a file`));
      expect(fs.readFileSync(file, 'utf8')).toBe('not a folder');
    }, 30_000);

    it('says so, promptly, for DATA_DIR=/proc/passerelle', async () => {
      await expectStartFailure({ DATA_DIR: '/proc/passerelle' }, /DATA_DIR \/proc\/passerelle cannot be created/);
    }, 30_000);

    it('removes every folder it created on the way to DATA_DIR when the start fails later', async () => {
      const nested = path.join(db.root, 'new', 'deeper', 'data');
      await expectStartFailure({ DATA_DIR: nested, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/passerelle' }, /PostgreSQL/);
      expect(fs.existsSync(path.join(db.root, 'new'))).toBeFalse();
    }, 30_000);
  });

  describe('with a malformed variable', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['PORT', 'abc', /PORT must be a whole number from 0 to 65535 \(got "abc"\)/],
      ['PORT', '70000', /PORT must be a whole number from 0 to 65535 \(got "70000"\)/],
      ['LOG_LEVEL', 'loud', /LOG_LEVEL must be one of .* \(got "loud"\)/],
      ['SECRET_KEY', 'short', /SECRET_KEY must be 32 random bytes/],
      ['PUBLIC_URL', 'ftp://x', /PUBLIC_URL must start with http:\/\/ or https:\/\//],
      ['TRUST_PROXY', 'maybe', /TRUST_PROXY must be true, false or the number of proxies/],
      ['NODE_ENV', 'staging', /NODE_ENV must be one of development, production, test/],
    ];
    for (const [name, value, message] of cases) {
      it(`names ${name} when it is "${value}"`, async () => {
        const { line } = await expectStartFailure({ [name]: value }, message);
        expect(line).toMatch(/^passerelle: configuration error: /);
        if (name !== 'SECRET_KEY') expect(line).toContain(value);
      }, 30_000);
    }

    it('never echoes a wrong SECRET_KEY', async () => {
      const { line, stdout } = await expectStartFailure({ SECRET_KEY: 'hunter2-secret' }, /SECRET_KEY/);
      expect(line + stdout).not.toContain('hunter2');
    }, 30_000);
  });

  it('requires SECRET_KEY when NODE_ENV=production', async () => {
    await expectStartFailure({ NODE_ENV: 'production' }, /configuration error: SECRET_KEY is required when NODE_ENV=production/);
  }, 30_000);

  it('refuses a damaged instance.key and leaves the file as it was', async () => {
    fs.mkdirSync(db.dataDir);
    const keyFile = path.join(db.dataDir, 'instance.key');
    fs.writeFileSync(keyFile, 'this is not a key\n', { mode: 0o600 });
    await expectStartFailure({}, new RegExp(`The instance key ${escape(keyFile)} is damaged.*Restore it from backup`));
    expect(fs.readFileSync(keyFile, 'utf8')).toBe('this is not a key\n');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('refuses a damaged SQLite database file and leaves the data folder as it was', async () => {
    fs.mkdirSync(db.dataDir);
    fs.writeFileSync(path.join(db.dataDir, 'instance.key'), 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const garbage = Buffer.alloc(8192, 'this is not a database ');
    fs.writeFileSync(path.join(db.dataDir, 'passerelle.sqlite'), garbage);
    // DATABASE_URL empty means the embedded SQLite database, in the PostgreSQL run too.
    await expectStartFailure({ DATABASE_URL: '' }, /SQLite|database/i);
    expect(fs.readFileSync(path.join(db.dataDir, 'passerelle.sqlite')).equals(garbage)).toBeTrue();
  }, 30_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
