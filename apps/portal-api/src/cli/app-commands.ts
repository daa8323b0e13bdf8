import type { DataSource } from 'typeorm';
import type { AppClient, CreateAppRequest, CreatedAppClient, SigningAlgorithm } from '@passerelle/contracts';
import { AuditService } from '../app/audit/audit.service';
import { CLI_CONTEXT } from '../app/http/request-context';
import { appRequestProblems } from '../app/identity/clients/client-metadata';
import { ClientsService } from '../app/identity/clients/clients.service';
import { Clock } from '../infra/clock';
import { SecretBox } from '../infra/crypto/secret-box';

/** The options `app …` reads (parsed by main.ts). */
export interface AppCommandOptions {
  name?: string;
  'redirect-uri': string[];
  'post-logout-redirect-uri': string[];
  'initiate-login-uri'?: string;
  'backchannel-logout-uri'?: string;
  public: boolean;
  scope: string[];
  alg?: string;
}

/** What main.ts lends the `app` commands: its database opener, output and usage-error maker (exit 2). */
export interface AppCommandEnv {
  withDatabase<T>(work: (dataSource: DataSource, instanceKey: Buffer) => Promise<T>): Promise<T>;
  out(data: unknown, text: string): void;
  usage(message: string): Error;
}

/** Option names people type, for messages about CreateAppRequest fields. */
const OPTION_OF: Record<string, string> = {
  name: '--name',
  redirectUris: '--redirect-uri',
  postLogoutRedirectUris: '--post-logout-redirect-uri',
  initiateLoginUri: '--initiate-login-uri',
  backchannelLogoutUri: '--backchannel-logout-uri',
  scopes: '--scope',
  idTokenSigningAlg: '--alg',
};

/** `app create|list|rotate-secret|delete`; returns the exit code, throws for failures. */
export async function runAppCommand(sub: string | undefined, args: string[], options: AppCommandOptions, env: AppCommandEnv): Promise<number> {
  if (sub === 'create') {
    const input = createRequestFrom(options, env);
    return withClients(env, async (clients) => {
      const app = await clients.create(input, 'cli', CLI_CONTEXT);
      env.out({ app }, describeCreated(app, 'Registered'));
      return 0;
    });
  }
  if (sub === 'list') {
    return withClients(env, async (clients) => {
      const apps = await clients.list();
      env.out({ apps }, appsTable(apps));
      return 0;
    });
  }
  if (sub === 'rotate-secret') {
    const clientId = onlyClientId(args, 'app rotate-secret', env);
    return withClients(env, async (clients) => {
      const app = await clients.rotateSecret(clientId, 'cli', CLI_CONTEXT);
      env.out({ app }, describeCreated(app, 'New secret for') + '\nThe previous secret no longer works.');
      return 0;
    });
  }
  if (sub === 'delete') {
    const clientId = onlyClientId(args, 'app delete', env);
    return withClients(env, async (clients) => {
      const app = await clients.get(clientId);
      await clients.delete(clientId, 'cli', CLI_CONTEXT);
      env.out({ deleted: app.clientId }, `Deleted the app "${app.name}" (${app.clientId}) and every code, token and grant issued to it.`);
      return 0;
    });
  }
  throw env.usage(`unknown command "${['app', sub, ...args].filter(Boolean).join(' ')}"`);
}

/** The CLI has no Nest context here: the service is built on the command's own connection. */
function withClients(env: AppCommandEnv, work: (clients: ClientsService) => Promise<number>): Promise<number> {
  return env.withDatabase((dataSource, key) => {
    const clock = new Clock();
    return work(new ClientsService(dataSource, new SecretBox(key), new AuditService(dataSource, clock), clock));
  });
}

/** Bad input is wrong usage (exit 2), checked before any database is opened. */
function createRequestFrom(options: AppCommandOptions, env: AppCommandEnv): CreateAppRequest {
  if (!options.name || options['redirect-uri'].length === 0) throw env.usage('app create needs --name and at least one --redirect-uri');
  const input: CreateAppRequest = {
    name: options.name,
    redirectUris: options['redirect-uri'],
    postLogoutRedirectUris: options['post-logout-redirect-uri'],
    initiateLoginUri: options['initiate-login-uri'],
    backchannelLogoutUri: options['backchannel-logout-uri'],
    public: options.public,
    scopes: options.scope,
    idTokenSigningAlg: options.alg as SigningAlgorithm | undefined,
  };
  const problems = Object.entries(appRequestProblems(input));
  if (problems.length > 0) {
    throw env.usage(problems.map(([field, messages]) => `${OPTION_OF[field] ?? field}: ${messages.join(' ')}`).join('; '));
  }
  return input;
}

function onlyClientId(args: string[], command: string, env: AppCommandEnv): string {
  if (args.length !== 1) throw env.usage(`${command} needs one client id (see \`app list\`)`);
  return args[0];
}

function describeCreated(app: CreatedAppClient, verb: string): string {
  const lines = [`${verb} "${app.name}" (${app.public ? 'public: no secret, PKCE' : 'confidential'}).`, `  Client ID:      ${app.clientId}`];
  if (app.clientSecret) {
    lines.push(`  Client secret:  ${app.clientSecret}`, 'Copy the secret into the app now: it will not be shown again (only an encrypted copy is kept).');
  }
  return lines.join('\n');
}

function appsTable(apps: AppClient[]): string {
  if (apps.length === 0) return 'No apps yet.';
  const rows = apps.map((a) => [a.clientId, a.name, a.public ? 'public' : 'confidential', a.redirectUris.join(', ')]);
  const header = ['CLIENT ID', 'NAME', 'TYPE', 'REDIRECT URIS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
