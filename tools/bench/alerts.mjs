// Alerts benchmark (issue 6): how fast apps can push alerts, how fast one alert reaches thousands of
// open dashboards, and how fast a person's unread counts answer when the tables are full.
//
//   npm run bench -- alerts [--db sqlite|postgres|both] [--duration SECONDS] [--concurrency 1,16,64]
//                           [--batch-size N] [--batch-concurrency N] [--people N] [--streams N]
//                           [--fanout-alerts N] [--rows N] [--only ingest,counts,fanout]
//                           [--cpu-prof] [--no-build]
//
// Against the built portal started as a child process (ALERT_RATE_PER_MINUTE raised so the rate
// limit is not what is measured), on an organisation seeded with direct SQL: 10,000 people in a
// "Staff" group and ten departments, and 1,000,000 alert-recipient rows (a realistic mix: alerts to
// all staff, to a department, to everyone who uses an app, and many to one person; most older ones
// read). Then:
//   - ingestion: POST /api/alerts with one recipient at a few concurrencies and the batch form,
//     with a client_credentials token carrying alerts:write; baselines at the same concurrency:
//     GET /healthz (the HTTP stack) and the same POST with a token lacking the scope (403: the
//     bearer-token check alone). Every 202 is checked to be stored (nothing accepted is lost).
//   - unread counts: GET /api/me/alerts/counts for people with ~100 rows each, over HTTP (one client
//     at a time, and several), against GET /api/auth/me (the session check it also pays); and the
//     service alone in this process through the built AlertsService (TypeORM), its SQL through the
//     driver, and the query plan — so the table shows what each layer costs.
//   - fan-out: 2,000 people signed in through the real sign-in steps, each with an open
//     GET /api/events stream (plain http, keep-alive agent); alerts to the 10,000-person group; the
//     time from sending the POST until the last stream has the alert, and until every stream has
//     its new counts.
// Targets are reported, never enforced. Prints a table; JSON goes to tmp/bench/alerts.json.
// PASSERELLE_BUILD_DIR runs a build made elsewhere (see tools/run.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { apiMain, build, buildDir, cliMain, root } from '../run.mjs';
import { freePort } from '../test/postgres-harness.mjs';
import { percentile, report } from './report.mjs';

const TARGETS = { ingestPerSecond: 2000, fanoutP99Ms: 1000, countsP99Ms: 5 };
const CORES = os.availableParallelism?.() ?? os.cpus().length;
const DEPARTMENTS = 10;
const STAFF_GROUP = 'Staff';
const PASSWORD = 'bench-passw0rd-not-secret';
/** People whose counts are measured (each has the seeded share of rows, ~100 at the defaults). */
const COUNTED_PEOPLE = 50;
const CRM = { name: 'Bench CRM', origin: 'https://crm.bench.example' };
/** Apps outside the catalog that have posted too (the rows' app ids: the tiles' badges). */
const OTHER_SENDERS = ['bench-wiki', 'bench-files', 'bench-payroll'];

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

const PHASES = ['ingest', 'counts', 'fanout'];

function parseOptions(args) {
  const options = {
    db: 'sqlite',
    duration: 10,
    concurrency: [1, 16, 64],
    batchSize: 100,
    batchConcurrency: 4,
    people: 10_000,
    streams: 2_000,
    fanoutAlerts: 20,
    rows: 1_000_000,
    only: PHASES,
    cpuProf: false,
    build: true,
  };
  const usage = 'use --db sqlite|postgres|both, --duration SECONDS, --concurrency 1,16,64, --batch-size N, --batch-concurrency N, --people N, --streams N, --fanout-alerts N, --rows N, --only ingest,counts,fanout, --cpu-prof, --no-build';
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => inline ?? args[++i];
    if (flag === '--db') options.db = value();
    else if (flag === '--duration') options.duration = Number(value());
    else if (flag === '--concurrency') options.concurrency = value().split(',').map(Number);
    else if (flag === '--batch-size') options.batchSize = Number(value());
    else if (flag === '--batch-concurrency') options.batchConcurrency = Number(value());
    else if (flag === '--people') options.people = Number(value());
    else if (flag === '--streams') options.streams = Number(value());
    else if (flag === '--fanout-alerts') options.fanoutAlerts = Number(value());
    else if (flag === '--rows') options.rows = Number(value());
    else if (flag === '--only') options.only = value().split(',');
    else if (flag === '--cpu-prof') options.cpuProf = true;
    else if (flag === '--no-build') options.build = false;
    else throw new Error(`unknown option ${args[i]} (${usage})`);
  }
  const whole = (v, min, max) => Number.isInteger(v) && v >= min && v <= max;
  if (!['sqlite', 'postgres', 'both'].includes(options.db)) throw new Error('--db must be sqlite, postgres or both');
  if (!(options.duration >= 1)) throw new Error('--duration must be a number of seconds ≥ 1');
  if (!options.concurrency.every((c) => whole(c, 1, 500))) throw new Error('--concurrency must list whole numbers from 1 to 500');
  if (!whole(options.batchSize, 1, 100)) throw new Error('--batch-size must be a whole number from 1 to 100 (the API takes at most 100)');
  if (!whole(options.batchConcurrency, 1, 500)) throw new Error('--batch-concurrency must be a whole number from 1 to 500');
  if (!whole(options.people, 100, 1_000_000) || options.people % DEPARTMENTS !== 0) throw new Error(`--people must be a multiple of ${DEPARTMENTS} from 100`);
  if (!whole(options.streams, 1, options.people)) throw new Error('--streams must be a whole number from 1 to --people');
  if (!whole(options.fanoutAlerts, 1, 1000)) throw new Error('--fanout-alerts must be a whole number from 1 to 1000');
  if (!whole(options.rows, 0, 100_000_000)) throw new Error('--rows must be a whole number ≥ 0');
  if (!options.only.every((p) => PHASES.includes(p))) throw new Error(`--only takes ${PHASES.join(', ')}`);
  return options;
}

const log = (message) => process.stderr.write(`[alerts] ${message}\n`);
/** A measurement as it ends, so a long run shows its progress. */
const logged = (m) => {
  log(`  → ${fmt(m.perSecond)}/s, p50 ${fmt(m.p50Ms, 1)} ms, p99 ${fmt(m.p99Ms, 1)} ms, ${fmt(m.cpuMsPerOp, 2)} ms CPU/op${m.errors ? `, ${m.errors} errors (${m.firstError})` : ''}`);
  return m;
};

/* ------------------------------------------------------------------ HTTP + cookies --------------- */

/** Keep-alive requests over one agent: the load generator shares the machine's cores with the portal. */
class Http {
  constructor(port, maxSockets) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  request(method, target, { headers = {}, body, jar } = {}) {
    const url = new URL(target, `http://127.0.0.1:${this.port}`);
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
      const req = http.request({ agent: this.agent, host: '127.0.0.1', port: this.port, method, path: `${url.pathname}${url.search}`, headers: allHeaders }, (res) => {
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

/* ------------------------------------------------------------------ signing in ------------------- */

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

function totpNow(key) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * The portal's own sign-in, as the browser does it (as tools/bench/dashboard.mjs): /api/auth/sign-in
 * → provider → password → authenticator enrolment (first sign-in) → /api/auth/callback. Returns the
 * cookie jar holding the portal session.
 */
async function signInToPortal(client, email) {
  const jar = new CookieJar();
  const follow = async (res, what) => {
    if (res.status !== 303 || !res.headers.location) throw new Error(`${what} → ${res.status} ${res.text.slice(0, 200)}`);
    return client.request('GET', res.headers.location, { jar });
  };
  const auth = await follow(await client.request('GET', '/api/auth/sign-in?returnTo=%2F', { jar }), 'GET /api/auth/sign-in');
  const interaction = auth.headers.location && new URL(auth.headers.location, 'http://x').pathname;
  if (auth.status !== 303 || !interaction?.startsWith('/interaction/')) throw new Error(`GET /oidc/auth → ${auth.status} ${auth.headers.location ?? auth.text.slice(0, 200)}`);
  let result = await client.json('POST', `${interaction}/password`, { jar, body: { email, password: PASSWORD } });
  if (result.step === 'enrol-totp') {
    const secret = base32Decode(result.enrolment.secret);
    result = await client.json('POST', `${interaction}/enrolment`, { jar, body: { code: totpNow(secret) } });
    if (result.step !== 'recovery-codes') throw new Error(`enrolment → step ${result.step}`);
    result = await client.json('POST', `${interaction}/finish`, { jar, body: {} });
  }
  if (result.step !== 'done') throw new Error(`sign-in of ${email} ended at step ${result.step}`);
  const callback = await follow(await client.request('GET', result.redirectTo, { jar }), 'resume');
  if (callback.status !== 303) throw new Error(`GET /api/auth/callback → ${callback.status}`);
  const me = await client.json('GET', '/api/auth/me', { jar });
  if (me.email !== email) throw new Error(`signed in as ${me.email}, expected ${email}`);
  return jar;
}

const basicAuth = (id, secret) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

async function clientCredentialsToken(client, app, scope) {
  const tokens = await client.json('POST', '/oidc/token', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(app.clientId, app.clientSecret) },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  if (!tokens.access_token) throw new Error('client_credentials response without access_token');
  return tokens.access_token;
}

/* ------------------------------------------------------------------ the organisation ------------- */

/** Deterministic pseudo-random numbers (mulberry32): every run seeds the same shape. */
function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

const sqlTime = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const emailOf = (i) => `person${String(i).padStart(6, '0')}@bench.example`;

/** People, the Staff group (everyone) and ten departments (each person in one). */
function organisation(people, passwordHash) {
  const staff = { id: randomUUID(), name: STAFF_GROUP, description: 'Everyone employed' };
  const departments = Array.from({ length: DEPARTMENTS }, (_, d) => ({ id: randomUUID(), name: `Department ${d + 1}`, description: `Bench department ${d + 1}` }));
  const users = Array.from({ length: people }, (_, i) => ({ id: randomUUID(), email: emailOf(i), name: `Bench Person ${i}`, password_hash: passwordHash, is_admin: false, status: 'active' }));
  const userGroups = users.flatMap((u, i) => [
    { user_id: u.id, group_id: staff.id },
    { user_id: u.id, group_id: departments[i % DEPARTMENTS].id },
  ]);
  return { users, tables: { groups: [staff, ...departments], users, user_groups: userGroups } };
}

/**
 * The mix of alerts behind `rows` alert-recipient rows, oldest first over 85 days (inside the 90-day
 * retention, so the pruning job leaves them alone): half the rows from alerts to all staff, a tenth
 * from alerts to one department, ten `everyone` alerts of the CRM (a row only for those who read or
 * dismissed them, 70 %), the rest alerts to one person. Read: 95 % of rows older than a week, 40 %
 * of newer ones; 3 % dismissed. Yields { alerts, recipients } chunks to write.
 */
function* alertMix({ rows, users, crm, chunkRows = 50_000 }) {
  const r = prng(20260606);
  const people = users.length;
  const perDepartment = people / DEPARTMENTS;
  const staffAlerts = Math.floor((0.5 * rows) / people);
  const departmentAlerts = Math.floor((0.1 * rows) / perDepartment);
  const broadcasts = rows >= 10 * people ? 10 : 0;
  const broadcastRows = broadcasts * Math.round(0.7 * people);
  const singles = Math.max(0, rows - staffAlerts * people - departmentAlerts * perDepartment - broadcastRows);
  const now = Date.now();
  const span = 85 * 86_400_000;
  const severity = () => {
    const x = r.next();
    return x < 0.05 ? 'critical' : x < 0.2 ? 'warning' : 'info';
  };
  const senders = [{ sender: `client:${crm.clientId}`, appId: crm.appId, name: CRM.name }, ...OTHER_SENDERS.map((id) => ({ sender: `client:${id}`, appId: id, name: id })), { sender: 'system', appId: null, name: null }];
  const state = (createdMs) => {
    const dismissed = r.next() < 0.03;
    const read = dismissed || r.next() < (now - createdMs > 7 * 86_400_000 ? 0.95 : 0.4);
    const at = sqlTime(Math.min(now, createdMs + r.int(60_000, 86_400_000)));
    return { read_at: read ? at : null, dismissed_at: dismissed ? at : null };
  };
  let alerts = [];
  let recipients = [];
  const flush = function* (force) {
    if (recipients.length >= chunkRows || (force && (alerts.length || recipients.length))) {
      yield { alerts, recipients };
      alerts = [];
      recipients = [];
    }
  };
  const total = staffAlerts + departmentAlerts + broadcasts + singles;
  // Which kind each alert is, spread over time: the kinds interleave as they would.
  const kinds = [...Array(staffAlerts).fill('staff'), ...Array(departmentAlerts).fill('department'), ...Array(broadcasts).fill('everyone')];
  const special = new Map(kinds.map((kind, k) => [Math.floor(((k + 0.5) * total) / Math.max(1, kinds.length)), kind]));
  for (let i = 0; i < total; i++) {
    const kind = special.get(i) ?? 'single';
    const createdMs = now - span + Math.floor((i * span) / total) + r.int(0, 60_000);
    const from = kind === 'everyone' || kind === 'staff' ? senders[0] : senders[r.int(0, senders.length - 1)];
    const id = randomUUID();
    alerts.push({
      id,
      source: from.sender === 'system' ? 'system' : 'app',
      sender: from.sender,
      app_id: from.appId,
      sender_name: from.name,
      title: `${kind === 'single' ? 'Approval waiting' : kind === 'department' ? 'Department news' : 'Company notice'} #${i}`,
      body: 'Seeded by the alerts benchmark.',
      severity: severity(),
      link: `${CRM.origin}/items/${i}`,
      actions: null,
      dedupe_key: null,
      content_hash: id.replace(/-/g, '').padEnd(64, '0'),
      broadcast: kind === 'everyone' ? 'app' : null,
      expires_at: r.next() < 0.1 ? sqlTime(now + r.int(30, 300) * 86_400_000) : null,
      created_at: sqlTime(createdMs),
      updated_at: sqlTime(createdMs),
    });
    if (kind === 'staff') for (const u of users) recipients.push({ alert_id: id, user_id: u.id, ...state(createdMs) });
    else if (kind === 'department') {
      const d = r.int(0, DEPARTMENTS - 1);
      for (let p = d; p < people; p += DEPARTMENTS) recipients.push({ alert_id: id, user_id: users[p].id, ...state(createdMs) });
    } else if (kind === 'everyone') {
      // Rows only where someone read or dismissed it; the others see it unread through `broadcast`.
      for (const u of users) if (r.next() < 0.7) recipients.push({ alert_id: id, user_id: u.id, ...state(now - span), read_at: sqlTime(createdMs + 3_600_000) });
    } else recipients.push({ alert_id: id, user_id: users[r.int(0, people - 1)].id, ...state(createdMs) });
    yield* flush(false);
  }
  yield* flush(true);
}

/* ------------------------------------------------------------------ writing rows ----------------- */

const ORG_TABLES_CLEARED = ['alert_recipients', 'alert_events', 'alerts'];

/** Rows to SQLite with prepared statements, one transaction per call. */
function sqliteWriter(file) {
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const statements = new Map();
  const insert = (table, rows) => {
    const columns = Object.keys(rows[0]);
    const key = `${table}:${columns.join(',')}`;
    if (!statements.has(key)) statements.set(key, db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`));
    const statement = statements.get(key);
    for (const row of rows) statement.run(columns.map((c) => (typeof row[c] === 'boolean' ? Number(row[c]) : row[c])));
  };
  return {
    async write(tables) {
      db.transaction(() => {
        for (const [table, rows] of Object.entries(tables)) if (rows.length) insert(table, rows);
      })();
    },
    async run(sql) {
      return db.prepare(sql).run();
    },
    async first(sql, ...params) {
      return db.prepare(sql).get(...params);
    },
    async scalar(sql, ...params) {
      return Number(Object.values(db.prepare(sql).get(...params))[0]);
    },
    async close() {
      db.close();
    },
  };
}

/** Rows to PostgreSQL: multi-row INSERTs under the 65,535 bind parameters, one transaction per call. */
async function postgresWriter(url) {
  const { default: pg } = await import('pg');
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  return {
    async write(tables) {
      await db.query('BEGIN');
      try {
        for (const [table, rows] of Object.entries(tables)) {
          if (!rows.length) continue;
          const columns = Object.keys(rows[0]);
          const perChunk = Math.floor(60_000 / columns.length);
          for (let start = 0; start < rows.length; start += perChunk) {
            const chunk = rows.slice(start, start + perChunk);
            const values = chunk.map((_, i) => `(${columns.map((_c, j) => `$${i * columns.length + j + 1}`).join(', ')})`).join(', ');
            await db.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${values}`, chunk.flatMap((row) => columns.map((c) => row[c])));
          }
        }
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    },
    async run(sql) {
      return db.query(sql);
    },
    async first(sql, ...params) {
      let n = 0;
      return (await db.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows[0];
    },
    async scalar(sql, ...params) {
      return Number(Object.values(await this.first(sql, ...params))[0]);
    },
    async close() {
      await db.end();
    },
  };
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
    stderr = (stderr + chunk).slice(-8000);
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

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n); // the clock of V8's CPU profiles

/**
 * `concurrency` workers each running `op` as soon as the last one finished (closed loop): a warm-up,
 * then `durationMs` of measurement. `op` returns the HTTP status; anything but `expect` is an error.
 * `items` is what one operation counts for (alerts in a batch). Also the CPU the portal (or, without
 * `serverPid`, this process) used per operation: it holds up better than rates on a shared machine.
 */
async function measure({ concurrency, warmupMs, durationMs, op, expect, serverPid, items = 1 }) {
  const latencies = [];
  let errors = 0;
  let firstError;
  const windowStart = performance.now() + warmupMs;
  const windowEnd = windowStart + durationMs;
  let start;
  let end;
  const arm = setTimeout(() => (start = { cpu: cpuSecondsOf(serverPid), own: process.cpuUsage(), us: monotonicUs() }), warmupMs);
  const disarm = setTimeout(() => (end = { cpu: cpuSecondsOf(serverPid), own: process.cpuUsage(start?.own), us: monotonicUs() }), warmupMs + durationMs);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, index) => {
      while (performance.now() < windowEnd) {
        const t0 = performance.now();
        let status;
        let detail = '';
        try {
          const res = await op(index);
          status = res.status;
          detail = res.text ?? '';
        } catch (error) {
          status = 0;
          detail = String(error.message ?? error);
        }
        const t1 = performance.now();
        if (status !== expect) {
          errors++;
          firstError ??= `${status} ${detail.slice(0, 200)}`;
          await new Promise((r) => setTimeout(r, 20));
        } else if (t1 >= windowStart && t1 <= windowEnd) latencies.push(t1 - t0);
      }
    }),
  );
  while (!end) await new Promise((r) => setTimeout(r, 10));
  clearTimeout(arm);
  clearTimeout(disarm);
  const seconds = durationMs / 1000;
  const cpuPercent = serverPid ? (100 * (end.cpu - start.cpu)) / seconds : (100 * (end.own.user + end.own.system)) / 1e6 / seconds;
  return {
    concurrency,
    seconds,
    completed: latencies.length,
    items,
    perSecond: (latencies.length * items) / seconds,
    p50Ms: latencies.length ? percentile(latencies, 50) : NaN,
    p99Ms: latencies.length ? percentile(latencies, 99) : NaN,
    maxMs: latencies.length ? Math.max(...latencies) : NaN,
    errors,
    firstError,
    portalCpuPercent: serverPid ? cpuPercent : undefined,
    benchCpuPercent: (100 * (end.own.user + end.own.system)) / 1e6 / seconds,
    cpuMsPerOp: latencies.length ? (cpuPercent * 10 * seconds) / latencies.length : NaN,
    windowUs: { start: start.us, end: end.us },
  };
}

/**
 * Times an in-process async call, one at a time, after a warm-up: for `durationMs` (at least 20
 * calls, at most `maxCalls`). Yields to the event loop between calls: better-sqlite3 answers
 * synchronously, and a loop of resolved promises would never let Ctrl-C through.
 */
async function timeCalls(durationMs, call, maxCalls = 100_000) {
  const warmupEnd = performance.now() + Math.min(1000, durationMs / 4);
  for (let i = 0; i < 5 || performance.now() < warmupEnd; i++) {
    await call(i);
    await new Promise(setImmediate);
  }
  const latencies = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  let busyMs = 0;
  while (latencies.length < maxCalls && (latencies.length < 20 || performance.now() - started < durationMs)) {
    const t0 = performance.now();
    await call(latencies.length);
    const dt = performance.now() - t0;
    latencies.push(dt);
    busyMs += dt;
    await new Promise(setImmediate);
  }
  const used = process.cpuUsage(cpu);
  return {
    concurrency: 1,
    completed: latencies.length,
    perSecond: (1000 * latencies.length) / busyMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: Math.max(...latencies),
    errors: 0,
    cpuMsPerOp: (used.user + used.system) / 1000 / latencies.length,
  };
}

/* ------------------------------------------------------------------ ingestion -------------------- */

async function ingestion({ client, options, portal, tokens, warmupMs, durationMs, writer, db }) {
  const run = `${Date.now().toString(36)}`;
  let counter = 0;
  let accepted = 0;
  const person = prng(7);
  const alertBody = () => ({
    recipients: { users: [emailOf(person.int(0, options.people - 1))] },
    title: 'Quote 4711 waits for your approval',
    body: 'Amount **12,400 €**, requested by Bench Person. [Open it](https://crm.bench.example/quotes/4711)',
    severity: 'warning',
    link: `${CRM.origin}/quotes/4711`,
    dedupeKey: `ingest-${run}-${counter++}`,
  });
  const bearer = (token) => ({ authorization: `Bearer ${token}` });
  const post = async () => {
    const res = await client.request('POST', '/api/alerts', { headers: bearer(tokens.alerts), body: alertBody() });
    if (res.status === 202) accepted++;
    return res;
  };
  const batch = async () => {
    const res = await client.request('POST', '/api/alerts/batch', { headers: bearer(tokens.alerts), body: { alerts: Array.from({ length: options.batchSize }, alertBody) } });
    if (res.status === 202) accepted += options.batchSize;
    return res;
  };
  // The same request with a token that lacks alerts:write: the bearer check, then 403.
  const forbidden = () => client.request('POST', '/api/alerts', { headers: bearer(tokens.noScope), body: alertBody() });

  const probe = await client.request('POST', '/api/alerts', { headers: bearer(tokens.alerts), body: alertBody() });
  if (probe.status !== 202) throw new Error(`POST /api/alerts → ${probe.status} ${probe.text.slice(0, 300)}`);
  accepted++;
  const sent = JSON.parse(probe.text);
  if (sent.recipients !== 1) throw new Error(`a one-person alert reached ${sent.recipients} people (${probe.text})`);
  const noScope = await forbidden();
  if (noScope.status !== 403) throw new Error(`POST /api/alerts without alerts:write → ${noScope.status}, expected 403`);

  const results = [];
  for (const concurrency of options.concurrency) {
    const at = (what, op, expect, items) => {
      log(`${db}: ${what}, ${concurrency} at once, ${options.duration} s`);
      return measure({ concurrency, warmupMs, durationMs, op, expect, serverPid: portal.pid, items }).then(logged);
    };
    results.push({
      concurrency,
      healthz: await at('GET /healthz', () => client.request('GET', '/healthz'), 200),
      forbidden: await at('POST /api/alerts without the scope (403)', forbidden, 403),
      single: await at('POST /api/alerts, one recipient', post, 202),
    });
  }
  log(`${db}: POST /api/alerts/batch of ${options.batchSize}, ${options.batchConcurrency} at once, ${options.duration} s`);
  const batches = logged(await measure({ concurrency: options.batchConcurrency, warmupMs, durationMs, op: batch, expect: 202, serverPid: portal.pid, items: options.batchSize }));

  // Nothing accepted is lost: every 202 is a stored alert with its one recipient row.
  const stored = await writer.scalar(`SELECT COUNT(*) AS n FROM alerts WHERE dedupe_key LIKE 'ingest-${run}-%'`);
  const storedRecipients = await writer.scalar(`SELECT COUNT(*) AS n FROM alert_recipients r JOIN alerts a ON a.id = r.alert_id WHERE a.dedupe_key LIKE 'ingest-${run}-%'`);
  log(`${db}: ${accepted} alerts accepted (202), ${stored} stored with ${storedRecipients} recipient rows`);
  // Back to the seeded size for the counts and fan-out that follow.
  await writer.run(`DELETE FROM alert_recipients WHERE alert_id IN (SELECT id FROM alerts WHERE dedupe_key LIKE 'ingest-${run}-%')`);
  await writer.run(`DELETE FROM alert_events WHERE alert_id IN (SELECT id FROM alerts WHERE dedupe_key LIKE 'ingest-${run}-%')`);
  await writer.run(`DELETE FROM alerts WHERE dedupe_key LIKE 'ingest-${run}-%'`);
  return { results, batches, accepted, stored, storedRecipients };
}

/* ------------------------------------------------------------------ unread counts ---------------- */

/**
 * The built AlertsService in this process, on its own DataSource to the same database: its counts
 * without the HTTP stack, and the SQL it sends (captured through TypeORM's logger) timed on the
 * driver alone and explained.
 */
async function serviceCounts(env, userIds, durationMs) {
  const require = createRequire(import.meta.url);
  require('reflect-metadata');
  const dist = path.join(buildDir, 'portal-api/apps/portal-api/src');
  const { loadConfig } = require(path.join(dist, 'infra/config/config.js'));
  const { createDataSource } = require(path.join(dist, 'infra/database/data-source.js'));
  const { AlertsService } = require(path.join(dist, 'app/alerts/alerts.service.js'));
  const { EntitlementsService } = require(path.join(dist, 'app/catalog/entitlements.service.js'));
  const { Clock } = require(path.join(dist, 'infra/clock.js'));
  const config = loadConfig(env, { workspaceRoot: root });
  const dataSource = createDataSource(config);
  let capture = null;
  const ignore = () => undefined;
  dataSource.setOptions({ logging: ['query'], logger: { logQuery: (query, parameters) => capture?.push({ query, parameters }), logQueryError: ignore, logQuerySlow: ignore, logSchemaBuild: ignore, logMigration: ignore, log: ignore } });
  await dataSource.initialize();
  try {
    const entitlements = new EntitlementsService(dataSource);
    // Only counts() and readerFor() are called: the other collaborators are not needed.
    const service = new AlertsService(dataSource, config, new Clock(), null, entitlements, null);
    const readers = [];
    for (const id of userIds) readers.push(await service.readerFor(id));
    log('  readerFor');
    const reader = logged(await timeCalls(durationMs, (i) => service.readerFor(userIds[i % userIds.length])));
    log('  counts');
    const counts = logged(await timeCalls(durationMs, (i) => service.counts(readers[i % readers.length])));
    const sample = await service.counts(readers[0]);
    // Not a target: the notification centre's first page, over the same rows (it shares the visibility rule).
    log('  list, first page');
    const list = logged(await timeCalls(durationMs, (i) => service.list(readers[i % readers.length], {})));

    // The statement counts() sends for each counted person, as TypeORM hands it to the driver.
    const statements = [];
    for (const r of readers) {
      capture = [];
      await service.counts(r);
      statements.push(capture);
    }
    capture = null;
    const sql = rawQuery(dataSource, config);
    log('  the SQL on the driver');
    const driver = logged(await timeCalls(durationMs, async (i) => {
      for (const statement of statements[i % statements.length]) await sql.run(statement);
    }));
    const queries = [];
    for (const statement of statements[0]) queries.push({ query: statement.query, parameters: statement.parameters, plan: await sql.plan(statement) });
    return { reader, counts, driver, list, sample, queries };
  } finally {
    await dataSource.destroy();
  }
}

/** The counts statement on the driver alone, and its plan. */
function rawQuery(dataSource, config) {
  if (config.database.kind === 'sqlite') {
    const db = dataSource.driver.databaseConnection;
    return {
      run: async ({ query, parameters }) => db.prepare(query).all(...parameters),
      plan: async ({ query, parameters }) => db.prepare(`EXPLAIN QUERY PLAN ${query}`).all(...parameters).map((row) => row.detail),
    };
  }
  const pool = dataSource.driver.master;
  return {
    run: async ({ query, parameters }) => (await pool.query(query, parameters)).rows,
    plan: async ({ query, parameters }) => (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${query}`, parameters)).rows.map((row) => row['QUERY PLAN']),
  };
}

async function countsPhase({ client, options, portal, jars, userIds, env, warmupMs, durationMs, db }) {
  const cookies = jars.map((jar) => jar.header('/api/me/alerts/counts'));
  const many = Math.min(16, jars.length);
  const get = (target) => (i) => client.request('GET', target, { headers: { cookie: cookies[i % cookies.length] } });
  const probe = await client.json('GET', '/api/me/alerts/counts', { jar: jars[0] });
  log(`${db}: a counted person's counts: ${JSON.stringify(probe)}`);
  const at = (what, target, concurrency) => {
    log(`${db}: GET ${what}, ${concurrency} at once, ${options.duration} s`);
    let next = 0;
    // Each worker walks through the counted people so no one person's rows stay hot alone.
    return measure({ concurrency, warmupMs, durationMs, op: () => get(target)(next++), expect: 200, serverPid: portal.pid }).then(logged);
  };
  const meAlone = await at('/api/auth/me', '/api/auth/me', 1);
  const countsAlone = await at('/api/me/alerts/counts', '/api/me/alerts/counts', 1);
  const meMany = await at('/api/auth/me', '/api/auth/me', many);
  const countsMany = await at('/api/me/alerts/counts', '/api/me/alerts/counts', many);
  log(`${db}: AlertsService.counts in this process, one call at a time`);
  const service = await serviceCounts(env, userIds, durationMs);
  return { probe, meAlone, countsAlone, meMany, countsMany, service };
}

/* ------------------------------------------------------------------ fan-out ---------------------- */

/**
 * One EventSource, as plain http: parses `event:`/`data:` blocks and hands each to `onEvent` with the
 * time its bytes arrived. Resolves once the stream has sent its first `counts` (it is live then).
 */
function openStream(port, agent, cookie, onEvent) {
  return new Promise((resolve, reject) => {
    let ready = false;
    const req = http.request({ agent, host: '127.0.0.1', port, method: 'GET', path: '/api/events', headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`GET /api/events → ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (!event) continue;
          if (!ready && event === 'counts') {
            ready = true;
            resolve(req);
          }
          onEvent(event, block, at);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (error) => (ready ? undefined : reject(error)));
    req.end();
  });
}

async function fanoutPhase({ client, options, portal, jars, tokens, db }) {
  const streams = jars.length;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const forgetAgent = onCleanup(() => agent.destroy());
  let current = null;
  const requests = [];
  try {
    log(`${db}: opening ${streams} event streams`);
    const openStarted = performance.now();
    await pool(jars, 50, async (jar, i) => {
      requests.push(
        await openStream(client.port, agent, jar.header('/api/events'), (event, block, at) => {
          const round = current;
          if (!round) return;
          if (event === 'alert' && Number.isNaN(round.arrivals[i]) && block.includes(round.marker)) {
            round.arrivals[i] = at;
            round.waiting -= 1;
          } else if (event === 'counts' && !Number.isNaN(round.arrivals[i]) && Number.isNaN(round.counts[i])) {
            round.counts[i] = at;
            round.countsWaiting -= 1;
          }
          if (round.waiting === 0 && round.countsWaiting === 0) round.done();
        }),
      );
    });
    const openSeconds = (performance.now() - openStarted) / 1000;
    log(`${db}: ${streams} streams open in ${openSeconds.toFixed(1)} s; posting ${options.fanoutAlerts} alerts to the ${STAFF_GROUP} group (${options.people} people)`);

    const rounds = [];
    const cpuStart = cpuSecondsOf(portal.pid);
    const windowUs = { start: monotonicUs() };
    for (let k = 0; k < options.fanoutAlerts; k++) {
      const marker = `fanout-${randomUUID()}`;
      const round = { marker, arrivals: new Array(streams).fill(NaN), counts: new Array(streams).fill(NaN), waiting: streams, countsWaiting: streams };
      const finished = new Promise((resolve) => (round.done = resolve));
      const timeout = new Promise((resolve) => setTimeout(resolve, 60_000).unref());
      current = round;
      const t0 = performance.now();
      const res = await client.request('POST', '/api/alerts', {
        headers: { authorization: `Bearer ${tokens.alerts}` },
        body: { recipients: { groups: [STAFF_GROUP] }, title: `Maintenance tonight (${marker})`, body: 'The CRM is read-only from 22:00 to 23:00.', severity: 'critical', link: `${CRM.origin}/status` },
      });
      const postMs = performance.now() - t0;
      if (res.status !== 202) throw new Error(`POST /api/alerts to ${STAFF_GROUP} → ${res.status} ${res.text.slice(0, 300)}`);
      const recipients = JSON.parse(res.text).recipients;
      await Promise.race([finished, timeout]);
      current = null;
      const got = round.arrivals.filter((t) => !Number.isNaN(t)).map((t) => t - t0);
      const counted = round.counts.filter((t) => !Number.isNaN(t)).map((t) => t - t0);
      rounds.push({
        recipients,
        postMs,
        received: got.length,
        firstMs: got.length ? Math.min(...got) : NaN,
        p50Ms: got.length ? percentile(got, 50) : NaN,
        lastMs: got.length === streams ? Math.max(...got) : NaN,
        countsReceived: counted.length,
        countsLastMs: counted.length === streams ? Math.max(...counted) : NaN,
      });
      log(`${db}: alert ${k + 1}: 202 in ${postMs.toFixed(0)} ms (${recipients} recipients); ${got.length}/${streams} streams, last at ${fmt(rounds.at(-1).lastMs)} ms; counts on ${counted.length}, last at ${fmt(rounds.at(-1).countsLastMs)} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
    windowUs.end = monotonicUs();
    const portalCpuSeconds = cpuSecondsOf(portal.pid) - cpuStart;
    return { streams, openSeconds, rounds, portalCpuSeconds, windowUs };
  } finally {
    current = null;
    for (const req of requests) req.destroy();
    agent.destroy();
    forgetAgent();
  }
}

/* ------------------------------------------------------------------ one database ----------------- */

async function benchDatabase(db, options) {
  const durationMs = options.duration * 1000;
  const warmupMs = Math.min(3000, Math.max(1000, durationMs / 4));
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-alerts-'));
  const forgetDataDir = onCleanup(() => rmSync(dataDir, { recursive: true, force: true }));
  const wants = (phase) => options.only.includes(phase);
  let postgres;
  let portal;
  let client;
  let writer;
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
      // The per-app limit (default 6,000 a minute) is not what this measures.
      ALERT_RATE_PER_MINUTE: '10000000',
    };
    if (db === 'postgres') {
      const { startTestPostgres } = await import('../test/postgres-harness.mjs');
      postgres = await startTestPostgres({ database: 'passerelle_bench' });
      onCleanup(postgres.stop);
      env.DATABASE_URL = postgres.url;
    }

    log(`${db}: migrating and creating the administrator with the CLI`);
    runCli(['user', 'create', '--email', 'admin@bench.example', '--name', 'Bench Admin', '--admin', '--password-stdin'], env, PASSWORD);
    writer = db === 'sqlite' ? sqliteWriter(path.join(dataDir, 'passerelle.sqlite')) : await postgresWriter(postgres.url);
    // Everyone shares the administrator's argon2id hash (same password): 10,000 hashes would take minutes.
    const passwordHash = await adminPasswordHash(writer);
    const seedStarted = performance.now();
    const org = organisation(options.people, passwordHash);
    await writer.write(org.tables);
    log(`${db}: seeded ${org.users.length} people, ${org.tables.groups.length} groups`);

    const crmCreated = runCli(['app', 'create', '--name', CRM.name, '--redirect-uri', `${CRM.origin}/callback`, '--group', STAFF_GROUP, '--scope', 'alerts:write'], env);
    const crm = { appId: crmCreated.app.id, clientId: crmCreated.client.clientId, clientSecret: crmCreated.client.clientSecret };
    const directoryCreated = runCli(['app', 'create', '--name', 'Bench Directory Sync', '--redirect-uri', 'https://directory.bench.example/callback', '--scope', 'users:read'], env);
    const directory = { clientId: directoryCreated.client.clientId, clientSecret: directoryCreated.client.clientSecret };

    let seeded = { alerts: 0, recipients: 0 };
    if (options.rows > 0) {
      for (const table of ORG_TABLES_CLEARED) await writer.run(`DELETE FROM "${table}"`);
      for (const chunk of alertMix({ rows: options.rows, users: org.users, crm })) {
        await writer.write({ alerts: chunk.alerts, alert_recipients: chunk.recipients });
        seeded = { alerts: seeded.alerts + chunk.alerts.length, recipients: seeded.recipients + chunk.recipients.length };
      }
      // Autovacuum would analyse the new rows within a minute; do it now so plans don't depend on timing.
      if (db === 'postgres') await writer.run('ANALYZE');
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`${db}: seeded ${seeded.alerts} alerts with ${seeded.recipients} recipient rows in ${seedSeconds.toFixed(1)} s`);

    const profileDir = path.join(root, 'tmp', 'bench', 'alerts-profiles', db);
    if (options.cpuProf) rmSync(profileDir, { recursive: true, force: true });
    log(`${db}: starting the portal on 127.0.0.1:${port}${options.cpuProf ? ' (with --cpu-prof)' : ''}`);
    portal = await startPortal(env, options.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []);
    client = new Http(port, Math.max(...options.concurrency, options.batchConcurrency, 2 * CORES, 16));
    const tokens = { alerts: await clientCredentialsToken(client, crm, 'alerts:write'), noScope: await clientCredentialsToken(client, directory, 'users:read') };

    const result = { db, port, seedSeconds, seeded, people: options.people };
    if (wants('ingest')) result.ingest = await ingestion({ client, options, portal, tokens, warmupMs, durationMs, writer, db });

    if (wants('counts') || wants('fanout')) {
      const count = wants('fanout') ? options.streams : Math.min(COUNTED_PEOPLE, options.streams);
      log(`${db}: signing in ${count} people through the provider (password + authenticator enrolment)`);
      const started = performance.now();
      const jars = new Array(count);
      await pool(org.users.slice(0, count), 2 * CORES, async (user, i) => {
        jars[i] = await signInToPortal(client, user.email);
      });
      result.signInSeconds = (performance.now() - started) / 1000;
      result.signedIn = count;
      log(`${db}: ${count} people signed in in ${result.signInSeconds.toFixed(1)} s`);
      const counted = Math.min(COUNTED_PEOPLE, count);
      if (wants('counts')) {
        const userIds = org.users.slice(0, counted).map((u) => u.id);
        let rowsOfCounted = 0;
        for (const id of userIds) rowsOfCounted += await writer.scalar('SELECT COUNT(*) AS n FROM alert_recipients WHERE user_id = ?', id);
        result.rowsOfCounted = rowsOfCounted / counted;
        result.rowsAtCounts = await writer.scalar('SELECT COUNT(*) AS n FROM alert_recipients');
        result.counts = await countsPhase({ client, options, portal, jars: jars.slice(0, counted), userIds, env, warmupMs, durationMs, db });
      }
      if (wants('fanout')) result.fanout = await fanoutPhase({ client, options, portal, jars, tokens, db });
    }

    result.recipientRows = await writer.scalar('SELECT COUNT(*) AS n FROM alert_recipients');
    await portal.stop(); // writes the CPU profile, if asked for
    if (options.cpuProf) {
      const windows = {};
      const top = result.ingest?.results.at(-1);
      if (top) windows[`single POST, ${top.concurrency} at once`] = top.single.windowUs;
      if (result.ingest) windows['batch POST'] = result.ingest.batches.windowUs;
      if (result.counts) windows['counts, 1 at a time'] = result.counts.countsAlone.windowUs;
      if (result.fanout) windows['fan-out'] = result.fanout.windowUs;
      result.profile = summariseProfile(profileDir, windows);
    }
    return result;
  } finally {
    client?.close();
    await portal?.stop();
    await writer?.close().catch(() => undefined);
    postgres?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    forgetDataDir();
  }
}

async function adminPasswordHash(writer) {
  return (await writer.first('SELECT password_hash FROM users WHERE email = ?', 'admin@bench.example')).password_hash;
}

/* ------------------------------------------------------------------ --cpu-prof -------------------- */

/**
 * The portal's main-thread CPU profile cut to each measurement window (V8 profiles and
 * process.hrtime share the monotonic clock): where its time went, by package and by function.
 */
function summariseProfile(dir, windows) {
  let file;
  try {
    file = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort().pop();
  } catch {
    return undefined;
  }
  if (!file) return undefined;
  const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const where = (n) => {
    const url = n.callFrame.url;
    const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const file = url.replace(/.*node_modules\//, '').replace(/.*\/portal-api\/apps\/portal-api\//, '');
    return {
      pkg: pkg ?? (url.includes('/portal-api/apps/') ? 'portal' : url.startsWith('node:') ? 'node' : n.callFrame.functionName || '(native)'),
      fn: `${n.callFrame.functionName || '(anonymous)'} ${file}${url ? `:${n.callFrame.lineNumber + 1}` : ''}`,
    };
  };
  const summary = { file: path.relative(root, path.join(dir, file)) };
  for (const [name, w] of Object.entries(windows)) {
    if (!w?.end) continue;
    const byPkg = new Map();
    const byFn = new Map();
    let total = 0;
    let t = profile.startTime;
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i];
      if (t < w.start || t > w.end) continue;
      const dt = profile.timeDeltas[i + 1] ?? 0;
      const at = where(nodes.get(profile.samples[i]));
      total += dt;
      byPkg.set(at.pkg, (byPkg.get(at.pkg) ?? 0) + dt);
      byFn.set(at.fn, (byFn.get(at.fn) ?? 0) + dt);
    }
    const top = (map, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => ({ where: k, percent: Number(((100 * us) / total).toFixed(1)) }));
    summary[name] = { sampledMs: Math.round(total / 1000), byPackage: top(byPkg, 12), byFunction: top(byFn, 25) };
  }
  return summary;
}

/* ------------------------------------------------------------------ main ------------------------- */

const fmt = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const mark = (ok) => (ok === undefined ? 'n/a' : ok ? 'pass' : 'MISS');

export async function main(args) {
  const options = parseOptions(args);
  const loadBefore = os.loadavg()[0];
  if (options.build) build(['portal-api']);
  const databases = options.db === 'both' ? ['sqlite', 'postgres'] : [options.db];
  const results = [];
  for (const db of databases) results.push(await benchDatabase(db, options));
  const loadAfter = os.loadavg()[0];

  const rows = [];
  const verdicts = {};
  const row = (db, measurement, m, target = '', ok = undefined, extra = {}) => ({
    db,
    measurement,
    conc: m?.concurrency ?? '',
    'per s': m ? fmt(m.perSecond, 0) : '',
    'p50 ms': m ? fmt(m.p50Ms, m.p50Ms < 10 ? 2 : 1) : '',
    'p99 ms': m ? fmt(m.p99Ms, m.p99Ms < 10 ? 2 : 1) : '',
    'max ms': m ? fmt(m.maxMs, m.maxMs < 10 ? 2 : 0) : '',
    'CPU ms/op': m ? fmt(m.cpuMsPerOp, 2) : '',
    target,
    result: mark(ok) + (m?.errors ? ` (${m.errors} errors)` : ''),
    ...extra,
  });
  for (const r of results) {
    const db = r.db;
    if (r.ingest) {
      const best = Math.max(...r.ingest.results.map((x) => x.single.perSecond));
      for (const x of r.ingest.results) {
        rows.push(row(db, 'baseline: GET /healthz', x.healthz));
        rows.push(row(db, 'baseline: POST /api/alerts, token without the scope (403)', x.forbidden));
        const ok = x.single.perSecond >= TARGETS.ingestPerSecond && x.single.errors === 0;
        rows.push(row(db, 'POST /api/alerts, 1 recipient (alerts/s)', x.single, db === 'sqlite' ? `≥ ${TARGETS.ingestPerSecond}/s` : '', db === 'sqlite' && x.single.perSecond === best ? ok : undefined));
      }
      const batchOk = r.ingest.batches.perSecond >= TARGETS.ingestPerSecond && r.ingest.batches.errors === 0;
      rows.push(row(db, `POST /api/alerts/batch of ${r.ingest.batches.items}, 1 recipient each (alerts/s; latency per batch)`, r.ingest.batches, db === 'sqlite' ? `≥ ${TARGETS.ingestPerSecond}/s` : '', db === 'sqlite' ? batchOk : undefined));
      verdicts[`${db}IngestPerSecond`] = Math.round(Math.max(best, r.ingest.batches.perSecond));
      verdicts[`${db}IngestSingleOk`] = best >= TARGETS.ingestPerSecond;
      verdicts[`${db}IngestBatchOk`] = batchOk;
      verdicts[`${db}NothingLost`] = r.ingest.stored === r.ingest.accepted && r.ingest.storedRecipients === r.ingest.accepted;
    }
    if (r.counts) {
      const c = r.counts;
      const ok = c.countsAlone.p99Ms <= TARGETS.countsP99Ms && c.countsAlone.errors === 0;
      verdicts[`${db}CountsP99`] = ok;
      rows.push(row(db, 'baseline: GET /api/auth/me (session)', c.meAlone));
      rows.push(row(db, 'GET /api/me/alerts/counts', c.countsAlone, `p99 ≤ ${TARGETS.countsP99Ms} ms`, ok));
      rows.push(row(db, 'baseline: GET /api/auth/me (session)', c.meMany));
      rows.push(row(db, 'GET /api/me/alerts/counts', c.countsMany));
      rows.push(row(db, '  in process: AlertsService.readerFor (apps, guest)', c.service.reader));
      rows.push(row(db, '  in process: AlertsService.counts (TypeORM)', c.service.counts));
      rows.push(row(db, `  in process: its ${c.service.queries.length} SQL statements on the driver alone`, c.service.driver));
      rows.push(row(db, '  in process: AlertsService.list, first page (no target)', c.service.list));
    }
    if (r.fanout) {
      const f = r.fanout;
      const series = (key) => {
        const values = f.rounds.map((x) => x[key]).filter(Number.isFinite);
        return { concurrency: f.streams, perSecond: NaN, p50Ms: values.length ? percentile(values, 50) : NaN, p99Ms: values.length ? percentile(values, 99) : NaN, maxMs: values.length ? Math.max(...values) : NaN, cpuMsPerOp: NaN, errors: f.rounds.length - values.length };
      };
      const last = series('lastMs');
      const ok = last.errors === 0 && last.p99Ms <= TARGETS.fanoutP99Ms;
      verdicts[`${db}FanoutP99`] = ok;
      const n = f.rounds.length;
      rows.push(row(db, `fan-out: POST to ${f.rounds[0]?.recipients} people answered (202)`, series('postMs')));
      rows.push(row(db, `fan-out: POST → first of ${f.streams} streams has it`, series('firstMs')));
      rows.push(row(db, `fan-out: POST → half of the streams have it`, series('p50Ms')));
      rows.push(row(db, `fan-out: POST → last stream has it (${n} alerts)`, last, `p99 ≤ ${TARGETS.fanoutP99Ms} ms`, ok));
      rows.push(row(db, `fan-out: POST → every stream has new counts`, series('countsLastMs')));
    }
  }
  for (const r of rows) if (r.result.startsWith('n/a')) r.result = r.result.replace('n/a', '');

  report('alerts', rows, {
    cores: CORES,
    loadAverage: { before: loadBefore, after: loadAfter },
    options,
    targets: TARGETS,
    verdicts,
    results,
  });

  for (const r of results) {
    const line = (text) => process.stdout.write(`${r.db}: ${text}\n`);
    line(`seeded ${r.people} people and ${r.seeded.alerts} alerts with ${r.seeded.recipients} recipient rows in ${fmt(r.seedSeconds, 1)} s${r.signInSeconds ? `; signed ${r.signedIn} people in through the provider in ${fmt(r.signInSeconds, 1)} s` : ''}.`);
    if (r.ingest) {
      const i = r.ingest;
      line(`${i.accepted} alerts accepted (202), ${i.stored} stored with ${i.storedRecipients} recipient rows${i.stored === i.accepted && i.storedRecipients === i.accepted ? ': none lost' : ': SOME ACCEPTED ALERTS ARE MISSING'}.`);
      for (const x of [...i.results.flatMap((y) => [y.healthz, y.forbidden, y.single]), i.batches]) if (x.errors) line(`${x.errors} errors at ${x.concurrency} at once, first: ${x.firstError}`);
      const top = i.results.at(-1);
      line(`at ${top.concurrency} at once the portal used ${fmt(top.single.portalCpuPercent)} % CPU (one Node thread: 100 % is its ceiling), the load generator ${fmt(top.single.benchCpuPercent)} %; ${fmt(top.single.cpuMsPerOp, 2)} ms of portal CPU per alert caps one process at ≈ ${fmt(1000 / top.single.cpuMsPerOp)} alerts/s (batch: ${fmt(i.batches.cpuMsPerOp / i.batches.items, 2)} ms per alert).`);
    }
    if (r.counts) {
      const c = r.counts;
      line(`the counted people have ${fmt(r.rowsOfCounted, 0)} recipient rows each on average (of ${r.rowsAtCounts} in all); one of them: ${JSON.stringify(c.probe)}.`);
      for (const x of [c.meAlone, c.countsAlone, c.meMany, c.countsMany]) if (x.errors) line(`${x.errors} errors, first: ${x.firstError}`);
      for (const q of c.service.queries) process.stdout.write(`${r.db}: a counts query and its plan:\n  ${q.query.replace(/\s+/g, ' ')}\n    ${q.plan.join('\n    ')}\n`);
    }
    if (r.fanout) {
      const f = r.fanout;
      const missing = f.rounds.filter((x) => x.received < f.streams || x.countsReceived < f.streams);
      line(`${f.streams} streams opened in ${fmt(f.openSeconds, 1)} s; ${f.rounds.length} alerts to ${f.rounds[0]?.recipients} people, portal CPU ${fmt((1000 * f.portalCpuSeconds) / f.rounds.length)} ms per alert (posting, delivery and everyone's counts)${missing.length ? `; ${missing.length} alerts did not reach every stream within 60 s` : ''}.`);
    }
    if (r.profile) {
      process.stdout.write(`\nPortal CPU profile (${r.profile.file}), main thread, self time in each window:\n`);
      for (const [name, p] of Object.entries(r.profile)) {
        if (name === 'file') continue;
        process.stdout.write(`  ${r.db} ${name} (${p.sampledMs} ms sampled): ${p.byPackage.slice(0, 8).map((x) => `${x.where} ${x.percent}%`).join(', ')}\n`);
        for (const f of p.byFunction.slice(0, 10)) process.stdout.write(`      ${String(f.percent).padStart(5)}%  ${f.where}\n`);
      }
    }
  }
  const busy = Math.max(loadBefore, loadAfter) > CORES / 2;
  process.stdout.write(`Load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (${CORES} cores)${busy ? ': other work shared the machine, read the CPU ms/op column rather than the rates' : ''}.\n`);
}
