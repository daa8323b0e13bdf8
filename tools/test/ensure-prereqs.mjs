// Makes sure the machine has what the test suites need beyond node_modules: a Chromium for Karma and
// Playwright, and PostgreSQL server binaries for the throwaway cluster. Installs them with apt when we
// can (root + apt-get); otherwise fails with one line that says what to install. Never skips tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PG_TOOLS = ['initdb', 'pg_ctl', 'postgres'];

/** Path of the Chromium binary to use, or null. CHROME_BIN wins when set. */
export function findChromium() {
  const candidates = process.env.CHROME_BIN ? [process.env.CHROME_BIN] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/** Directory holding initdb/pg_ctl/postgres, or null. PG_BIN_DIR wins; else the highest /usr/lib/postgresql/<v>/bin. */
export function findPgBinDir() {
  const hasAll = (dir) => PG_TOOLS.every((t) => existsSync(path.join(dir, t)));
  if (process.env.PG_BIN_DIR) return hasAll(process.env.PG_BIN_DIR) ? process.env.PG_BIN_DIR : null;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(base, v, 'bin');
    if (hasAll(dir)) return dir;
  }
  return null;
}

function canApt() {
  return process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

function missing() {
  const m = [];
  if (!findChromium()) m.push('chromium');
  if (!findPgBinDir()) m.push('postgresql');
  return m;
}

/**
 * Returns { chromium, pgBinDir } once both exist, installing Debian packages if needed.
 * Throws an Error with a one-line message when they cannot be had.
 */
export function ensurePrereqs({ log = console.log } = {}) {
  let packages = missing();
  // An explicit CHROME_BIN / PG_BIN_DIR that points nowhere is a configuration mistake, not something apt fixes.
  const installable = packages.filter((p) => !(p === 'chromium' ? process.env.CHROME_BIN : process.env.PG_BIN_DIR));
  if (installable.length && canApt()) {
    packages = installable;
    log(`[prereqs] missing ${packages.join(', ')}: running apt-get update`);
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    log(`[prereqs] apt-get install -y --no-install-recommends ${packages.join(' ')}`);
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    // Debian's postgresql package may start a default cluster on 5432; our harness uses its own port and never touches it.
    packages = missing();
  }
  if (packages.length) {
    const hints = [];
    if (packages.includes('chromium')) hints.push(process.env.CHROME_BIN ? `CHROME_BIN=${process.env.CHROME_BIN} does not exist` : 'Debian package "chromium" (or set CHROME_BIN)');
    if (packages.includes('postgresql')) hints.push(process.env.PG_BIN_DIR ? `PG_BIN_DIR=${process.env.PG_BIN_DIR} lacks initdb/pg_ctl/postgres` : 'Debian package "postgresql" (or set PG_BIN_DIR)');
    throw new Error(`Missing test prerequisites: install ${hints.join(' and ')}.`);
  }
  const result = { chromium: findChromium(), pgBinDir: findPgBinDir() };
  log(`[prereqs] chromium: ${result.chromium}; postgresql: ${result.pgBinDir}`);
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    ensurePrereqs();
  } catch (err) {
    console.error(err instanceof Error && !('status' in err) ? err.message : `Missing test prerequisites: ${err.message}`);
    process.exit(1);
  }
}
