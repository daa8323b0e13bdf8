// `npm run demo`: Passerelle with the demo organisation "Atelier Lumière SA" and three real demo apps
// (Wiki, CRM, Files) that sign in through it. Steps: build; start the demo apps (they must know their
// ports before they are registered); seed people, groups, sections and apps, which registers the demo
// apps' OIDC clients with fresh secrets; give the apps those secrets; start the portal. Ctrl+C stops all.
//
// PORT, PUBLIC_URL, DATA_DIR… are the portal's usual variables; DEMO_APPS_PORT (default 3101) is the
// Wiki's port, the CRM and Files take the next two.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { apiMain, build, buildDir, cliMain, root } from './run.mjs';

const require = createRequire(import.meta.url);
// From the same build as the portal (PASSERELLE_BUILD_DIR included).
const demoAppsMain = path.join(buildDir, 'demo-apps/apps/demo-apps/src/index.js');

build(['portal-api', 'portal-web', 'support-widget', 'demo-apps']);

// The same defaults as the portal's configuration (apps/portal-api/src/infra/config/config.ts).
const portalPort = process.env.PORT ?? '3000';
const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${portalPort}`).replace(/\/$/, '');
const issuer = `${publicUrl}/oidc`;
// Where this machine reaches the portal (PUBLIC_URL may be a proxy's address).
const listenHost = process.env.HOST ?? '127.0.0.1';
const localUrl = `http://${listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost === '::' ? '[::1]' : listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${portalPort}`;
const firstPort = Number(process.env.DEMO_APPS_PORT ?? 3101);
if (!Number.isInteger(firstPort) || firstPort < 1 || firstPort > 65533) fail(`DEMO_APPS_PORT must be a port number, not "${process.env.DEMO_APPS_PORT}".`);

function fail(message) {
  process.stderr.write(`demo: ${message}\n`);
  process.exit(1);
}

const { startDemoApps, DEMO_APP_KEYS } = require(demoAppsMain);
let demo;
try {
  demo = await startDemoApps({
    issuer,
    apps: Object.fromEntries(DEMO_APP_KEYS.map((key, i) => [key, { port: firstPort + i }])),
    log: (line) => process.stderr.write(`demo-apps ${line}\n`),
  });
} catch (error) {
  fail(`${error.message} Set DEMO_APPS_PORT to use other ports.`);
}

// The seed prints JSON (with the new client secrets) on stdout; its messages go to stderr.
const seed = spawnSync(process.execPath, [cliMain, 'demo', 'seed', '--json', ...DEMO_APP_KEYS.map((key) => `${key}=${demo.urls[key]}`)], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
});
if (seed.status !== 0) {
  await demo.stop();
  fail(`the demo seed failed (exit ${seed.status}): ${seed.stdout}`);
}
const seeded = JSON.parse(seed.stdout);
demo.configure(Object.fromEntries(DEMO_APP_KEYS.map((key) => [key, seeded.demoApps[key]])));

const portal = spawn(process.execPath, [apiMain], { cwd: root, stdio: 'inherit' });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  portal.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
portal.on('exit', async (code, signal) => {
  await demo.stop();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

// Welcome once the portal answers (the demo apps discover it on their first sign-in).
for (let i = 0; i < 600 && !stopping && portal.exitCode === null; i++) {
  const ready = await fetch(`${localUrl}/readyz`, { signal: AbortSignal.timeout(1000) }).then(
    (res) => res.ok,
    () => false,
  );
  if (ready) {
    welcome();
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}

function welcome() {
  const names = { wiki: 'Wiki', crm: 'CRM', files: 'Files' };
  const notes = { crm: 'Direction and Finance only; others can request access' };
  const apps = DEMO_APP_KEYS.map((key) => `${names[key].padEnd(6)} ${demo.urls[key]}${notes[key] ? `   (${notes[key]})` : ''}`);
  process.stdout.write(
    [
      '',
      `  Passerelle demo — ${seeded.organisation}`,
      '',
      `  Portal       ${publicUrl}`,
      `  Sign in as   ${seeded.administrator} (IT administrator),`,
      `               or anyone in: npm run --silent portal -- user list`,
      `  Password     ${seeded.password}`,
      '  People enrol their authenticator app (TOTP) at first sign-in.',
      '',
      `  Demo apps    ${apps.join('\n               ')}`,
      '',
      '  Ctrl+C stops everything.',
      '',
      '',
    ].join('\n'),
  );
}
