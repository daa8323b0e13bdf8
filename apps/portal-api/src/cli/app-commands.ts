import type { INestApplicationContext } from '@nestjs/common';
import fs from 'node:fs';
import { ApiScopes, type AppClient, type CatalogApp, type CatalogAppInput, type CreateAppRequest, type CreatedAppClient, type SigningAlgorithm } from '@passerelle/contracts';
import { GroupsService } from '../app/accounts/groups/groups.service';
import { appInputProblems } from '../app/catalog/admin/app-rules';
import { CatalogAdminService } from '../app/catalog/admin/catalog-admin.service';
import { fetchIconBytes } from '../app/catalog/icons/icon-fetch';
import { iconProblem } from '../app/catalog/icons/icon-image';
import { AppError } from '../app/http/app-error';
import { CLI_CONTEXT } from '../app/http/request-context';
import { apiScopeProblems, appRequestProblems } from '../app/identity/clients/client-metadata';
import { ClientsService, type ScopesUpdate } from '../app/identity/clients/clients.service';

/** The options `app …` reads (parsed by main.ts). */
export interface AppCommandOptions {
  name?: string;
  'redirect-uri': string[];
  'post-logout-redirect-uri': string[];
  'initiate-login-uri'?: string;
  'backchannel-logout-uri'?: string;
  public: boolean;
  scope: string[];
  /** `app update`: remove every extra API scope. */
  'no-scopes': boolean;
  alg?: string;
  'launch-url'?: string;
  section?: string;
  group: string[];
  everyone: boolean;
  icon?: string;
  description?: string;
  requestable: boolean;
  'health-url'?: string;
}

/** What main.ts lends the commands: its application opener, output and usage-error maker (exit 2). */
export interface CommandEnv {
  withApp(work: (app: INestApplicationContext) => Promise<number>): Promise<number>;
  out(data: unknown, text: string): void;
  usage(message: string): Error;
}

/** Option names people type, for messages about CreateAppRequest and CatalogAppInput fields. */
const OPTION_OF: Record<string, string> = {
  name: '--name',
  redirectUris: '--redirect-uri',
  postLogoutRedirectUris: '--post-logout-redirect-uri',
  initiateLoginUri: '--initiate-login-uri',
  backchannelLogoutUri: '--backchannel-logout-uri',
  scopes: '--scope',
  idTokenSigningAlg: '--alg',
  launchUrl: '--launch-url',
  description: '--description',
  healthUrl: '--health-url',
  image: '--icon',
  url: '--icon',
};

/** Options that only make sense for an app people sign in to (an OIDC client). */
const CLIENT_ONLY_OPTIONS = ['post-logout-redirect-uri', 'initiate-login-uri', 'backchannel-logout-uri', 'public', 'scope', 'alg'] as const;

/** `app create|list|update|rotate-secret|delete`; returns the exit code, throws for failures. */
export async function runAppCommand(sub: string | undefined, args: string[], options: AppCommandOptions, env: CommandEnv): Promise<number> {
  if (sub === 'create') {
    const plan = createPlanFrom(options, env);
    // The icon is read (or fetched) and checked first, so a bad one leaves nothing behind.
    const icon = plan.icon === undefined ? undefined : await loadIcon(plan.icon, env);
    return env.withApp(async (app) => {
      const catalog = app.get(CatalogAdminService);
      const groupIds = await groupIdsFor(app.get(GroupsService), options.group, env);
      const sectionId = options.section ? (await catalog.ensureSection(options.section, 'cli', CLI_CONTEXT)).id : null;
      const tile: CatalogAppInput = { ...plan.tile, groupIds, sectionId };
      let created: { app: CatalogApp; client: CreatedAppClient | null };
      if (plan.sso) {
        created = await catalog.createAppWithClient({ ...tile, sso: plan.sso }, 'cli', CLI_CONTEXT);
      } else {
        created = { app: await catalog.createApp(tile, 'cli', CLI_CONTEXT), client: null };
      }
      if (icon) created.app = await catalog.setIconFromBytes(created.app.id, icon, 'cli', CLI_CONTEXT);
      env.out(created, describeTile(created.app, options) + (created.client ? '\n' + describeClient(created.client, 'Registered the OIDC client for') : ''));
      return 0;
    });
  }
  if (sub === 'list') {
    return env.withApp(async (app) => {
      const { apps, sections } = await app.get(CatalogAdminService).overview();
      const groups = await app.get(GroupsService).list();
      const clients = await app.get(ClientsService).list();
      const withoutTile = clients.filter((c) => !apps.some((a) => a.clientId === c.clientId));
      const sectionName = (id: string | null) => sections.find((s) => s.id === id)?.name ?? '';
      const who = (a: CatalogApp) =>
        a.visibility === 'everyone' ? 'everyone' : a.visibility === 'rules' ? 'one by one' : `groups: ${a.groupIds.map((id) => groups.find((g) => g.id === id)?.name ?? id).sort().join(', ') || '(none)'}`;
      const text = [
        apps.length === 0 ? 'No apps yet.' : table(['ID', 'NAME', 'SECTION', 'SHOWN TO', 'SSO CLIENT'], apps.map((a) => [a.id, a.name, sectionName(a.sectionId), who(a), a.clientId ?? ''])),
        ...(withoutTile.length ? ['', 'OIDC clients without a tile:', clientsTable(withoutTile)] : []),
      ].join('\n');
      env.out({ apps, clientsWithoutTile: withoutTile }, text);
      return 0;
    });
  }
  if (sub === 'update') {
    const id = onlyId(args, 'app update', env);
    const scopes = scopesToSet(options, env);
    return env.withApp(async (app) => {
      const clients = app.get(ClientsService);
      const update = await clients.updateScopes(await clientIdOf(app, id), scopes, 'cli', CLI_CONTEXT);
      env.out(update, describeScopesUpdate(update));
      return 0;
    });
  }
  if (sub === 'rotate-secret') {
    const clientId = onlyId(args, 'app rotate-secret', env);
    return env.withApp(async (app) => {
      const client = await app.get(ClientsService).rotateSecret(clientId, 'cli', CLI_CONTEXT);
      env.out({ app: client }, describeClient(client, 'New secret for') + '\nThe previous secret no longer works.');
      return 0;
    });
  }
  if (sub === 'delete') {
    const id = onlyId(args, 'app delete', env);
    return env.withApp(async (app) => {
      const catalog = app.get(CatalogAdminService);
      const clients = app.get(ClientsService);
      const tile = await catalog.getApp(id).catch((error: unknown) => (error instanceof AppError && error.status === 404 ? null : Promise.reject(error)));
      if (tile) {
        await catalog.deleteApp(tile.id, 'cli', CLI_CONTEXT);
        const clientGone = tile.clientId === tile.id;
        env.out(
          { deleted: tile.id, clientDeleted: clientGone ? tile.clientId : null },
          `Deleted the app "${tile.name}" (${tile.id})` + (clientGone ? ' with its OIDC client and every code, token and grant issued to it.' : '.'),
        );
        return 0;
      }
      // Not a tile: an OIDC client registered without one.
      const client = await clients.get(id).catch((error: unknown) =>
        Promise.reject(error instanceof AppError && error.status === 404 ? new AppError('not_found', 404, `No app or client has the id "${id}" (see \`app list\`).`) : error),
      );
      await clients.delete(client.clientId, 'cli', CLI_CONTEXT);
      env.out({ deleted: client.clientId, clientDeleted: client.clientId }, `Deleted the app "${client.name}" (${client.clientId}) and every code, token and grant issued to it.`);
      return 0;
    });
  }
  throw env.usage(`unknown command "${['app', sub, ...args].filter(Boolean).join(' ')}"`);
}

interface CreatePlan {
  tile: Omit<CatalogAppInput, 'groupIds' | 'sectionId'>;
  sso?: Omit<CreateAppRequest, 'name'>;
  icon?: string;
}

/** Bad input is wrong usage (exit 2), checked before any database is opened. */
function createPlanFrom(options: AppCommandOptions, env: CommandEnv): CreatePlan {
  if (!options.name) throw env.usage('app create needs --name');
  const withClient = options['redirect-uri'].length > 0;
  if (!withClient) {
    const given = CLIENT_ONLY_OPTIONS.filter((o) => (Array.isArray(options[o]) ? (options[o] as string[]).length > 0 : options[o] !== undefined && options[o] !== false));
    if (given.length) throw env.usage(`--${given[0]} is for apps people sign in to: add at least one --redirect-uri`);
    if (!options['launch-url']) throw env.usage('app create needs --launch-url for a plain link, or --redirect-uri for an app people sign in to');
  }
  if (options.everyone && options.group.length) throw env.usage('use --everyone or --group, not both');
  const problems: Array<[string, string[]]> = [];
  let sso: CreatePlan['sso'];
  const initiateLoginUri = options['initiate-login-uri'];
  if (withClient) {
    sso = {
      redirectUris: options['redirect-uri'],
      postLogoutRedirectUris: options['post-logout-redirect-uri'],
      // oidc-provider takes only https here; the tile keeps its own copy, which may be http on localhost.
      initiateLoginUri: initiateLoginUri?.toLowerCase().startsWith('https://') ? initiateLoginUri : undefined,
      backchannelLogoutUri: options['backchannel-logout-uri'],
      public: options.public,
      scopes: options.scope,
      idTokenSigningAlg: options.alg as SigningAlgorithm | undefined,
    };
    problems.push(...Object.entries(appRequestProblems({ name: options.name, ...sso })));
  }
  const firstRedirect = options['redirect-uri'][0];
  const tile: CreatePlan['tile'] = {
    name: options.name,
    description: options.description,
    launchUrl: options['launch-url'] ?? originOf(firstRedirect),
    initiateLoginUri: initiateLoginUri ?? null,
    visibility: options.everyone ? 'everyone' : 'groups',
    healthUrl: options['health-url'] ?? null,
    requestable: options.requestable,
  };
  for (const entry of Object.entries(appInputProblems(tile, { partial: false }))) {
    if (!problems.some(([field]) => field === entry[0])) problems.push(entry);
  }
  if (problems.length > 0) throw env.usage(problems.map(([field, messages]) => `${OPTION_OF[field] ?? field}: ${messages.join(' ')}`).join('; '));
  return { tile, sso, icon: options.icon };
}

/** `app update`'s new scopes: `--scope S` (repeated) replaces them, `--no-scopes` removes them all. */
function scopesToSet(options: AppCommandOptions, env: CommandEnv): string[] {
  if (options['no-scopes'] && options.scope.length) throw env.usage('use --scope or --no-scopes, not both');
  if (!options['no-scopes'] && !options.scope.length) throw env.usage('app update needs --scope S (repeated for several; they replace the current ones) or --no-scopes');
  const problems = apiScopeProblems(options.scope);
  if (problems.length) throw env.usage(`--scope: ${problems.join(' ')}`);
  return options.scope;
}

/** An OIDC client id, or the id of a tile whose client it is (the two differ once a client was replaced). */
async function clientIdOf(app: INestApplicationContext, id: string): Promise<string> {
  if (await app.get(ClientsService).findEntity(id)) return id;
  const tile = await app.get(CatalogAdminService).getApp(id).catch((error: unknown) => (error instanceof AppError && error.status === 404 ? null : Promise.reject(error)));
  if (tile?.clientId) return tile.clientId;
  throw new AppError('not_found', 404, tile ? `The app "${tile.name}" is a plain link: it has no OIDC client, so no API scopes.` : `No app or client has the id "${id}" (see \`app list\`).`);
}

function describeScopesUpdate(update: ScopesUpdate): string {
  const { client, added, removed, revokedTokens } = update;
  const current = client.scopes.filter((scope) => (ApiScopes as readonly string[]).includes(scope));
  const now = current.length ? current.join(', ') : 'none';
  if (!added.length && !removed.length) return `No change: "${client.name}" (${client.clientId}) already has these API scopes: ${now}.`;
  return [
    `API scopes of "${client.name}" (${client.clientId}): ${now}.`,
    ...(added.length ? [`  Added:    ${added.join(', ')}`] : []),
    ...(removed.length ? [`  Removed:  ${removed.join(', ')} (${revokedTokens} token${revokedTokens === 1 ? '' : 's'} carrying ${removed.length === 1 ? 'it' : 'them'} revoked)`] : []),
  ].join('\n');
}

function originOf(uri: string | undefined): string {
  try {
    return uri ? `${new URL(uri).origin}/` : '';
  } catch {
    return '';
  }
}

/** The icon's bytes from a file or a URL (fetched once), checked like an upload. */
async function loadIcon(source: string, env: CommandEnv): Promise<Buffer> {
  let bytes: Buffer;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    try {
      bytes = await fetchIconBytes(source);
    } catch (error) {
      throw env.usage(`--icon: ${(error as Error).message}`);
    }
  } else {
    try {
      bytes = fs.readFileSync(source);
    } catch (error) {
      throw env.usage(`--icon: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const checked = iconProblem(bytes);
  if ('problem' in checked) throw env.usage(`--icon: ${checked.problem}`);
  return bytes;
}

/** Groups must exist: a typo must not quietly create a group nobody is in. */
async function groupIdsFor(groups: GroupsService, names: string[], env: CommandEnv): Promise<string[]> {
  const { found, missing } = await groups.findByNames(names);
  if (missing.length) throw env.usage(missingGroupMessage(missing[0]) + (missing.length > 1 ? ` (nor do ${missing.slice(1).map((n) => `"${n}"`).join(', ')})` : ''));
  return found.map((g) => g.id);
}

export function missingGroupMessage(name: string): string {
  return `Group "${name}" does not exist. Create it with: npm run portal -- group create ${/^[\w.-]+$/.test(name) ? name : JSON.stringify(name)}`;
}

function onlyId(args: string[], command: string, env: CommandEnv): string {
  if (args.length !== 1) throw env.usage(`${command} needs one app id (see \`app list\`)`);
  return args[0];
}

function describeTile(app: CatalogApp, options: AppCommandOptions): string {
  const shownTo = app.visibility === 'everyone' ? 'everyone' : options.group.length ? `the groups ${options.group.map((g) => `"${g}"`).join(', ')}` : 'nobody yet (add groups or --everyone)';
  return [
    `Added the app "${app.name}" (${app.id})${options.section ? ` in the section "${options.section}"` : ''}, shown to ${shownTo}.`,
    `  Opens:          ${app.initiateLoginUri ?? app.launchUrl}`,
    ...(app.iconUrl ? ['  Icon:           stored'] : []),
  ].join('\n');
}

function describeClient(app: CreatedAppClient, verb: string): string {
  const lines = [`${verb} "${app.name}" (${app.public ? 'public: no secret, PKCE' : 'confidential'}).`, `  Client ID:      ${app.clientId}`];
  if (app.clientSecret) {
    lines.push(`  Client secret:  ${app.clientSecret}`, 'Copy the secret into the app now: it will not be shown again (only an encrypted copy is kept).');
  }
  return lines.join('\n');
}

function clientsTable(apps: AppClient[]): string {
  return table(['CLIENT ID', 'NAME', 'TYPE', 'REDIRECT URIS'], apps.map((a) => [a.clientId, a.name, a.public ? 'public' : 'confidential', a.redirectUris.join(', ')]));
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
