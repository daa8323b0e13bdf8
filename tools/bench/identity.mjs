// Identity benchmark: how fast the portal signs people in and issues tokens, on SQLite and on
// PostgreSQL. Baseline measured in the same run: raw argon2id verifications per second with the
// server's default parameters and the sign-in load's concurrency (a sign-in can't beat its one hash).
//
//   npm run bench -- identity [--db sqlite|postgres|both] [--duration SECONDS] [--cpu-prof] [--no-build]
//
// Measures, against the built portal started as a child process on a free loopback port:
//   - full sign-ins: /oidc/auth → password → TOTP → resume → code exchanged at /oidc/token (PKCE S256)
//   - refresh_token grants (rotation on: each virtual user chains its own token)
//   - client_credentials grants (scope alerts:write)
// with p50/p99 latencies, the portal's CPU use and peak RSS. Targets are reported, never enforced.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { apiMain, build, cliMain, root } from '../run.mjs';
import { freePort } from '../test/postgres-harness.mjs';
import { percentile, report } from './report.mjs';

const TARGETS = { signInRatio: 0.8, refreshPerSecond: 600, clientCredentialsPerSecond: 2000, peakRssMb: 250 };
const CORES = os.availableParallelism?.() ?? os.cpus().length;
const CONCURRENCY = { signIn: 2 * CORES, refresh: 16, clientCredentials: 32 };
/** The server's defaults (apps/portal-api/src/infra/config/config.ts, ARGON2_*). */
const ARGON2_DEFAULTS = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASSWORD = 'bench-passw0rd-not-secret';
const REDIRECT_URI = 'http://127.0.0.1:9/cb';
const TOTP_PERIOD = 30;

/* ------------------------------------------------------------------ cleanup ---------------------- */

const cleanups = new Set();
function onCleanup(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}
function cleanupAll() {
  for (const fn of [...cleanups].reverse()) {
    try {
      fn();
    } catch {
      /* best effort */
    }
  }
  cleanups.clear();
}
process.on('exit', cleanupAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping the portal and the database…\n`);
    cleanupAll();
    process.exit(130);
  });
}

/* ------------------------------------------------------------------ options ---------------------- */

function parseOptions(args) {
  const options = { db: 'both', duration: 10, cpuProf: false, build: true };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split('=', 2);
    const value = () => inline ?? args[++i];
    if (flag === '--db') options.db = value();
    else if (flag === '--duration') options.duration = Number(value());
    else if (flag === '--cpu-prof') options.cpuProf = true;
    else if (flag === '--no-build') options.build = false;
    else throw new Error(`unknown option ${args[i]} (use --db sqlite|postgres|both, --duration SECONDS, --cpu-prof, --no-build)`);
  }
  if (!['sqlite', 'postgres', 'both'].includes(options.db)) throw new Error('--db must be sqlite, postgres or both');
  if (!(options.duration >= 1)) throw new Error('--duration must be a number of seconds ≥ 1');
  return options;
}

/* ------------------------------------------------------------------ HTTP + cookies --------------- */

/** A minimal client over keep-alive sockets: the load generator shares the machine's cores with the portal. */
class Http {
  constructor(port, maxSockets) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method, target, { headers = {}, body, jar } = {}) {
    const url = new URL(target, `http://127.0.0.1:${this.port}`);
    const pathAndQuery = `${url.pathname}${url.search}`;
    const allHeaders = { ...headers };
    const cookie = jar?.header(url.pathname);
    if (cookie) allHeaders.cookie = cookie;
    let payload;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      allHeaders['content-type'] ??= 'application/json';
      allHeaders['content-length'] = Buffer.byteLength(payload);
    }
    return new Promise((resolve, reject) => {
      const req = http.request({ agent: this.agent, host: '127.0.0.1', port: this.port, method, path: pathAndQuery, headers: allHeaders }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (jar && res.headers['set-cookie']) jar.store(res.headers['set-cookie'], url.pathname);
          resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  async json(method, target, options = {}) {
    const res = await this.request(method, target, options);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${new URL(target, 'http://x').pathname} → ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text);
  }

  close() {
    this.agent.destroy();
  }
}

/** A browser's cookies, just enough of RFC 6265: name + path, path matching, deletion. */
class CookieJar {
  cookies = new Map();

  store(setCookies, requestPath) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let cookiePath = requestPath.slice(0, requestPath.lastIndexOf('/')) || '/';
      let expired = false;
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const attr = key.trim().toLowerCase();
        const attrValue = rest.join('=').trim();
        if (attr === 'path' && attrValue.startsWith('/')) cookiePath = attrValue;
        if (attr === 'max-age' && Number(attrValue) <= 0) expired = true;
        if (attr === 'expires' && Date.parse(attrValue) <= Date.now()) expired = true;
      }
      const key = `${name}\u0000${cookiePath}`;
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, { name, value, path: cookiePath });
    }
  }

  header(requestPath) {
    const matches = (p) => requestPath === p || (requestPath.startsWith(p) && (p.endsWith('/') || requestPath[p.length] === '/'));
    return [...this.cookies.values()]
      .filter((c) => matches(c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }
}

/* ------------------------------------------------------------------ TOTP (RFC 6238) -------------- */

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totpCode(key, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const currentStep = () => Math.floor(Date.now() / 1000 / TOTP_PERIOD);

/**
 * The portal accepts a code once per user per time step (replay protection: last_used_step must
 * grow) from the steps T-1..T+1. So a user can sign in with step T's code and then with T+1's, and
 * after that once per step. Virtual users take the next user that may sign in now.
 */
class UserPool {
  constructor(users) {
    this.users = users;
    this.next = 0;
    this.starvedMs = 0;
  }

  async take() {
    const started = performance.now();
    for (;;) {
      const now = currentStep();
      for (let i = 0; i < this.users.length; i++) {
        const user = this.users[(this.next + i) % this.users.length];
        if (user.busy || user.lastStep >= now + 1) continue;
        this.next = (this.next + i + 1) % this.users.length;
        user.busy = true;
        this.starvedMs += performance.now() - started;
        return { user, step: user.lastStep < now ? now : now + 1 };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The step counts as spent even after a failure: the portal may have recorded it already. */
  release(user, step) {
    user.lastStep = Math.max(user.lastStep, step);
    user.busy = false;
  }
}

/* ------------------------------------------------------------------ the OpenID Connect flows ------ */

const base64url = (buf) => buf.toString('base64url');
const basicAuth = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const form = (fields) => new URLSearchParams(fields).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/**
 * One complete sign-in as a browser and an app would do it, on a fresh cookie jar. Enrols the
 * authenticator when the portal asks for it (first sign-in). Returns the token response.
 */
async function signIn(client, app, user, step, scope = 'openid') {
  const jar = new CookieJar();
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(12));
  const auth = await client.request(
    'GET',
    `/oidc/auth?${form({
      client_id: app.clientId,
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      scope,
      state,
      nonce: base64url(randomBytes(12)),
      code_challenge: base64url(createHash('sha256').update(verifier).digest()),
      code_challenge_method: 'S256',
    })}`,
    { jar },
  );
  const interaction = auth.headers.location && new URL(auth.headers.location, 'http://x').pathname;
  if (auth.status !== 303 || !interaction?.startsWith('/interaction/')) throw new Error(`GET /oidc/auth → ${auth.status} ${auth.headers.location ?? auth.text.slice(0, 200)}`);

  let result = await client.json('POST', `${interaction}/password`, { jar, body: { email: user.email, password: PASSWORD } });
  if (result.step === 'enrol-totp') {
    user.secret = base32Decode(result.enrolment.secret);
    result = await client.json('POST', `${interaction}/enrolment`, { jar, body: { code: totpCode(user.secret, step) } });
    if (result.step !== 'recovery-codes') throw new Error(`enrolment → step ${result.step}`);
    result = await client.json('POST', `${interaction}/finish`, { jar, body: {} });
  } else if (result.step === 'totp') {
    result = await client.json('POST', `${interaction}/totp`, { jar, body: { code: totpCode(user.secret, step) } });
  }
  if (result.step !== 'done') throw new Error(`sign-in ended at step ${result.step}`);

  const resumed = await client.request('GET', result.redirectTo, { jar });
  const back = resumed.headers.location ? new URL(resumed.headers.location, `http://127.0.0.1:${client.port}`) : undefined;
  const code = back?.searchParams.get('code');
  if (resumed.status !== 303 || !code || back.searchParams.get('state') !== state) throw new Error(`resume → ${resumed.status} ${resumed.headers.location ?? resumed.text.slice(0, 200)}`);

  const tokens = await client.json('POST', '/oidc/token', {
    headers: { ...FORM, authorization: app.basic },
    body: form({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  if (!tokens.access_token || !tokens.id_token) throw new Error('token response without access_token or id_token');
  return { tokens, jar };
}

async function refresh(client, app, refreshToken) {
  const tokens = await client.json('POST', '/oidc/token', {
    headers: { ...FORM, authorization: app.basic },
    body: form({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  if (!tokens.refresh_token || !tokens.access_token) throw new Error('refresh response without refresh_token or access_token');
  return tokens.refresh_token;
}

async function clientCredentials(client, app) {
  const tokens = await client.json('POST', '/oidc/token', {
    headers: { ...FORM, authorization: app.basic },
    body: form({ grant_type: 'client_credentials', scope: 'alerts:write' }),
  });
  if (!tokens.access_token) throw new Error('client_credentials response without access_token');
}

/* ------------------------------------------------------------------ measuring -------------------- */

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime + stime
  } catch {
    return NaN;
  }
}

function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return { rssMb: 0, hwmMb: 0 };
  }
}

/**
 * Runs `op` on `concurrency` virtual users: a warm-up, then `durationMs` of measurement. Counts the
 * operations completed inside the window; the latencies are theirs. Also reports the CPU used by the
 * portal and by this process (the load generator shares the machine) and the portal's RSS.
 */
async function measure({ concurrency, warmupMs, durationMs, op, serverPid, probe }) {
  const latencies = [];
  let errors = 0;
  let firstError;
  let completed = 0;
  const begin = performance.now();
  const windowStart = begin + warmupMs;
  const windowEnd = windowStart + durationMs;
  let startCpu;
  let startOwnCpu;
  let peakRssMb = 0;
  const sampler = setInterval(() => {
    if (serverPid) peakRssMb = Math.max(peakRssMb, memoryOf(serverPid).rssMb);
  }, 100);
  let windowUs;
  let probeStart;
  let probeEnd;
  const monotonicUs = () => Number(process.hrtime.bigint() / 1000n); // the clock of V8's CPU profiles
  const arm = setTimeout(() => {
    windowUs = { start: monotonicUs() };
    probeStart = probe?.();
    startCpu = cpuSecondsOf(serverPid);
    startOwnCpu = process.cpuUsage();
  }, warmupMs);
  let endCpu;
  let ownCpu;
  const disarm = setTimeout(() => {
    if (windowUs) windowUs.end = monotonicUs();
    probeEnd = probe?.();
    endCpu = cpuSecondsOf(serverPid);
    ownCpu = process.cpuUsage(startOwnCpu);
  }, warmupMs + durationMs);
  const worker = async (index) => {
    while (performance.now() < windowEnd) {
      const t0 = performance.now();
      try {
        await op(index);
      } catch (error) {
        errors++;
        firstError ??= error;
        if (error.fatal) return;
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      const t1 = performance.now();
      if (t1 >= windowStart && t1 <= windowEnd) {
        completed++;
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  while (endCpu === undefined && windowUs?.end === undefined) await new Promise((r) => setTimeout(r, 10));
  clearInterval(sampler);
  clearTimeout(arm);
  clearTimeout(disarm);
  const seconds = durationMs / 1000;
  const result = {
    concurrency,
    seconds,
    completed,
    perSecond: completed / seconds,
    p50Ms: latencies.length ? percentile(latencies, 50) : NaN,
    p99Ms: latencies.length ? percentile(latencies, 99) : NaN,
    errors,
    firstError: firstError ? String(firstError.message ?? firstError) : undefined,
    portalCpuPercent: serverPid && endCpu !== undefined ? (100 * (endCpu - startCpu)) / seconds : undefined,
    benchCpuPercent: ownCpu ? (100 * (ownCpu.user + ownCpu.system)) / 1e6 / seconds : undefined,
    peakRssMb: serverPid ? peakRssMb : undefined,
    windowUs,
  };
  // CPU time per operation holds up better than rates when other work shares the machine.
  const cpuPercent = serverPid ? result.portalCpuPercent : result.benchCpuPercent;
  result.cpuMsPerOp = completed ? (cpuPercent * 10 * seconds) / completed : NaN;
  if (probeStart && probeEnd && completed) {
    const [a, b] = await Promise.all([probeStart, probeEnd]);
    result.databasePerOp = Object.fromEntries(Object.keys(b).map((k) => [k, Number(((b[k] - a[k]) / completed).toFixed(1))]));
  }
  return result;
}

/** Raw argon2id verifications, as many at once as the sign-in load has virtual users. */
async function argon2Baseline(durationMs, warmupMs) {
  const { default: argon2 } = await import('argon2');
  const { memoryKiB, iterations, parallelism } = ARGON2_DEFAULTS;
  const hash = await argon2.hash(PASSWORD, { type: argon2.argon2id, memoryCost: memoryKiB, timeCost: iterations, parallelism });
  return measure({
    concurrency: CONCURRENCY.signIn,
    warmupMs,
    durationMs,
    op: async () => {
      if (!(await argon2.verify(hash, PASSWORD))) throw new Error('argon2 verify returned false');
    },
  });
}

/* ------------------------------------------------------------------ the portal ------------------- */

function runCli(args, env, stdin) {
  const result = spawnSync(process.execPath, [cliMain, ...args, '--json'], { cwd: root, env, input: stdin, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`portal ${args.slice(0, 2).join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  return JSON.parse(result.stdout);
}

async function startPortal(env, nodeArgs) {
  const child = spawn(process.execPath, [...nodeArgs, apiMain], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const forget = onCleanup(() => child.kill('SIGKILL'));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    forget();
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the portal exited during start-up (${child.exitCode}): ${stderr}`);
    const ok = await new Promise((resolve) => {
      http
        .get({ host: '127.0.0.1', port: Number(env.PORT), path: '/readyz' }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the portal did not become ready in 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { pid: child.pid, stop, stderr: () => stderr };
}

/** Runs `work` on up to `concurrency` items at a time. */
async function pool(items, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    }),
  );
}

const log = (message) => process.stderr.write(`[identity] ${message}\n`);

async function benchDatabase(db, options, baseline) {
  const durationMs = options.duration * 1000;
  const warmupMs = Math.min(3000, Math.max(1000, durationMs / 4));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-identity-'));
  const forgetDataDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  let postgres;
  let portal;
  let client;
  let stats;
  try {
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    };
    if (db === 'postgres') {
      const { startTestPostgres } = await import('../test/postgres-harness.mjs');
      postgres = await startTestPostgres({ database: 'passerelle_bench' });
      onCleanup(postgres.stop);
      env.DATABASE_URL = postgres.url;
    }

    log(`${db}: creating the administrator and two apps with the CLI`);
    runCli(['user', 'create', '--email', 'admin@bench.example', '--name', 'Bench Admin', '--admin', '--password-stdin'], env, PASSWORD);
    const created = (args) => {
      const { app } = runCli(['app', 'create', ...args], env);
      return { clientId: app.clientId, basic: basicAuth(app.clientId, app.clientSecret) };
    };
    const webApp = created(['--name', 'Bench', '--redirect-uri', REDIRECT_URI]);
    const apiApp = created(['--name', 'Bench API', '--redirect-uri', REDIRECT_URI, '--scope', 'alerts:write']);

    const profileDir = path.join(root, 'tmp', 'bench', 'identity-profiles', db);
    if (options.cpuProf) rmSync(profileDir, { recursive: true, force: true });
    // PostgreSQL counts transactions and rows: what each operation costs the database.
    let probe;
    if (postgres) {
      const { default: pg } = await import('pg');
      stats = new pg.Client({ connectionString: postgres.url });
      stats.on('error', () => undefined); // the cluster stops before this process ends
      await stats.connect();
      probe = async () => {
        await new Promise((r) => setTimeout(r, 1100)); // backends flush their counters about once a second
        const { rows } = await stats.query(
          'SELECT xact_commit + xact_rollback AS transactions, tup_fetched AS rows_fetched, tup_inserted + tup_updated + tup_deleted AS rows_written FROM pg_stat_database WHERE datname = current_database()',
        );
        return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
      };
    }
    const nodeArgs = options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
    log(`${db}: starting the portal on 127.0.0.1:${port}${options.cpuProf ? ' (with --cpu-prof)' : ''}`);
    portal = await startPortal(env, nodeArgs);
    const rssAfterStartMb = memoryOf(portal.pid).rssMb;
    client = new Http(port, Math.max(...Object.values(CONCURRENCY)));

    // Enough users that each virtual user always finds one allowed to sign in now (≈ 2 per user
    // within a time step, then one per step), with margin above the raw argon2 rate.
    const windowSeconds = (warmupMs + durationMs) / 1000 + 2;
    const userCount = Math.max(CONCURRENCY.refresh + 2 * CONCURRENCY.signIn, Math.ceil((baseline.perSecond * 1.3 * windowSeconds) / 2) + 2 * CONCURRENCY.signIn);
    log(`${db}: signing in the administrator, then creating and enrolling ${userCount} users through the admin API`);
    const admin = { email: 'admin@bench.example', lastStep: -1 };
    const { jar: adminJar } = await signIn(client, webApp, admin, currentStep());
    const users = Array.from({ length: userCount }, (_, i) => ({ email: `user${String(i).padStart(4, '0')}@bench.example`, lastStep: -1, busy: false }));
    const setupStarted = performance.now();
    await pool(users, CONCURRENCY.signIn, async (user, i) => {
      const { activationLink } = await client.json('POST', '/api/admin/users', { jar: adminJar, body: { email: user.email, name: `Bench User ${i}` } });
      const token = new URLSearchParams(new URL(activationLink).hash.slice(1)).values().next().value;
      await client.json('POST', '/api/setup/activate', { body: { token, password: PASSWORD } });
    });
    // The first sign-in enrols the authenticator; asking for offline_access leaves a refresh token too.
    await pool(users, CONCURRENCY.signIn, async (user) => {
      const step = currentStep();
      const { tokens } = await signIn(client, webApp, user, step, 'openid offline_access');
      user.lastStep = step;
      user.refreshToken = tokens.refresh_token;
      if (!user.refreshToken) throw new Error('no refresh token for a first-party app asking for offline_access');
    });
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(`${db}: ${userCount} users ready in ${setupSeconds.toFixed(1)} s`);

    log(`${db}: sign-ins (${CONCURRENCY.signIn} at once, ${options.duration} s)`);
    const userPool = new UserPool(users);
    const signIns = await measure({
      concurrency: CONCURRENCY.signIn,
      warmupMs,
      durationMs,
      serverPid: portal.pid,
      probe,
      op: async () => {
        const { user, step } = await userPool.take();
        try {
          await signIn(client, webApp, user, step);
        } finally {
          userPool.release(user, step);
        }
      },
    });
    signIns.waitedForUserMs = Math.round(userPool.starvedMs);

    log(`${db}: refresh_token grants (${CONCURRENCY.refresh} chains, ${options.duration} s)`);
    const chains = users.slice(0, CONCURRENCY.refresh).map((u) => u.refreshToken);
    const refreshes = await measure({
      concurrency: CONCURRENCY.refresh,
      warmupMs,
      durationMs,
      serverPid: portal.pid,
      probe,
      op: async (i) => {
        if (!chains[i]) throw Object.assign(new Error('refresh chain broken by an earlier error'), { fatal: true });
        const current = chains[i];
        chains[i] = undefined; // never present a refresh token twice: reuse revokes the grant
        chains[i] = await refresh(client, webApp, current);
      },
    });

    log(`${db}: client_credentials grants (${CONCURRENCY.clientCredentials} at once, ${options.duration} s)`);
    const credentials = await measure({
      concurrency: CONCURRENCY.clientCredentials,
      warmupMs,
      durationMs,
      serverPid: portal.pid,
      probe,
      op: () => clientCredentials(client, apiApp),
    });

    const { hwmMb } = memoryOf(portal.pid);
    await portal.stop(); // writes the CPU profile, if asked for
    const profile = options.cpuProf ? summariseProfile(profileDir, { 'sign-in': signIns, refresh: refreshes, client_credentials: credentials }) : undefined;
    return { db, users: userCount, setupSeconds, signIns, refreshes, credentials, rssAfterStartMb, peakRssMb: hwmMb, profile };
  } finally {
    client?.close();
    await portal?.stop();
    await stats?.end().catch(() => undefined);
    postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    forgetDataDir();
  }
}

/* ------------------------------------------------------------------ --cpu-prof -------------------- */

/**
 * The portal's main-thread CPU profile, cut to each measurement window (V8 profiles and
 * process.hrtime share the monotonic clock): where its time went, by package and by function.
 */
function summariseProfile(dir, measurements) {
  const file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (n) => {
    const url = n.callFrame.url;
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const file = url.replace(/.*node_modules\//, '').replace(/.*\/dist\/apps\/portal-api\/apps\/portal-api\//, '');
    return {
      pkg: pkg ?? (url.includes('/dist/') ? 'portal' : url.startsWith('node:') ? 'node' : n.callFrame.functionName || '(native)'),
      fn: `${n.callFrame.functionName || '(anonymous)'} ${file}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`,
    };
  };
  const summary = { file: path.relative(root, path.join(dir, file)) };
  for (const [name, m] of Object.entries(measurements)) {
    if (!m.windowUs?.end) continue;
    const byPkg = new Map();
    const byFn = new Map();
    let total = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i];
      if (t < m.windowUs.start || t > m.windowUs.end) continue;
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const w = where(nodes.get(profile.samples[i]));
      total += dt;
      byPkg.set(w.pkg, (byPkg.get(w.pkg) ?? 0) + dt);
      byFn.set(w.fn, (byFn.get(w.fn) ?? 0) + dt);
    }
    const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ where: k, percent: Number(((100 * us) / total).toFixed(1)) }));
    summary[name] = { sampledMs: Math.round(total / 1000), byPackage: top(byPkg, 12), byFunction: top(byFn, 25) };
  }
  return summary;
}

/* ------------------------------------------------------------------ main ------------------------- */

const mark = (ok) => (ok ? 'pass' : 'MISS');
const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

export async function main(args) {
  const options = parseOptions(args);
  if (options.build) build(['portal-api']);
  const databases = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  const durationMs = options.duration * 1000;

  log(`baseline: raw argon2id verify (m=${ARGON2_DEFAULTS.memoryKiB} KiB, t=${ARGON2_DEFAULTS.iterations}, p=${ARGON2_DEFAULTS.parallelism}), ${CONCURRENCY.signIn} at once, ${options.duration} s`);
  const baseline = await argon2Baseline(durationMs, Math.min(3000, Math.max(1000, durationMs / 4)));

  const results = [];
  for (const db of databases) results.push(await benchDatabase(db, options, baseline));

  const rows = [
    {
      db: '—',
      measurement: 'baseline: raw argon2id verify',
      conc: baseline.concurrency,
      'per s': fmt(baseline.perSecond, 1),
      'p50 ms': fmt(baseline.p50Ms, 1),
      'p99 ms': fmt(baseline.p99Ms, 1),
      'CPU ms/op': fmt(baseline.cpuMsPerOp, 1),
      target: '',
      result: '',
    },
  ];
  const verdicts = [];
  for (const r of results) {
    const ratio = r.signIns.perSecond / baseline.perSecond;
    // What the ratio would be if CPU were the only limit: a raw verify's CPU over a sign-in's.
    r.signIns.cpuBoundRatio = baseline.cpuMsPerOp / r.signIns.cpuMsPerOp;
    const checks = {
      signIn: ratio >= TARGETS.signInRatio,
      refresh: r.refreshes.perSecond >= TARGETS.refreshPerSecond,
      clientCredentials: r.credentials.perSecond >= TARGETS.clientCredentialsPerSecond,
      rss: r.peakRssMb <= TARGETS.peakRssMb,
    };
    verdicts.push({ db: r.db, signInRatio: Number(ratio.toFixed(3)), signInCpuBoundRatio: Number(r.signIns.cpuBoundRatio.toFixed(3)), ...checks });
    const row = (measurement, m, target, ok) => ({
      db: r.db,
      measurement,
      conc: m ? m.concurrency : '',
      'per s': m ? fmt(m.perSecond, 1) : '',
      'p50 ms': m ? fmt(m.p50Ms, 1) : '',
      'p99 ms': m ? fmt(m.p99Ms, 1) : '',
      'CPU ms/op': m ? fmt(m.cpuMsPerOp, 1) : '',
      target,
      result: mark(ok) + (m?.errors ? ` (${m.errors} errors)` : ''),
    });
    rows.push(
      row(`sign-in, ratio ${ratio.toFixed(2)} (CPU-bound ${r.signIns.cpuBoundRatio.toFixed(2)})`, r.signIns, `ratio ≥ ${TARGETS.signInRatio}`, checks.signIn),
      row('refresh_token grant', r.refreshes, `≥ ${TARGETS.refreshPerSecond}/s`, checks.refresh),
      row('client_credentials grant', r.credentials, `≥ ${TARGETS.clientCredentialsPerSecond}/s`, checks.clientCredentials),
      { ...row(`peak RSS ${fmt(r.peakRssMb)} MB (${fmt(r.rssAfterStartMb)} after start)`, null, `≤ ${TARGETS.peakRssMb} MB`, checks.rss) },
    );
  }
  report('identity', rows, {
    cores: CORES,
    durationSeconds: options.duration,
    concurrency: CONCURRENCY,
    argon2: ARGON2_DEFAULTS,
    targets: TARGETS,
    baseline,
    results,
    verdicts,
  });
  for (const r of results) {
    for (const [name, m] of Object.entries({ 'sign-in': r.signIns, refresh: r.refreshes, client_credentials: r.credentials })) {
      if (m.errors) process.stdout.write(`${r.db} ${name}: ${m.errors} errors, first: ${m.firstError}\n`);
    }
    for (const [name, m] of Object.entries({ 'sign-in': r.signIns, refresh: r.refreshes, client_credentials: r.credentials })) {
      if (m.databasePerOp) process.stdout.write(`${r.db} ${name}: per operation ${Object.entries(m.databasePerOp).map(([k, v]) => `${v} ${k.replace('_', ' ')}`).join(', ')} (pg_stat_database)\n`);
    }
    if (r.signIns.waitedForUserMs > 0) process.stdout.write(`${r.db} sign-in: virtual users waited ${r.signIns.waitedForUserMs} ms in all for a user allowed to sign in (TOTP step)\n`);
  }
  for (const r of results) {
    if (!r.profile) continue;
    process.stdout.write(`\nPortal CPU profile (${r.profile.file}), main thread, self time in each window:\n`);
    for (const [name, p] of Object.entries(r.profile)) {
      if (name === 'file') continue;
      process.stdout.write(`  ${r.db} ${name}: ${p.byPackage.slice(0, 8).map((x) => `${x.where} ${x.percent}%`).join(', ')}\n`);
      for (const f of p.byFunction.slice(0, 8)) process.stdout.write(`      ${String(f.percent).padStart(5)}%  ${f.where}\n`);
    }
  }
  process.stdout.write(
    `Bench CPU % (load generator, same machine): ${results.map((r) => `${r.db} sign-in ${fmt(r.signIns.benchCpuPercent)}, refresh ${fmt(r.refreshes.benchCpuPercent)}, client_credentials ${fmt(r.credentials.benchCpuPercent)}`).join('; ')}\n`,
  );
}
