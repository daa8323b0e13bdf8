import type { INestApplicationContext } from '@nestjs/common';
import { ApiScopes, type ApiScope, type AppClient, type AppVisibility, type CatalogApp } from '@passerelle/contracts';
import { AccountsService } from '../app/accounts/accounts.service';
import { GroupsService } from '../app/accounts/groups/groups.service';
import { AnnouncementsService } from '../app/announcements/announcements.service';
import { CatalogAdminService } from '../app/catalog/admin/catalog-admin.service';
import { CLI_CONTEXT } from '../app/http/request-context';
import { isLoopbackHost } from '../app/identity/clients/client-uris';
import { ClientsService } from '../app/identity/clients/clients.service';
import { InstanceService } from '../app/instance/instance.service';
import { SetupService } from '../app/setup/setup.service';
import { UserEntity } from '../app/accounts/entities/user.entity';
import { GuestEntity } from '../app/guests/entities/guest.entity';
import { CLI_MANAGER, GuestsService } from '../app/guests/guests.service';
import { Clock } from '../infra/clock';
import { PasswordHasher } from '../infra/crypto/password-hasher';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../infra/config/config';
import { APP_CONFIG } from '../infra/config/config.module';
import { demoIcon, type IconMark } from './demo-icons';

/** Shared by every demo account; printed by `npm run demo`. Demo data only — never production. */
export const DEMO_PASSWORD = 'passerelle-demo';
export const DEMO_ORGANISATION = 'Atelier Lumière SA';
const ACTOR = 'demo-seed';

const PEOPLE: Array<{ email: string; name: string; groups: string[]; admin?: boolean; locale: 'fr' | 'en' }> = [
  { email: 'julien.favre@atelier-lumiere.example', name: 'Julien Favre', groups: ['IT', 'Everyone'], admin: true, locale: 'fr' },
  { email: 'claire.dubois@atelier-lumiere.example', name: 'Claire Dubois', groups: ['Direction', 'Everyone'], locale: 'fr' },
  { email: 'thomas.muller@atelier-lumiere.example', name: 'Thomas Müller', groups: ['Finance', 'Everyone'], locale: 'fr' },
  { email: 'amina.benali@atelier-lumiere.example', name: 'Amina Benali', groups: ['Design', 'Everyone'], locale: 'fr' },
  { email: 'lucas.rochat@atelier-lumiere.example', name: 'Lucas Rochat', groups: ['Production', 'Everyone'], locale: 'fr' },
  { email: 'sophie.girard@atelier-lumiere.example', name: 'Sophie Girard', groups: ['Production', 'Everyone'], locale: 'fr' },
  { email: 'emma.schneider@atelier-lumiere.example', name: 'Emma Schneider', groups: ['Finance', 'Everyone'], locale: 'en' },
  { email: 'noah.keller@atelier-lumiere.example', name: 'Noah Keller', groups: ['Design', 'Everyone'], locale: 'en' },
];

/* ------------------------------------------------------------------ catalog -------------------- */

/** Sections in display order (the organisation is Swiss-French). */
const SECTIONS = ['Au quotidien', 'Ventes', 'Finance', 'Outils'] as const;
type SectionName = (typeof SECTIONS)[number];

interface TileSpec {
  name: string;
  description: string;
  section: SectionName;
  /** Empty: everyone. */
  groups: string[];
  requestable: boolean;
  colour: string;
  mark: IconMark;
}

/** The real demo apps (apps/demo-apps), signed in to through Passerelle. */
export const DEMO_APP_KEYS = ['wiki', 'crm', 'files'] as const;
export type DemoAppKey = (typeof DEMO_APP_KEYS)[number];

const DEMO_TILES: Record<DemoAppKey, TileSpec> = {
  wiki: { name: 'Wiki', description: 'Procédures, guides et savoir-faire de l’atelier', section: 'Au quotidien', groups: [], requestable: false, colour: '#1f6b4a', mark: 'triangle' },
  // Direction and Finance only, and requestable: the demo shows who sees what, and asking for access.
  crm: { name: 'CRM', description: 'Clients, offres et relances', section: 'Ventes', groups: ['Direction', 'Finance'], requestable: true, colour: '#7a3e9d', mark: 'ring' },
  files: { name: 'Files', description: 'Documents partagés de toutes les équipes', section: 'Au quotidien', groups: [], requestable: false, colour: '#1d5a9e', mark: 'square' },
};

/** Plain links (apps with their own login) on https://*.example, so the demo never calls outside. */
const LINK_TILES: Array<TileSpec & { url: string }> = [
  { name: 'Planning', description: 'Horaires, vacances et absences', section: 'Au quotidien', groups: [], requestable: false, colour: '#b2561b', mark: 'dots', url: 'https://planning.atelier-lumiere.example/' },
  { name: 'Intranet RH', description: 'Règlement, fiches de salaire, formations', section: 'Au quotidien', groups: [], requestable: false, colour: '#a3344f', mark: 'circle', url: 'https://rh.atelier-lumiere.example/' },
  { name: 'Catalogue produits', description: 'Luminaires, fiches techniques et prix publics', section: 'Ventes', groups: ['Direction', 'Design', 'Production'], requestable: true, colour: '#8c6d12', mark: 'diamond', url: 'https://catalogue.atelier-lumiere.example/' },
  { name: 'Notes de frais', description: 'Déclarer et suivre ses frais', section: 'Finance', groups: [], requestable: false, colour: '#2d6a75', mark: 'cross', url: 'https://frais.atelier-lumiere.example/' },
  { name: 'Comptabilité', description: 'Grand livre, factures et TVA', section: 'Finance', groups: ['Finance'], requestable: true, colour: '#355e2b', mark: 'bars', url: 'https://compta.atelier-lumiere.example/' },
  { name: 'Salaires', description: 'Paie et charges sociales', section: 'Finance', groups: ['Direction', 'Finance'], requestable: false, colour: '#4b4f9c', mark: 'square', url: 'https://salaires.atelier-lumiere.example/' },
  { name: 'Suivi de production', description: 'Ordres de fabrication et stock de l’atelier', section: 'Outils', groups: ['Production', 'Direction'], requestable: true, colour: '#6b5a3e', mark: 'bars', url: 'https://production.atelier-lumiere.example/' },
  { name: 'Bibliothèque de design', description: 'Modèles 3D, textures et rendus', section: 'Outils', groups: ['Design'], requestable: true, colour: '#9c2f7a', mark: 'circle', url: 'https://design.atelier-lumiere.example/' },
  { name: 'Console réseau', description: 'Postes, imprimantes et Wi-Fi', section: 'Outils', groups: ['IT'], requestable: false, colour: '#3d4650', mark: 'cross', url: 'https://reseau.atelier-lumiere.example/' },
];

/**
 * The demo apps' ports and paths: the same as apps/demo-apps (DEFAULT_DEMO_PORTS, DEMO_APP_PATHS),
 * which this project may not import; the demo integration spec proves they agree.
 */
export const DEMO_APP_DEFAULT_PORTS: Readonly<Record<DemoAppKey, number>> = { wiki: 3101, crm: 3102, files: 3103 };
const PATHS = { home: '/', login: '/login', callback: '/callback', backchannelLogout: '/backchannel-logout', health: '/healthz' } as const;

export type DemoAppUrls = Record<DemoAppKey, string>;

/** What the demo apps' clients may do besides signing people in: post alerts. */
export const DEMO_APP_SCOPES: readonly ApiScope[] = ['alerts:write'];

/** Where the demo apps run by default: the portal's host name when it is a loopback one, else localhost. */
export function defaultDemoAppUrls(publicUrl: string): DemoAppUrls {
  const { hostname } = new URL(publicUrl);
  const host = isLoopbackHost(hostname) ? hostname : 'localhost';
  return Object.fromEntries(DEMO_APP_KEYS.map((key) => [key, `http://${host}:${DEMO_APP_DEFAULT_PORTS[key]}`])) as DemoAppUrls;
}

/**
 * `demo seed` arguments such as `wiki=http://127.0.0.1:4101`: where the demo apps run, when not on
 * the default ports. Returns a usage problem as a string.
 */
export function demoAppUrlsFrom(args: string[], publicUrl: string): DemoAppUrls | string {
  const urls = defaultDemoAppUrls(publicUrl);
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const key = arg.slice(0, eq) as DemoAppKey;
    const value = arg.slice(eq + 1).replace(/\/$/, '');
    if (eq < 0 || !DEMO_APP_KEYS.includes(key)) return `"${arg}": give the demo apps' addresses as ${DEMO_APP_KEYS.map((k) => `${k}=URL`).join(' ')}`;
    let origin: string | undefined;
    try {
      const url = new URL(value);
      origin = (url.protocol === 'http:' || url.protocol === 'https:') && value === url.origin ? url.origin : undefined;
    } catch {
      origin = undefined;
    }
    if (!origin) return `"${arg}": the address of a demo app is an origin such as http://localhost:${DEMO_APP_DEFAULT_PORTS[key]} (no path)`;
    urls[key] = origin;
  }
  return urls;
}

/** What a demo app needs to run: its tile and the credentials of its OIDC client (secret just renewed). */
export interface DemoAppCredentials {
  appId: string;
  url: string;
  clientId: string;
  clientSecret: string;
}

export interface DemoSeedResult {
  organisation: string;
  /** The IT administrator's email. */
  administrator: string;
  created: string[];
  kept: string[];
  password: string;
  catalog: { sectionsCreated: string[]; appsCreated: string[]; appsKept: string[] };
  demoApps: Record<DemoAppKey, DemoAppCredentials>;
  message: string;
}

/**
 * Adds the demo organisation, its people and groups, sections and apps (the three real demo apps
 * and some plain links). Safe to run twice: what exists is kept, except that the demo apps' OIDC
 * clients get new secrets (and new URLs when the apps moved), returned so the apps can start with them.
 */
export async function seedDemo(app: INestApplicationContext, options: { appUrls?: DemoAppUrls } = {}): Promise<DemoSeedResult> {
  const accounts = app.get(AccountsService);
  const instance = app.get(InstanceService);
  const created: string[] = [];
  const kept: string[] = [];
  if (await instance.setupRequired()) await instance.setOrganisationName(DEMO_ORGANISATION);
  for (const person of PEOPLE) {
    if (await accounts.findByEmailOrId(person.email)) {
      kept.push(person.email);
      continue;
    }
    await accounts.createUser(
      { email: person.email, name: person.name, groups: person.groups, isAdmin: person.admin ?? false, password: DEMO_PASSWORD, locale: person.locale },
      ACTOR,
      CLI_CONTEXT,
    );
    created.push(person.email);
  }
  await app.get(SetupService).closeFirstAdminLinks();

  const appUrls = options.appUrls ?? defaultDemoAppUrls(app.get<AppConfig>(APP_CONFIG).publicUrl);
  const { catalog, demoApps } = await seedCatalog(app, appUrls);
  (await seedGuest(app, demoApps) ? created : kept).push(DEMO_GUEST.email);
  await seedAnnouncement(app);

  const administrator = (PEOPLE.find((p) => p.admin) as (typeof PEOPLE)[number]).email;
  const organisation = await instance.organisationName();
  const message = [
    `Demo workspace "${organisation}": ${created.length} people added, ${kept.length} already there.`,
    `Catalog: ${catalog.appsCreated.length} apps added, ${catalog.appsKept.length} already there.`,
    `Demo apps (new client secrets; --json prints them): ${DEMO_APP_KEYS.map((k) => `${DEMO_TILES[k].name} ${demoApps[k].url}`).join(', ')}`,
    `IT administrator: ${administrator}`,
    `Guest (until ${DEMO_GUEST_DAYS} days after the first seed, Wiki and Files only): ${DEMO_GUEST.email}, sponsored by ${DEMO_GUEST.sponsor}`,
    `Every demo account's password: ${DEMO_PASSWORD}`,
  ].join('\n');
  return { organisation, administrator, created, kept, password: DEMO_PASSWORD, catalog, demoApps, message };
}

/** Thomas (Finance) may publish announcements; the dashboard's feed starts with one of his, pinned. */
const DEMO_ANNOUNCER = 'thomas.muller@atelier-lumiere.example';
const DEMO_ANNOUNCEMENT = {
  title: 'Portes ouvertes de l’atelier le samedi 12 décembre',
  body: 'Nous ouvrons l’atelier à nos clients et à vos familles de **10 h à 16 h** : démonstrations de soufflage, visite de la salle de montage et apéritif à midi.\n\n- Inscriptions auprès de la réception avant le 5 décembre\n- Chaque équipe prépare une pièce à montrer',
  pinned: true,
};

async function seedAnnouncement(app: INestApplicationContext): Promise<void> {
  const announcer = await app.get(AccountsService).findByEmailOrId(DEMO_ANNOUNCER);
  if (!announcer) return;
  if (!announcer.permissions.includes('communication')) {
    await app.get(DataSource).getRepository(UserEntity).update({ id: announcer.id }, { permissions: [...announcer.permissions, 'communication'] });
  }
  const announcements = app.get(AnnouncementsService);
  if ((await announcements.list()).length > 0) return;
  await announcements.create(await announcements.managerFor(announcer.id), DEMO_ANNOUNCEMENT, CLI_CONTEXT);
}

/** A freelancer with guest access to two apps, sponsored by a designer who may invite guests. */
const DEMO_GUEST = { email: 'lea.martin@studio-leman.example', name: 'Léa Martin', company: 'Studio Léman', sponsor: 'amina.benali@atelier-lumiere.example' };
const DEMO_GUEST_DAYS = 30;

/** True when the guest was created now, false when they were already there. */
async function seedGuest(app: INestApplicationContext, demoApps: Record<DemoAppKey, DemoAppCredentials>): Promise<boolean> {
  const accounts = app.get(AccountsService);
  const sponsor = await accounts.findByEmailOrId(DEMO_GUEST.sponsor);
  if (sponsor && !sponsor.permissions.includes('sponsor')) await app.get(DataSource).getRepository(UserEntity).update({ id: sponsor.id }, { permissions: [...sponsor.permissions, 'sponsor'] });
  if (await accounts.findByEmailOrId(DEMO_GUEST.email)) return false;
  const clock = app.get(Clock);
  const { guest } = await app.get(GuestsService).invite(
    CLI_MANAGER,
    {
      email: DEMO_GUEST.email,
      name: DEMO_GUEST.name,
      company: DEMO_GUEST.company,
      sponsor: DEMO_GUEST.sponsor,
      endsAt: new Date(clock.now().getTime() + DEMO_GUEST_DAYS * 86_400_000).toISOString(),
      apps: [demoApps.wiki.appId, demoApps.files.appId],
      locale: 'fr',
    },
    CLI_CONTEXT,
  );
  // Accepted already, with the demo password, so the demo can sign in as the guest at once.
  const passwordHash = await app.get(PasswordHasher).hash(DEMO_PASSWORD);
  await app.get(DataSource).transaction(async (tx) => {
    await tx.update(UserEntity, { id: guest.id }, { passwordHash });
    await tx.update(GuestEntity, { userId: guest.id }, { acceptedAt: clock.now() });
    await app.get(SetupService).closeActivationLinks(guest.id, tx);
  });
  return true;
}

async function seedCatalog(app: INestApplicationContext, appUrls: DemoAppUrls): Promise<Pick<DemoSeedResult, 'catalog' | 'demoApps'>> {
  const catalogAdmin = app.get(CatalogAdminService);
  const groups = app.get(GroupsService);
  const catalog: DemoSeedResult['catalog'] = { sectionsCreated: [], appsCreated: [], appsKept: [] };

  const before = await catalogAdmin.overview();
  const sectionIds = new Map<string, string>();
  for (const name of SECTIONS) {
    if (!before.sections.some((s) => s.name.toLowerCase() === name.toLowerCase())) catalog.sectionsCreated.push(name);
    sectionIds.set(name, (await catalogAdmin.ensureSection(name, ACTOR, CLI_CONTEXT)).id);
  }
  const groupIds = new Map<string, string>();
  for (const name of new Set([...Object.values(DEMO_TILES), ...LINK_TILES].flatMap((t) => t.groups))) {
    groupIds.set(name, (await groups.ensure(name, ACTOR, CLI_CONTEXT)).id);
  }
  const who = (spec: TileSpec): { visibility: AppVisibility; groupIds: string[] } =>
    spec.groups.length ? { visibility: 'groups', groupIds: spec.groups.map((g) => groupIds.get(g) as string) } : { visibility: 'everyone', groupIds: [] };
  const existing = (name: string) => before.apps.find((a) => a.name === name);

  const demoApps = {} as Record<DemoAppKey, DemoAppCredentials>;
  for (const key of DEMO_APP_KEYS) {
    const spec = DEMO_TILES[key];
    const found = existing(spec.name);
    (found ? catalog.appsKept : catalog.appsCreated).push(spec.name);
    const tile = { name: spec.name, description: spec.description, sectionId: sectionIds.get(spec.section) as string, requestable: spec.requestable, ...who(spec) };
    demoApps[key] = await registerDemoApp(app, appUrls[key], tile, found);
    await iconIfMissing(catalogAdmin, demoApps[key].appId, found, spec);
  }
  for (const spec of LINK_TILES) {
    const found = existing(spec.name);
    if (found) {
      catalog.appsKept.push(spec.name);
      await iconIfMissing(catalogAdmin, found.id, found, spec);
      continue;
    }
    const tile = await catalogAdmin.createApp(
      { name: spec.name, description: spec.description, launchUrl: spec.url, sectionId: sectionIds.get(spec.section), requestable: spec.requestable, ...who(spec) },
      ACTOR,
      CLI_CONTEXT,
    );
    catalog.appsCreated.push(spec.name);
    await iconIfMissing(catalogAdmin, tile.id, undefined, spec);
  }
  return { catalog, demoApps };
}

async function iconIfMissing(catalogAdmin: CatalogAdminService, appId: string, found: CatalogApp | undefined, spec: TileSpec): Promise<void> {
  if (!found?.iconUrl) await catalogAdmin.setIconFromBytes(appId, demoIcon(spec.colour, spec.mark), ACTOR, CLI_CONTEXT);
}

/**
 * Registers one demo app at `url`: its OIDC client (redirect, post-logout and back-channel logout
 * URIs, scope alerts:write) and its tile (launch, third-party login and health URLs). A tile that
 * exists is kept; its client gets a new secret (and alerts:write if it lacks it), or is replaced by
 * one registered at the new URLs when the app moved (a client's URIs can't be edited; the tile, its
 * pins and grants stay).
 */
async function registerDemoApp(
  app: INestApplicationContext,
  url: string,
  tile: { name: string; description: string; sectionId: string; requestable: boolean; visibility: AppVisibility; groupIds: string[] },
  found: CatalogApp | undefined,
): Promise<DemoAppCredentials> {
  const catalogAdmin = app.get(CatalogAdminService);
  const clients = app.get(ClientsService);
  const sso = {
    redirectUris: [url + PATHS.callback],
    postLogoutRedirectUris: [url + PATHS.home],
    backchannelLogoutUri: url + PATHS.backchannelLogout,
    // The demo apps post alerts through the push API (client_credentials).
    scopes: [...DEMO_APP_SCOPES],
  };
  // oidc-provider wants initiate_login_uri in https; the catalog keeps its own (http) copy instead.
  const urls = { launchUrl: url + PATHS.home, initiateLoginUri: url + PATHS.login, healthUrl: url + PATHS.health };

  if (!found) {
    const { app: created, client } = await catalogAdmin.createAppWithClient({ ...tile, ...urls, sso }, ACTOR, CLI_CONTEXT);
    return { appId: created.id, url, clientId: client.clientId, clientSecret: client.clientSecret as string };
  }
  const current = found.clientId ? await clients.get(found.clientId) : undefined;
  if (current && registeredAt(current, sso)) {
    const rotated = await clients.rotateSecret(current.clientId, ACTOR, CLI_CONTEXT);
    // Registered before the demo apps posted alerts: granted the scope now, other scopes kept.
    const missing = DEMO_APP_SCOPES.filter((scope) => !current.scopes.includes(scope));
    if (missing.length) await clients.updateScopes(current.clientId, [...current.scopes.filter((s) => (ApiScopes as readonly string[]).includes(s)), ...missing], ACTOR, CLI_CONTEXT);
    if (found.launchUrl !== urls.launchUrl || found.initiateLoginUri !== urls.initiateLoginUri || found.healthUrl !== urls.healthUrl) {
      await catalogAdmin.updateApp(found.id, urls, ACTOR, CLI_CONTEXT);
    }
    return { appId: found.id, url, clientId: rotated.clientId, clientSecret: rotated.clientSecret as string };
  }
  const client = await clients.create({ name: found.name, ...sso }, ACTOR, CLI_CONTEXT);
  try {
    await catalogAdmin.updateApp(found.id, { ...urls, clientId: client.clientId }, ACTOR, CLI_CONTEXT);
  } catch (error) {
    await clients.delete(client.clientId, ACTOR, CLI_CONTEXT).catch(() => undefined);
    throw error;
  }
  // The old client, with every token issued to it: nothing should work at the old address.
  if (current) await clients.delete(current.clientId, ACTOR, CLI_CONTEXT);
  return { appId: found.id, url, clientId: client.clientId, clientSecret: client.clientSecret as string };
}

function registeredAt(client: AppClient, sso: { redirectUris: string[]; postLogoutRedirectUris: string[]; backchannelLogoutUri: string }): boolean {
  return (
    !client.public &&
    client.redirectUris.join(' ') === sso.redirectUris.join(' ') &&
    client.postLogoutRedirectUris.join(' ') === sso.postLogoutRedirectUris.join(' ') &&
    client.backchannelLogoutUri === sso.backchannelLogoutUri
  );
}
