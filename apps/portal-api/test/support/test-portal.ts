import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startPortal, type StartedPortal } from '../../src/bootstrap/start-portal';
import { loadConfig, type AppConfig } from '../../src/infra/config/config';
import { workspaceRoot } from '../../src/infra/version';
import { freePort } from './spawned-portal';
import { createPostgresDatabase, testDatabaseKind } from './test-database';

export interface TestPortal extends StartedPortal {
  config: AppConfig;
  /** Absolute URL for a path on this portal. */
  at(pathname: string): string;
  stop(): Promise<void>;
}

/** A temp folder that holds a fake built web app, so the SPA fallback can be tested without an Angular build. */
export function fakeWebDist(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-web-'));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><title>Passerelle</title></head><body><psl-root ngCspNonce="**CSP_NONCE**"></psl-root><script src="main-ABCDEFGH.js"></script></body></html>',
  );
  fs.writeFileSync(path.join(dir, 'main-ABCDEFGH.js'), 'console.log("app")');
  return dir;
}

/**
 * Starts a real portal (HTTP on a free loopback port) over a fresh database of the kind chosen by
 * TEST_DB: a new SQLite file in a temp data dir, or a new PostgreSQL database.
 */
export async function startTestPortal(env: Record<string, string> = {}): Promise<TestPortal> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-data-'));
  const postgres = testDatabaseKind() === 'postgres' ? await createPostgresDatabase() : undefined;
  // A known port, so PUBLIC_URL (the OIDC issuer) is the address clients really use.
  const port = env['PORT'] ?? String(await freePort());
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      PORT: port,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      WEB_DIST_DIR: fakeWebDist(),
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...env,
    },
    { workspaceRoot: workspaceRoot() },
  );
  const portal = await startPortal(config, pino({ level: 'silent' }));
  return {
    ...portal,
    config,
    at: (pathname: string) => `${portal.url}${pathname}`,
    async stop() {
      await portal.close();
      await postgres?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(config.webDistDir, { recursive: true, force: true });
    },
  };
}

/** The token part of a setup link (after #token=). */
export function tokenOf(link: string): string {
  return new URL(link).hash.replace(/^#token=/, '');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function postJson(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function getJson(url: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Parsed JSON body of a response (typed loosely: specs assert its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readJson(response: Response): Promise<any> {
  return response.json();
}

/** The token of the first-administrator link this portal printed at start. */
export function firstAdminToken(portal: StartedPortal): string {
  if (!portal.setupLink) throw new Error('This portal printed no setup link (an administrator already exists)');
  return tokenOf(portal.setupLink.url);
}

/**
 * One portal for the enclosing `describe`: started before its specs (all of them, or each one with
 * `fresh: 'each'`) and stopped after. The returned object forwards to whichever portal is current.
 */
export function usePortal(options: { fresh?: 'all' | 'each'; env?: Record<string, string> } = {}): TestPortal {
  let current: TestPortal | undefined;
  const [before, after] = options.fresh === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    current = await startTestPortal(options.env);
  });
  after(async () => {
    await current?.stop();
    current = undefined;
  });
  return new Proxy({} as TestPortal, {
    get: (_target, key) => {
      if (!current) throw new Error('usePortal(): the portal exists only while specs run');
      return Reflect.get(current, key);
    },
  });
}

/** Asks the portal whether a setup or activation link can still be used. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function checkLink(portal: TestPortal, token: string): Promise<{ status: number; body: any }> {
  return postJson(portal.at('/api/setup/link'), { token });
}
