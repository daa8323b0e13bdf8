// A throwaway PostgreSQL cluster for integration tests: own temp dir, own free port, no fsync, torn down
// on stop() or when this process ends. It never touches a system cluster (e.g. Debian's on 5432).
// initdb/pg_ctl refuse to run as root, so when we are root they run as the `postgres` system user.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPgBinDir } from './ensure-prereqs.mjs';

/** A TCP port that was free a moment ago on 127.0.0.1 (bind port 0, read it, release it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function userIds(name) {
  const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startTestPostgres({ database = 'passerelle_test', log = () => undefined } = {}) {
  const bin = findPgBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found: install Debian package "postgresql" or set PG_BIN_DIR.');
  const asRoot = process.getuid?.() === 0;
  // As root, wrap every server tool in runuser; otherwise run them directly as ourselves.
  const run = (tool, args) =>
    execFileSync(asRoot ? 'runuser' : path.join(bin, tool), asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  // /tmp is world-traversable, so the postgres user can reach a dir it owns there.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-pg-'));
  if (asRoot) {
    const { uid, gid } = userIds('postgres');
    chownSync(dir, uid, gid);
  }
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  let running = false;

  let watchdog = null;
  const stop = () => {
    watchdog?.kill();
    watchdog = null;
    if (running) {
      running = false;
      try {
        run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      } catch (err) {
        log(`[postgres] pg_ctl stop failed: ${err.stderr || err.message}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
    process.off('exit', stop);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  };
  // Stop the cluster however we end: normal exit, uncaught error (exit), or Ctrl-C / kill.
  const onSignal = (signal) => {
    stop();
    process.kill(process.pid, signal); // re-raise with the default handler so the exit code says "signal"
  };
  process.on('exit', stop);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);

  try {
    run('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--encoding=UTF8', '--no-locale', '--no-sync']);
    const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    run('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', opts]);
    running = true;
    // Exit handlers cannot run on SIGKILL or a hard crash; a detached watchdog stops the cluster if we vanish.
    const pgCtl = asRoot ? `runuser -u postgres -- ${path.join(bin, 'pg_ctl')}` : path.join(bin, 'pg_ctl');
    watchdog = spawn(
      'sh',
      ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${pgCtl} stop -D '${dataDir}' -m immediate; rm -rf '${dir}'`],
      { detached: true, stdio: 'ignore' },
    );
    watchdog.unref();
  } catch (err) {
    const detail = `${err.stderr || ''}${err.stdout || ''}`.trim() || err.message;
    stop();
    throw new Error(`Could not start the test PostgreSQL cluster: ${detail}`);
  }

  const urlFor = (name) => `postgres://postgres@127.0.0.1:${port}/${name}`;
  const createDatabase = async (name) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsafe database name: ${name}`);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: urlFor('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return urlFor(name);
  };

  try {
    const url = await createDatabase(database);
    log(`[postgres] cluster on 127.0.0.1:${port} (${dataDir}), database ${database}`);
    return { url, port, dataDir, createDatabase, stop };
  } catch (err) {
    stop();
    throw err;
  }
}

// `node tools/test/postgres-harness.mjs` starts a cluster, prints its URL and keeps it up until Ctrl-C.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pgServer = await startTestPostgres({ log: console.log });
  console.log(`TEST_DATABASE_URL=${pgServer.url}  (Ctrl-C to stop and delete)`);
  setInterval(() => undefined, 1 << 30); // keep the process (and the cluster) alive
}
