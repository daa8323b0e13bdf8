// Small helpers shared by the npm scripts in tools/: run a command, build what is needed.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Where the built apps are: `dist/apps` (Nx's output), or PASSERELLE_BUILD_DIR (relative to the
 * workspace) to run a build made elsewhere, e.g. `node tools/build-api.mjs` into `dist/<name>`
 * while another run uses `dist/apps`. Holds `portal-api/apps/portal-api/src/main.js`.
 */
export const buildDir = path.resolve(root, process.env.PASSERELLE_BUILD_DIR || 'dist/apps');
export const apiMain = path.join(buildDir, 'portal-api/apps/portal-api/src/main.js');
export const cliMain = path.join(buildDir, 'portal-api/apps/portal-api/src/cli/main.js');

/**
 * Builds projects through Nx (its cache makes an unchanged build instant). Output goes to stderr
 * so that commands printing JSON on stdout stay clean. With PASSERELLE_BUILD_DIR set, nothing is
 * built: Nx would write to dist/apps, and the point of the override is to leave that alone.
 */
export function build(projects) {
  if (process.env.PASSERELLE_BUILD_DIR) {
    process.stderr.write(`PASSERELLE_BUILD_DIR=${process.env.PASSERELLE_BUILD_DIR}: using that build as it is (not building ${projects.join(', ')}).\n`);
    return;
  }
  const result = spawnSync(
    path.join(root, 'node_modules/.bin/nx'),
    ['run-many', '-t', 'build', '-p', ...projects, '--output-style=static', '--verbose=false'],
    { cwd: root, stdio: ['ignore', 2, 2], env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
  );
  if (result.status !== 0) {
    process.stderr.write(`Build failed (${projects.join(', ')}); see the messages above.\n`);
    process.exit(result.status ?? 1);
  }
}

/** Runs node on a script with the same stdio, forwarding Ctrl-C/TERM, and exits with its code. */
export function runNode(script, args = [], { exit = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      const status = code ?? (signal ? 1 : 0);
      if (exit && status !== 0) process.exit(status);
      resolve(status);
    });
  });
}
