import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { createPostgresDatabase, testDatabaseKind, type TestDatabaseKind } from './test-database';

/**
 * Helpers for specs that run Passerelle as a real process (`main.js` or the ops CLI), the way an
 * operator does. The scripts are the ones compiled together with the specs, so they always match.
 */
export const SERVER_SCRIPT = compiled('src/main.js');
export const CLI_SCRIPT = compiled('src/cli/main.js');

/** A line of a JavaScript stack trace ("    at fn (file:1:2)"). */
export const STACK_TRACE_LINE = /^\s+at /m;

function compiled(relative: string): string {
  // This file is compiled to <out>/apps/portal-api/test/support/; the app to <out>/apps/portal-api/src/.
  const file = path.resolve(__dirname, '..', '..', relative);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: compile with \`node tools/build-api.mjs apps/portal-api/tsconfig.spec.json\``);
  return file;
}

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment of a spawned process, from scratch: never the parent's DATABASE_URL, SECRET_KEY… */
export function processEnv(vars: Record<string, string>): Record<string, string> {
  return { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NODE_ENV: 'test', LOG_LEVEL: 'warn', ...vars };
}

/** Runs a script to its end; rejects (after killing it) if it takes longer than `timeoutMs`. */
export function runScript(
  script: string,
  args: string[],
  { env, stdin, timeoutMs = 20_000 }: { env: Record<string, string>; stdin?: string; timeoutMs?: number },
): Promise<Finished> {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  const output = collect(child);
  child.stdin?.on('error', () => undefined); // the process may exit before reading it
  child.stdin?.end(stdin ?? '');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${path.basename(script)} ${args.join(' ')} did not finish within ${timeoutMs} ms\nstdout: ${output.stdout}\nstderr: ${output.stderr}`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: output.stdout, stderr: output.stderr });
    });
  });
}

/** Shortcut for the ops CLI. */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<Finished> {
  return runScript(CLI_SCRIPT, args, { env, stdin });
}

function collect(child: ChildProcess): { stdout: string; stderr: string } {
  const output = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  return output;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (bind port 0, read it, release it). */
/** Runs the CLI, expects success without a stack trace, and returns its stdout (parsed when `--json`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function cliSucceeds(args: string[], env: Record<string, string>): Promise<any> {
  const result = await runCli(args, env);
  const context = `portal ${args.join(' ')}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code).withContext(context).toBe(0);
  expect(result.stderr).withContext(context).not.toMatch(STACK_TRACE_LINE);
  return args.includes('--json') ? JSON.parse(result.stdout) : result.stdout;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A server process started with `main.js`; `stop()` in afterEach makes sure none outlives its spec. */
export class SpawnedServer {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<Finished>;
  private readonly output: { stdout: string; stderr: string };

  constructor(env: Record<string, string>) {
    this.url = `http://127.0.0.1:${env['PORT']}`;
    this.child = spawn(process.execPath, [SERVER_SCRIPT], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.output = collect(this.child);
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => resolve({ code, signal, ...this.output }));
    });
  }

  get stdout(): string {
    return this.output.stdout;
  }

  get stderr(): string {
    return this.output.stderr;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Waits until `/readyz` answers 200; fails early with the server's output if it exits instead. */
  async waitUntilReady(timeoutMs = 20_000): Promise<void> {
    await this.waitFor(async () => (await fetch(`${this.url}/readyz`).catch(() => undefined))?.status === 200, 'answer /readyz with 200', timeoutMs);
  }

  /** Waits until stdout matches `pattern`. */
  async waitForOutput(pattern: RegExp, timeoutMs = 20_000): Promise<void> {
    await this.waitFor(async () => pattern.test(this.output.stdout), `print ${pattern}`, timeoutMs);
  }

  private async waitFor(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      if (!this.running) throw new Error(`the server exited before it could ${what}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      await delay(100);
    }
    throw new Error(`the server did not ${what} within ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
  }

  /** Sends `signal` and waits for the exit; SIGKILL if it does not go within `timeoutMs`. */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 10_000): Promise<Finished & { killed: boolean }> {
    if (!this.running) return { ...(await this.exited), killed: false };
    this.child.kill(signal);
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    if ((await Promise.race([this.exited, timer])) !== 'timeout') return { ...(await this.exited), killed: false };
    this.child.kill('SIGKILL');
    return { ...(await this.exited), killed: true };
  }
}

export function startServer(env: Record<string, string>): SpawnedServer {
  return new SpawnedServer(env);
}

/** Waits for a process that should end on its own (a failing start); SIGKILL after `timeoutMs`. */
export async function exitOf(server: SpawnedServer, timeoutMs = 15_000): Promise<Finished & { tookMs: number }> {
  const started = Date.now();
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
  if ((await Promise.race([server.exited, timer])) === 'timeout') {
    server.child.kill('SIGKILL');
    const finished = await server.exited;
    throw new Error(`the server was still running after ${timeoutMs} ms\nstdout: ${finished.stdout}\nstderr: ${finished.stderr}`);
  }
  return { ...(await server.exited), tookMs: Date.now() - started };
}

/**
 * A fresh database of the kind chosen by TEST_DB for a spawned process: for SQLite a DATA_DIR that
 * does not exist yet (inside a temp folder), for PostgreSQL a new database plus such a DATA_DIR.
 * `env` holds DATA_DIR (and DATABASE_URL for PostgreSQL); `cleanup()` removes both.
 */
export interface SpawnDatabase {
  kind: TestDatabaseKind;
  /** A temp folder owned by the spec; DATA_DIR is `<root>/data`. */
  root: string;
  dataDir: string;
  databaseUrl?: string;
  env: Record<string, string>;
  /** Runs one query on the database the processes use (SQLite: after they stopped, or read-only). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  cleanup(): Promise<void>;
}

export async function spawnDatabase(): Promise<SpawnDatabase> {
  const kind = testDatabaseKind();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-spawn-'));
  const dataDir = path.join(root, 'data');
  const postgres =
    kind === 'postgres'
      ? await createPostgresDatabase().catch((error: unknown) => {
          fs.rmSync(root, { recursive: true, force: true });
          throw error;
        })
      : undefined;
  return {
    kind,
    root,
    dataDir,
    databaseUrl: postgres?.url,
    env: { DATA_DIR: dataDir, ...(postgres ? { DATABASE_URL: postgres.url } : {}) },
    async query<T>(sql: string): Promise<T[]> {
      if (!postgres) {
        const db = new Database(path.join(dataDir, 'passerelle.sqlite'), { readonly: true, fileMustExist: true });
        try {
          return db.prepare(sql).all() as T[];
        } finally {
          db.close();
        }
      }
      const client = new Client({ connectionString: postgres.url });
      await client.connect();
      try {
        return (await client.query(sql)).rows as T[];
      } finally {
        await client.end();
      }
    },
    async cleanup() {
      await postgres?.drop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Every file and folder below `dir`, relative, sorted (empty when `dir` does not exist). */
export function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).sort();
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
