import path from 'node:path';
import { parseAllowList } from '../net/address-guard';

/**
 * The whole configuration of a portal-api process, read once from the environment at start.
 * Nothing else in the code reads process.env: it receives this object (token APP_CONFIG).
 */
export interface AppConfig {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Public base URL people and apps use to reach Passerelle, without trailing slash. */
  publicUrl: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; poolSize: number };
  /** 32-byte instance key from SECRET_KEY, or undefined to use/generate the key file (not in production). */
  secretKey: Buffer | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logFormat: 'json' | 'pretty';
  trustProxy: boolean | number;
  setupLinkTtlMinutes: number;
  argon2: { memoryKiB: number; iterations: number; parallelism: number };
  metricsToken: string | undefined;
  webDistDir: string;
  /** Folder of the built support widget (its main.js is served at /widget/support.js). */
  widgetDistDir: string;
  /** Files attached to support tickets. */
  attachments: {
    /** Largest attachment (SUPPORT_ATTACHMENT_MAX_MB). */
    maxBytes: number;
    /** Where the files are kept (SUPPORT_ATTACHMENTS_DIR, default <DATA_DIR>/attachments). */
    dir: string;
  };
  webhooks: {
    /** Host names and address ranges support webhooks may reach although private or local; also allows http:// (WEBHOOK_ALLOW_PRIVATE). */
    allowPrivate: string[];
  };
  /** Outgoing mail: without an SMTP URL, mail stays in the outbox for administrators to read. */
  mail: { smtpUrl: string | undefined; from: string };
  guests: {
    /** Longest access, from start to end. */
    maxDays: number;
    /** How long an invitation link works. */
    invitationHours: number;
    /** How long an ended guest's account is kept (disabled) before personal data is erased. */
    retentionDays: number;
    /** How often the background job ends expired access, sends reminders and erases; 0 = never (tests). */
    sweepSeconds: number;
  };
  alerts: {
    /** Alerts older than this (since their last change) are deleted. */
    retentionDays: number;
    /** Alerts one app may post per minute (a batch counts each alert). */
    perAppPerMinute: number;
    /** How often an open event stream gets a keep-alive comment (and its session is checked again). */
    heartbeatSeconds: number;
  };
  feeds: {
    /** Base interval between two polls of an app's feed (doubled per failure, up to six hours). */
    pollSeconds: number;
    /** Host names and address ranges feeds may reach although private or local (FEED_ALLOW_PRIVATE). */
    allowPrivate: string[];
  };
}

/** Raised for a wrong environment variable; main prints `message` as one line and exits. */
export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

/** Every variable the portal reads, with what it expects — the README table mirrors this list. */
export const CONFIG_VARIABLES = [
  'NODE_ENV', 'HOST', 'PORT', 'PUBLIC_URL', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'SECRET_KEY',
  'LOG_LEVEL', 'LOG_FORMAT', 'TRUST_PROXY', 'SETUP_LINK_TTL_MINUTES', 'ARGON2_MEMORY_KIB',
  'ARGON2_ITERATIONS', 'ARGON2_PARALLELISM', 'METRICS_TOKEN', 'WEB_DIST_DIR', 'SMTP_URL', 'MAIL_FROM',
  'GUEST_MAX_DAYS', 'GUEST_INVITATION_HOURS', 'GUEST_RETENTION_DAYS', 'GUEST_SWEEP_SECONDS',
  'ALERT_RETENTION_DAYS', 'ALERT_RATE_PER_MINUTE', 'ALERT_HEARTBEAT_SECONDS',
  'FEED_POLL_SECONDS', 'FEED_ALLOW_PRIVATE',
  'WIDGET_DIST_DIR', 'SUPPORT_ATTACHMENT_MAX_MB', 'SUPPORT_ATTACHMENTS_DIR', 'WEBHOOK_ALLOW_PRIVATE',
] as const;

export function loadConfig(env: Env, defaults: { workspaceRoot: string }): AppConfig {
  const read = (name: (typeof CONFIG_VARIABLES)[number]): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };

  const nodeEnv = oneOf('NODE_ENV', read('NODE_ENV') ?? 'development', ['development', 'production', 'test'] as const);
  const host = read('HOST') ?? '127.0.0.1';
  const port = integer('PORT', read('PORT'), 3000, 0, 65535);
  const publicUrl = httpUrl('PUBLIC_URL', read('PUBLIC_URL') ?? `http://localhost:${port}`);
  const dataDir = path.resolve(defaults.workspaceRoot, read('DATA_DIR') ?? 'data');

  const databaseUrl = read('DATABASE_URL');
  const database: AppConfig['database'] = databaseUrl
    ? { kind: 'postgres', url: postgresUrl(databaseUrl), poolSize: integer('DATABASE_POOL_SIZE', read('DATABASE_POOL_SIZE'), 10, 1, 200) }
    : { kind: 'sqlite', file: path.join(dataDir, 'passerelle.sqlite') };

  const secretKey = instanceKey(read('SECRET_KEY'));
  if (nodeEnv === 'production' && !secretKey) {
    throw new ConfigError(
      'SECRET_KEY is required when NODE_ENV=production: 32 random bytes as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)',
    );
  }

  const logLevel = oneOf('LOG_LEVEL', read('LOG_LEVEL') ?? (nodeEnv === 'test' ? 'warn' : 'info'),
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const);
  const logFormat = oneOf('LOG_FORMAT', read('LOG_FORMAT') ?? (nodeEnv === 'production' ? 'json' : 'pretty'), ['json', 'pretty'] as const);

  return {
    env: nodeEnv,
    host,
    port,
    publicUrl,
    dataDir,
    database,
    secretKey,
    logLevel,
    logFormat,
    trustProxy: trustProxy(read('TRUST_PROXY')),
    setupLinkTtlMinutes: integer('SETUP_LINK_TTL_MINUTES', read('SETUP_LINK_TTL_MINUTES'), 60, 5, 7 * 24 * 60),
    argon2: {
      memoryKiB: integer('ARGON2_MEMORY_KIB', read('ARGON2_MEMORY_KIB'), 19_456, 19_456, 4_194_304),
      iterations: integer('ARGON2_ITERATIONS', read('ARGON2_ITERATIONS'), 2, 2, 100),
      parallelism: integer('ARGON2_PARALLELISM', read('ARGON2_PARALLELISM'), 1, 1, 16),
    },
    metricsToken: read('METRICS_TOKEN'),
    webDistDir: path.resolve(defaults.workspaceRoot, read('WEB_DIST_DIR') ?? 'dist/apps/portal-web/browser'),
    widgetDistDir: path.resolve(defaults.workspaceRoot, read('WIDGET_DIST_DIR') ?? 'dist/apps/support-widget/browser'),
    attachments: {
      maxBytes: integer('SUPPORT_ATTACHMENT_MAX_MB', read('SUPPORT_ATTACHMENT_MAX_MB'), 10, 1, 100) * 1024 * 1024,
      dir: path.resolve(dataDir, read('SUPPORT_ATTACHMENTS_DIR') ?? 'attachments'),
    },
    webhooks: { allowPrivate: allowList(read('WEBHOOK_ALLOW_PRIVATE'), 'WEBHOOK_ALLOW_PRIVATE') },
    mail: { smtpUrl: smtpUrl(read('SMTP_URL')), from: mailFrom(read('MAIL_FROM') ?? 'Passerelle <no-reply@localhost>') },
    guests: {
      maxDays: integer('GUEST_MAX_DAYS', read('GUEST_MAX_DAYS'), 90, 1, 3650),
      invitationHours: integer('GUEST_INVITATION_HOURS', read('GUEST_INVITATION_HOURS'), 72, 1, 30 * 24),
      retentionDays: integer('GUEST_RETENTION_DAYS', read('GUEST_RETENTION_DAYS'), 30, 0, 3650),
      sweepSeconds: integer('GUEST_SWEEP_SECONDS', read('GUEST_SWEEP_SECONDS'), 30, 0, 3600),
    },
    alerts: {
      retentionDays: integer('ALERT_RETENTION_DAYS', read('ALERT_RETENTION_DAYS'), 90, 1, 3650),
      perAppPerMinute: integer('ALERT_RATE_PER_MINUTE', read('ALERT_RATE_PER_MINUTE'), 6000, 1, 10_000_000),
      heartbeatSeconds: integer('ALERT_HEARTBEAT_SECONDS', read('ALERT_HEARTBEAT_SECONDS'), 25, 1, 300),
    },
    feeds: {
      pollSeconds: integer('FEED_POLL_SECONDS', read('FEED_POLL_SECONDS'), 300, 10, 86_400),
      allowPrivate: allowList(read('FEED_ALLOW_PRIVATE'), 'FEED_ALLOW_PRIVATE'),
    },
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

function oneOf<const T extends readonly string[]>(name: string, raw: string, allowed: T): T[number] {
  if (!allowed.includes(raw)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return raw as T[number];
}

function httpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute http(s) URL such as https://portal.example.com (got "${raw}")`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must start with http:// or https:// (got "${raw}")`);
  }
  if (url.search || url.hash) {
    throw new ConfigError(`${name} must not contain a query or fragment (got "${raw}")`);
  }
  return url.toString().replace(/\/+$/, '');
}

function postgresUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL must look like postgres://user:password@host:5432/database (it is not a valid URL)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//…"); leave it unset to use the embedded SQLite database`,
    );
  }
  if (!url.hostname || url.pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL must name a host and a database, like postgres://user:password@host:5432/database');
  }
  return raw;
}

/** The messages never repeat the URL: it usually holds the SMTP password. */
function smtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const expected = 'like smtp://user:password@mail.example.com:587 or smtps://user:password@mail.example.com:465';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SMTP_URL must look ${expected} (it is not a valid URL)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got "${url.protocol}//…"), ${expected}`);
  }
  if (!url.hostname) throw new ConfigError(`SMTP_URL must name the mail server, ${expected}`);
  if (url.port && (Number(url.port) < 1 || Number(url.port) > 65535)) throw new ConfigError(`SMTP_URL has an invalid port, ${expected}`);
  return raw;
}

/** A plain address or `Name <address>`, on one line (it becomes a mail header). */
function mailFrom(raw: string): string {
  if (!/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(raw)) {
    throw new ConfigError(`MAIL_FROM must be an address such as no-reply@example.com or "Passerelle <no-reply@example.com>" (got "${raw}")`);
  }
  return raw;
}

function instanceKey(raw: string | undefined): Buffer | undefined {
  if (raw === undefined) return undefined;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : decodeBase64(raw);
  if (key?.length !== 32) {
    throw new ConfigError('SECRET_KEY must be 32 random bytes written as 64 hex characters or base64 (e.g. `openssl rand -hex 32`)');
  }
  return key;
}

function decodeBase64(raw: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) return undefined;
  return Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Comma-separated host names, addresses and CIDR ranges, each checked now rather than at the first poll. */
function allowList(raw: string | undefined, name: string): string[] {
  const entries = (raw ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    parseAllowList(entries);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message} — expected host names and address ranges separated by commas, like 10.0.0.0/8,intranet.example.com`);
  }
  return entries;
}

function trustProxy(raw: string | undefined): boolean | number {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  throw new ConfigError(`TRUST_PROXY must be true, false or the number of proxies in front of Passerelle (got "${raw}")`);
}

/** Secret-free description of where data lives, for logs. */
export function describeDatabase(config: AppConfig): string {
  if (config.database.kind === 'sqlite') return `SQLite at ${config.database.file}`;
  const url = new URL(config.database.url);
  return `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`;
}
