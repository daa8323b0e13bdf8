// Starts a fresh portal-api (its own port, empty data directory, SQLite) for one group of specs, so every
// group sees a brand-new installation and nothing leaks between groups.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApiRoutes, OpsRoutes } from '@passerelle/contracts';

/** The repository root (the folder with nx.json), found from wherever the compiled spec lives. */
export const WORKSPACE_ROOT = (() => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'nx.json'))) return dir;
  }
  throw new Error(`no nx.json above ${__dirname}`);
})();
// E2E_BUILD_DIR (default dist/apps) lets a second checkout's build run beside the main one.
const BUILD_DIR = path.resolve(WORKSPACE_ROOT, process.env['E2E_BUILD_DIR'] || 'dist/apps');
const MAIN = path.join(BUILD_DIR, 'portal-api/apps/portal-api/src/main.js');
const CLI = path.join(BUILD_DIR, 'portal-api/apps/portal-api/src/cli/main.js');
const WEB_DIST_DIR = path.join(BUILD_DIR, 'portal-web/browser');
const WIDGET_DIST_DIR = path.join(BUILD_DIR, 'support-widget/browser');
const CLI_TIMEOUT_MS = 30_000;
const READY_TIMEOUT_MS = 30_000;
// The portal's own configuration variables: never inherit them from whoever runs the tests.
const PORTAL_VARIABLES = /^(NODE_ENV|HOST|PORT|PUBLIC_URL|DATA_DIR|DATABASE_URL|DATABASE_POOL_SIZE|SECRET_KEY|LOG_LEVEL|LOG_FORMAT|TRUST_PROXY|SETUP_LINK_TTL_MINUTES|ARGON2_\w+|METRICS_TOKEN|WEB_DIST_DIR|WIDGET_DIST_DIR)$/;

export interface TestServer {
  baseUrl: string;
  /** The environment the server runs with (same DATA_DIR, PUBLIC_URL…), for the ops CLI to share. */
  env: Readonly<NodeJS.ProcessEnv>;
  /** Everything the server printed so far (stdout and stderr interleaved). */
  output(): string;
  /** The one-time setup link the server printed on its empty database (waits for it briefly). */
  setupLink(): Promise<string>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface StartOptions {
  /**
   * Runs before the server process starts, with its address and environment already fixed (e.g. to
   * seed its data directory with the ops CLI, as `npm run demo` does). The data is removed if it fails.
   */
  beforeStart?(server: Pick<TestServer, 'baseUrl' | 'env'>): Promise<void>;
}

export async function startServer(extraEnv: Record<string, string> = {}, options: StartOptions = {}): Promise<TestServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-e2e-'));
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !PORTAL_VARIABLES.test(k)));
  Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PUBLIC_URL: baseUrl, NODE_ENV: 'test', WEB_DIST_DIR, WIDGET_DIST_DIR }, extraEnv);
  if (options.beforeStart) {
    try {
      await options.beforeStart({ baseUrl, env });
    } catch (error) {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  let output = '';
  const child: ChildProcess = spawn(process.execPath, [MAIN], { cwd: WORKSPACE_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited: string | null = null;
  child.on('exit', (code, signal) => (exited = `exited with ${signal ?? `code ${code}`}`));
  // If the test runner dies first, do not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer yet';
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`portal-api ${exited} before it was ready.\n--- server output ---\n${output}`);
    }
    try {
      const res = await fetch(baseUrl + OpsRoutes.readiness, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
      lastProblem = `GET ${OpsRoutes.readiness} answered ${res.status}`;
    } catch (err) {
      lastProblem = (err as Error).message;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`portal-api not ready after ${READY_TIMEOUT_MS / 1000} s (${lastProblem}).\n--- server output ---\n${output}`);
    }
    await sleep(150);
  }

  return {
    baseUrl,
    env,
    output: () => output,
    async setupLink() {
      // The link is printed with the startup banner; give the log stream a moment to flush.
      for (let i = 0; i < 50; i++) {
        const match = stripAnsi(output).match(/https?:\/\/[^\s"'<>\\]*\/setup#token=[^\s"'<>\\]+/);
        if (match) return match[0];
        await sleep(100);
      }
      throw new Error(`portal-api printed no setup link (/setup#token=…).\n--- server output ---\n${output}`);
    },
    stop,
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built ops CLI (`npm run portal -- …`) against this server's data, with the server's
 * environment; `input` is piped to its stdin (e.g. for --password-stdin).
 */
export function runCli(server: Pick<TestServer, 'env'>, args: readonly string[], input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: WORKSPACE_ROOT,
      env: { ...server.env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Finishes setup through the API (not the UI), for groups that need an installed portal. */
export async function completeSetupViaApi(server: TestServer): Promise<void> {
  const link = await server.setupLink();
  const token = new URL(link).hash.replace(/^#/, '').split('&').find((p) => p.startsWith('token='))?.slice('token='.length);
  const res = await fetch(server.baseUrl + ApiRoutes.setup, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      token: decodeURIComponent(token ?? ''),
      organisationName: 'Acme Test',
      name: 'Ada Admin',
      email: 'ada@example.test',
      password: ADMIN_PASSWORD,
    }),
  });
  if (!res.ok) throw new Error(`POST ${ApiRoutes.setup} answered ${res.status}: ${await res.text()}`);
}

export const ADMIN_PASSWORD = 'Correct-Horse-Battery-42!';
