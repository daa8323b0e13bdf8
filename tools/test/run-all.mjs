// `npm test`: every check and test suite of the workspace, in order, each under a heading with its
// duration. A failed step does not stop the later ones (you see everything that is wrong in one run),
// but the run fails at the end. The very last line is always `<P> passed, <F> failed`.
//
//   npm test                                  everything
//   npm test -- --only api-unit,e2e           just these steps (prerequisites are always checked)
//   npm test -- --list                        the step names
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensurePrereqs } from './ensure-prereqs.mjs';
import { startTestPostgres } from './postgres-harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS_DIR = path.join(root, 'tmp', 'test-results');
const nx = path.join(root, 'node_modules', '.bin', 'nx');
const node = process.execPath;
const API_SPECS_OUT = 'dist/out-tsc/portal-api';
const E2E_OUT = 'dist/out-tsc/portal-e2e';
const DEMO_SPECS_OUT = 'dist/out-tsc/demo-apps';
const API_MAIN = 'dist/apps/portal-api/apps/portal-api/src/main.js';

/** Every result row: checks (lint, typecheck, build, compiles) and test suites. */
const rows = [];
const record = (name, counts, note = '') => rows.push({ name, passed: 0, failed: 0, skipped: 0, ...counts, note });

// ---------------------------------------------------------------- process helpers

/** Runs a command with output streamed through; resolves { code, output } (never rejects). */
function run(cmd, args, { env = {}, label = [cmd, ...args].join(' ') } = {}) {
  console.log(`$ ${label}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (process.stdout.write(d), (output += d)));
    child.stderr.on('data', (d) => (process.stderr.write(d), (output += d)));
    child.on('error', (err) => resolve({ code: 127, output: output + String(err) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Records an nx run-many step as one check per project when nx says how many, else 1 passed / 1 failed. */
function recordNx(name, { code, output }) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  // nx prints "Running target lint for 4 projects:" (or "… for project x") and, on failure, "Failed tasks:" + "- p:t" lines.
  const many = plain.match(/(?:Running|ran) targets? .*? for (\d+) projects/i);
  const total = many ? Number(many[1]) : /(?:Running|ran) targets? .*? for project \S+/i.test(plain) ? 1 : 0;
  const failedTasks = [...(plain.split(/Failed tasks:/)[1] ?? '').matchAll(/^\s*- (\S+:\S+)/gm)].map((m) => m[1]);
  if (code === 0) return record(name, { passed: Math.max(total, 1) }, total ? `${total} project${total > 1 ? 's' : ''}` : '');
  const failed = Math.max(failedTasks.length, 1);
  return record(name, { failed, passed: Math.max(total - failed, 0) }, failedTasks.length ? failedTasks.join(' ') : `exit ${code}`);
}

/** Reads tmp/test-results/<suite>.json after a suite ran; a suite that wrote nothing or exited badly fails. */
function recordSuite(suite, code, note = '') {
  const file = path.join(RESULTS_DIR, `${suite}.json`);
  if (!existsSync(file)) return record(suite, { failed: 1 }, note || `no ${path.relative(root, file)} (crashed? exit ${code})`);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  const counts = { passed: r.passed ?? 0, failed: r.failed ?? 0, skipped: r.skipped ?? 0 };
  if (code !== 0 && counts.failed === 0) return record(suite, { ...counts, failed: 1 }, `exit ${code} with no failed spec`);
  return record(suite, counts, note || r.error || '');
}

function jasmine(suite, specDir, specGlobs, { env = {}, timeout } = {}) {
  const args = ['tools/test/jasmine-run.mjs', '--suite', suite, '--spec-dir', specDir, ...[specGlobs].flat().flatMap((glob) => ['--spec', glob])];
  if (timeout) args.push('--timeout', String(timeout));
  return run(node, args, { env: { TEST_SUITE: suite, ...env } }).then(({ code }) => recordSuite(suite, code));
}

// ---------------------------------------------------------------- steps

// Compiled once, shared by the unit and both integration suites. Stale output from deleted specs must
// not run, so the output folder starts empty.
let apiSpecsCompiled;
function compileApiSpecs() {
  apiSpecsCompiled ??= (async () => {
    rmSync(path.join(root, API_SPECS_OUT), { recursive: true, force: true });
    const { code } = await run(node, ['tools/build-api.mjs', 'apps/portal-api/tsconfig.spec.json']);
    record('compile api specs', code === 0 ? { passed: 1 } : { failed: 1 }, code === 0 ? '' : `exit ${code}`);
    return code === 0;
  })();
  return apiSpecsCompiled;
}

async function apiSuite(suite, glob, env = {}) {
  if (!(await compileApiSpecs())) return record(suite, { failed: 1 }, 'not run: spec compilation failed');
  return jasmine(suite, API_SPECS_OUT, glob, { env });
}

const BOUNDARY_PROBES = [
  {
    name: 'web must not import api',
    project: 'portal-web',
    file: 'apps/portal-web/src/app/boundary-probe.generated.ts',
    source: "import { loadConfig } from '../../../portal-api/src/infra/config/config';\nexport const probe = loadConfig;\n",
    rule: '@nx/enforce-module-boundaries',
  },
  {
    name: 'shared contracts stay framework-free',
    project: 'shared-contracts',
    file: 'libs/shared/contracts/src/lib/boundary-probe.generated.ts',
    source: "import { Injectable } from '@angular/core';\nexport const probe = Injectable;\n",
    rule: 'no-restricted-imports',
  },
];

const INTEGRATION_GLOB = 'apps/portal-api/test/integration/**/*.spec.js';
/** What needs PostgreSQL itself (several processes on one database, LISTEN/NOTIFY): that suite only. */
const POSTGRES_ONLY_GLOB = 'apps/portal-api/test/postgres-only/**/*.spec.js';

const STEPS = {
  lint: async () =>
    recordNx('lint', await run(nx, ['run-many', '-t', 'lint', '--output-style=static'])),
  boundaries: async () => {
    // The layering rules must actually bite: each probe breaks one rule and lint has to refuse it.
    for (const probe of BOUNDARY_PROBES) {
      const file = path.join(root, probe.file);
      writeFileSync(file, probe.source);
      try {
        const { code, output } = await run(nx, ['run', `${probe.project}:lint`, '--output-style=static', '--skip-nx-cache']);
        const refused = code !== 0 && output.includes(probe.rule);
        record(`boundary: ${probe.name}`, refused ? { passed: 1 } : { failed: 1 }, refused ? `refused by ${probe.rule}` : 'lint accepted it');
      } finally {
        rmSync(file, { force: true });
      }
    }
  },
  typecheck: async () =>
    recordNx('typecheck', await run(nx, ['run-many', '-t', 'typecheck', '--output-style=static'])),
  build: async () =>
    recordNx('build', await run(nx, ['run-many', '-t', 'build', '-p', 'portal-api', 'portal-web', 'support-widget', '--output-style=static'])),
  'api-unit': () => apiSuite('api-unit', 'apps/portal-api/src/**/*.spec.js'),
  'demo-unit': async () => {
    // The demo apps' own specs; their sign-in against the real portal is in the API integration suites.
    rmSync(path.join(root, DEMO_SPECS_OUT), { recursive: true, force: true });
    const { code } = await run(node, ['tools/build-api.mjs', 'apps/demo-apps/tsconfig.spec.json']);
    if (code !== 0) return record('demo-unit', { failed: 1 }, 'not run: demo-apps specs did not compile');
    await jasmine('demo-unit', DEMO_SPECS_OUT, 'apps/demo-apps/src/**/*.spec.js');
  },
  'api-integration-sqlite': () => apiSuite('api-integration-sqlite', INTEGRATION_GLOB, { TEST_DB: 'sqlite' }),
  'api-integration-postgres': async () => {
    const suite = 'api-integration-postgres';
    if (!(await compileApiSpecs())) return record(suite, { failed: 1 }, 'not run: spec compilation failed');
    let pg;
    try {
      pg = await startTestPostgres({ log: console.log });
    } catch (err) {
      console.error(err.message);
      return record(suite, { failed: 1 }, 'not run: PostgreSQL did not start');
    }
    try {
      await jasmine(suite, API_SPECS_OUT, [INTEGRATION_GLOB, POSTGRES_ONLY_GLOB], { env: { TEST_DB: 'postgres', TEST_DATABASE_URL: pg.url } });
    } finally {
      pg.stop();
    }
  },
  'web-unit': async () => {
    // --skip-nx-cache: a cache hit would not rewrite tmp/test-results/web-unit.json, which we just deleted.
    const { code } = await run(nx, ['run', 'portal-web:test', '--output-style=static', '--skip-nx-cache']);
    recordSuite('web-unit', code);
  },
  'widget-unit': async () => {
    // The support widget's own specs (Karma + Chromium), like web-unit; writes tmp/test-results/widget-unit.json.
    const { code } = await run(nx, ['run', 'support-widget:test', '--output-style=static', '--skip-nx-cache']);
    recordSuite('widget-unit', code);
  },
  e2e: async () => {
    if (!existsSync(path.join(root, API_MAIN))) {
      console.error(`${API_MAIN} is missing: the e2e suite needs a build (npm test -- --only build,e2e).`);
      return record('e2e', { failed: 1 }, 'not run: no API build');
    }
    rmSync(path.join(root, E2E_OUT), { recursive: true, force: true });
    rmSync(path.join(root, 'test-results', 'e2e'), { recursive: true, force: true });
    const { code } = await run(node, ['tools/build-api.mjs', 'apps/portal-e2e/tsconfig.json']);
    if (code !== 0) return record('e2e', { failed: 1 }, 'not run: e2e specs did not compile');
    await jasmine('e2e', E2E_OUT, 'apps/portal-e2e/src/**/*.spec.js', { timeout: 60_000 });
  },
};
// Convenience groups for --only.
const GROUPS = { 'api-integration': ['api-integration-sqlite', 'api-integration-postgres'], api: ['api-unit', 'api-integration-sqlite', 'api-integration-postgres'], checks: ['lint', 'boundaries', 'typecheck'] };

// ---------------------------------------------------------------- main

const { values: opts } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean' } } });
if (opts.list) {
  console.log(`steps: ${Object.keys(STEPS).join(', ')}\ngroups: ${Object.entries(GROUPS).map(([g, s]) => `${g}=${s.join('+')}`).join(', ')}`);
  process.exit(0);
}
let selected = Object.keys(STEPS);
if (opts.only) {
  const wanted = opts.only.split(',').map((s) => s.trim()).filter(Boolean).flatMap((s) => GROUPS[s] ?? [s]);
  const unknown = wanted.filter((s) => !STEPS[s]);
  if (unknown.length) {
    console.log(`unknown step(s): ${unknown.join(', ')}; steps are ${Object.keys(STEPS).join(', ')}`);
    console.log('0 passed, 1 failed');
    process.exit(2);
  }
  selected = selected.filter((s) => wanted.includes(s)); // keep the canonical order
}

rmSync(RESULTS_DIR, { recursive: true, force: true });
const runStarted = Date.now();
const timings = [];

async function step(name, index, total, fn) {
  console.log(`\n━━━ [${index}/${total}] ${name} ━━━`);
  const started = Date.now();
  const before = rows.length;
  try {
    await fn();
  } catch (err) {
    console.error(err?.stack ?? err);
    record(name, { failed: 1 }, `crashed: ${err?.message ?? err}`);
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const bad = rows.slice(before).some((r) => r.failed > 0);
  timings.push({ name, secs });
  console.log(`━━━ ${name}: ${bad ? 'FAILED' : 'ok'} (${secs} s)`);
  return !bad;
}

const total = selected.length + 1;
await step('prerequisites', 1, total, async () => {
  try {
    const found = ensurePrereqs();
    // Karma, the e2e specs and the harness all read these.
    process.env.CHROME_BIN = found.chromium;
    process.env.PG_BIN_DIR = found.pgBinDir;
  } catch (err) {
    console.error(err.message);
    record('prerequisites', { failed: 1 }, err.message);
  }
});
// Even without prerequisites the other steps run: lint and build still tell you something, and the
// suites that need Chromium or PostgreSQL fail on their own with the reason.
for (const [i, name] of selected.entries()) await step(name, i + 2, total, STEPS[name]);

// Suites that wrote a result file nobody asked for (e.g. a helper's own run) still count.
const known = new Set(rows.map((r) => r.name));
if (existsSync(RESULTS_DIR)) {
  for (const f of readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'))) {
    const suite = f.replace(/\.json$/, '');
    if (!known.has(suite)) recordSuite(suite, 0, 'extra result file');
  }
}

const P = rows.reduce((n, r) => n + r.passed, 0);
const F = rows.reduce((n, r) => n + r.failed, 0);
const S = rows.reduce((n, r) => n + r.skipped, 0);
const w = Math.max(...rows.map((r) => r.name.length), 10);
console.log(`\n${'suite / check'.padEnd(w)}  passed  failed  skipped  note`);
for (const r of rows) {
  console.log(`${r.name.padEnd(w)}  ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}  ${r.failed ? '✖ ' : ''}${r.note}`);
}
console.log(`${'total'.padEnd(w)}  ${String(P).padStart(6)}  ${String(F).padStart(6)}  ${String(S).padStart(7)}  in ${((Date.now() - runStarted) / 1000).toFixed(0)} s (${timings.map((t) => `${t.name} ${t.secs}s`).join(', ')})`);
console.log(`${P} passed, ${F} failed`);
process.exitCode = F === 0 ? 0 : 1;
