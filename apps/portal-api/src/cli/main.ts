import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import { AccountsService, passwordProblem, toSummary, type UserSummary } from '../app/accounts/accounts.service';
import { AppModule } from '../app/app.module';
import { AppError } from '../app/http/app-error';
import { CLI_CONTEXT } from '../app/http/request-context';
import { SetupService } from '../app/setup/setup.service';
import { SigningKeysService } from '../app/identity/keys/signing-keys.service';
import { OidcProviderHost } from '../app/identity/oidc/oidc-provider.host';
import { SessionsService } from '../app/identity/sessions/sessions.service';
import { ConfigError, loadConfig, type AppConfig } from '../infra/config/config';
import { openDatabase } from '../infra/database/open-database';
import { StartupError } from '../infra/startup-error';
import { CreatedFiles, loadInstanceKey, prepareDataDir } from '../infra/storage/data-dir';
import { workspaceRoot } from '../infra/version';
import { runAppCommand } from './app-commands';
import { runGroupCommand } from './group-commands';
import { runGuestCommand } from './guest-commands';
import { demoAppUrlsFrom, seedDemo } from './demo-seed';

const USAGE = `Passerelle operations CLI

Usage: npm run portal -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  user create --email E --name N [--admin] [--group G]... [--password-stdin]
                                            create a user; without --password-stdin, prints a
                                            one-time link where the person sets a password
  user list [--search TEXT]                 list users
  user disable <email-or-id>                disable a user at once
  app create --name N [--redirect-uri U]... [--launch-url U] [--section NAME]
             [--group NAME]... [--everyone] [--icon PATH|URL] [--description D]
             [--requestable] [--health-url U] [--public] [--post-logout-redirect-uri U]...
             [--initiate-login-uri U] [--backchannel-logout-uri U] [--scope S]...
             [--alg RS256|ES256|EdDSA]
                                            add an app to the catalog. With --redirect-uri it
                                            also registers its OpenID Connect client and prints
                                            the client id and, unless --public, its secret (shown
                                            once); the launch URL defaults to the first redirect
                                            URI's origin. Without, a plain link (--launch-url).
                                            The section is created if missing; groups must exist.
                                            Shown to nobody until --group or --everyone.
  app list                                  list apps: section, who sees them, their SSO client
  app update <client-id> --scope S... | --no-scopes
                                            replace the extra API scopes of an app people sign in
                                            to (e.g. --scope alerts:write); --no-scopes removes
                                            them all. Tokens carrying a removed scope stop
                                            working at once. An app id works too.
  app rotate-secret <client-id>             replace an app's secret (shown once)
  app delete <app-id>                       delete an app (and its OIDC client with every token
                                            issued to it, when they were created together)
  group create NAME [--description D]       create a group
  group list                                list groups and how many members each has
  group add NAME EMAIL...                   add people to a group
  group remove NAME EMAIL...                remove people from a group
  guest invite --email E --name N --sponsor S --until DATE|DURATION [--from DATE]
               [--app APP]... [--company C] [--note T] [--locale fr|en]
                                            invite a guest sponsored by an employee (email) and
                                            print the one-time invitation link (also mailed).
                                            DATE: 2027-03-31 (that whole day, UTC) or a date-time;
                                            DURATION: 30d, 2w, 12h from the start (default now).
                                            --app takes app ids or names, repeated or a,b,c
  guest list [--filter invited|starting|active|ending|ended|all] [--search TEXT]
                                            list guests: status, sponsor, end, apps
  guest show <email-or-id>                  one guest in detail
  guest extend <email-or-id> --until DATE|DURATION
                                            move the end (a duration counts from now); an ended
                                            guest is reactivated
  guest revoke <email-or-id>                end a guest's access now: sessions and tokens end,
                                            apps are told
  keys rotate                               add new token signing keys; the old ones stay
                                            published until tokens they signed have expired
  keys list                                 list signing keys (never their private parts)
  demo seed [wiki=URL] [crm=URL] [files=URL]
                                            add the demo organisation, people, groups and apps;
                                            registers the demo apps (default ports 3101-3103)
                                            with new client secrets (printed with --json)

Options:
  --json       machine-readable output on stdout
  -h, --help   this help`;

/** Exit codes: 0 done, 1 failed, 2 wrong usage. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE + '\n');
    return command || values.help ? 0 : 2;
  }
  const out = output(values.json);
  const config = loadConfig({ LOG_LEVEL: 'error', ...process.env }, { workspaceRoot: workspaceRoot() });

  if (command === 'migrate') {
    const applied = await withDatabase(config, async (_ds, migrations) => migrations);
    out({ applied }, applied.length ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
    return 0;
  }

  if (command === 'user' && sub === 'create') {
    if (!values.email || !values.name) throw new UsageError('user create needs --email and --name');
    const password = values['password-stdin'] ? await readPasswordFromStdin() : undefined;
    const { email, name, admin, group } = values;
    return withApp(config, async (app) => {
      const user = await app.get(AccountsService).createUser({ email, name, isAdmin: admin, groups: group, password }, 'cli', CLI_CONTEXT);
      const setup = app.get(SetupService);
      if (user.isAdmin) await setup.closeFirstAdminLinks();
      const link = password === undefined ? await setup.issueActivationLink(user.id) : undefined;
      const summary = toSummary(user);
      out(
        { user: summary, activationLink: link?.url, activationLinkExpiresAt: link?.expiresAt.toISOString() },
        `Created ${summary.email}${summary.isAdmin ? ' (administrator)' : ''}.` +
          (link ? `\nSend this one-time link to ${summary.name} to set a password (expires ${link.expiresAt.toISOString()}):\n  ${link.url}` : ''),
      );
      return 0;
    });
  }

  if (command === 'user' && sub === 'list') {
    return withApp(config, async (app) => {
      const users = await app.get(AccountsService).listUsers(values.search);
      out({ users }, usersTable(users));
      return 0;
    });
  }

  if (command === 'user' && sub === 'disable') {
    const target = rest[0] ?? values.email;
    if (!target) throw new UsageError('user disable needs the email or id of the user');
    return withApp(config, async (app) => {
      const user = await app.get(AccountsService).disableUser(target, 'cli', CLI_CONTEXT);
      // Sessions and grants end too, and the apps are told by back-channel logout.
      await app.get(OidcProviderHost).start();
      const sessions = await app.get(SessionsService).endAll(user.id, 'cli', CLI_CONTEXT, 'account_disabled');
      out({ user: toSummary(user), endedSessions: sessions }, `Disabled ${user.email}; ended ${sessions} session${sessions === 1 ? '' : 's'}.`);
      return 0;
    });
  }

  if (command === 'app' || command === 'group' || command === 'guest') {
    const env = { withApp: (work: (app: INestApplicationContext) => Promise<number>) => withApp(config, work), out, usage: (message: string) => new UsageError(message) };
    if (command === 'guest') return runGuestCommand(sub, rest, values, env);
    return command === 'app' ? runAppCommand(sub, rest, values, env) : runGroupCommand(sub, rest, values, env);
  }

  if (command === 'keys' && (sub === 'rotate' || sub === 'list')) {
    return withApp(config, async (app) => {
      const keys = app.get(SigningKeysService);
      if (sub === 'rotate') {
        const result = await keys.rotate();
        out(
          result,
          `Added ${result.added.map((k) => `${k.alg} ${k.kid}`).join(', ')}.\n` +
            (result.retired.length ? `Retired (published until ${result.retired[0].unpublishAfter.toISOString()}): ${result.retired.map((k) => `${k.alg} ${k.kid}`).join(', ')}.\n` : '') +
            'Running portals switch to the new keys within a minute.',
        );
      } else {
        const list = (await keys.list()).map((k) => ({ kid: k.kid, alg: k.alg, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null, unpublishAfter: k.unpublishAfter?.toISOString() ?? null }));
        out({ keys: list }, list.map((k) => `${k.alg.padEnd(6)} ${k.kid}  ${k.retiredAt ? `retired, published until ${k.unpublishAfter}` : 'active'}`).join('\n') || 'No keys yet (they are created at first start).');
      }
      return 0;
    });
  }

  if (command === 'demo' && sub === 'seed') {
    // Its accounts share a published password: never on a real installation.
    if (config.env === 'production') throw new AppError('forbidden', 403, 'demo seed is refused when NODE_ENV=production: its accounts share a published password');
    const appUrls = demoAppUrlsFrom(rest, config.publicUrl);
    if (typeof appUrls === 'string') throw new UsageError(appUrls);
    return withApp(config, async (app) => {
      const result = await seedDemo(app, { appUrls });
      out(result, result.message);
      return 0;
    });
  }

  throw new UsageError(`unknown command "${positionals.join(' ')}"`);
}

/** parseArgs with its complaints (unknown option, missing value) turned into usage errors: exit 2. */
function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        email: { type: 'string' },
        name: { type: 'string' },
        admin: { type: 'boolean', default: false },
        group: { type: 'string', multiple: true, default: [] },
        'password-stdin': { type: 'boolean', default: false },
        search: { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true, default: [] },
        'post-logout-redirect-uri': { type: 'string', multiple: true, default: [] },
        'initiate-login-uri': { type: 'string' },
        'backchannel-logout-uri': { type: 'string' },
        public: { type: 'boolean', default: false },
        scope: { type: 'string', multiple: true, default: [] },
        'no-scopes': { type: 'boolean', default: false },
        alg: { type: 'string' },
        'launch-url': { type: 'string' },
        section: { type: 'string' },
        everyone: { type: 'boolean', default: false },
        icon: { type: 'string' },
        description: { type: 'string' },
        requestable: { type: 'boolean', default: false },
        'health-url': { type: 'string' },
        sponsor: { type: 'string' },
        until: { type: 'string' },
        from: { type: 'string' },
        app: { type: 'string', multiple: true, default: [] },
        company: { type: 'string' },
        note: { type: 'string' },
        locale: { type: 'string' },
        filter: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Opens the data folder and database (migrating it) for one command; a failed first open leaves no files. */
async function withDatabase<T>(config: AppConfig, work: (ds: DataSource, applied: string[], instanceKey: Buffer) => Promise<T>): Promise<T> {
  const created = new CreatedFiles();
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let key: Buffer;
  try {
    prepareDataDir(config, created);
    key = loadInstanceKey(config, created).key;
    database = await openDatabase(config);
    created.forget();
  } catch (error) {
    created.rollback();
    throw error;
  }
  try {
    return await work(database.dataSource, database.applied, key);
  } finally {
    if (database.dataSource.isInitialized) await database.dataSource.destroy();
  }
}

/** Like withDatabase, with the application's services available (no HTTP server). */
function withApp(config: AppConfig, work: (app: INestApplicationContext) => Promise<number>): Promise<number> {
  return withDatabase(config, async (dataSource, _applied, key) => {
    const app = await NestFactory.createApplicationContext(AppModule.create(config, dataSource, key), { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  });
}

function output(json: boolean) {
  return (data: unknown, text: string) => process.stdout.write((json ? JSON.stringify(data, null, 2) : text) + '\n');
}

function usersTable(users: UserSummary[]): string {
  if (users.length === 0) return 'No users yet.';
  const rows = users.map((u) => [u.email, u.name, u.isAdmin ? 'admin' : u.kind === 'guest' ? 'guest' : '', u.status, u.groups.join(', ')]);
  const header = ['EMAIL', 'NAME', 'ROLE', 'STATUS', 'GROUPS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin reads the password from a pipe, e.g. `printf %s "$PW" | npm run portal -- user create …`');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  const problem = passwordProblem(password);
  if (problem) throw new AppError('validation_failed', 400, `password: ${problem}`);
  return password;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const json = process.argv.includes('--json');
    const code = error instanceof UsageError ? 2 : 1;
    const message =
      error instanceof AppError
        ? error.message + (error.fields ? ' ' + Object.entries(error.fields).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ') : '')
        : error instanceof ConfigError
          ? `configuration error: ${error.message}`
          : error instanceof StartupError || error instanceof UsageError
            ? error.message
            : `unexpected error: ${(error as Error).message ?? String(error)}`;
    if (json) process.stdout.write(JSON.stringify({ error: { code: error instanceof AppError ? error.code : 'failed', message } }) + '\n');
    process.stderr.write(`portal: ${message}${code === 2 ? ' (see --help)' : ''}\n`);
    process.exitCode = code;
  },
);
