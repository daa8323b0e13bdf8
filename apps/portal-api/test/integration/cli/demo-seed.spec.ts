import * as client from 'openid-client';
import { DEFAULT_DEMO_PORTS, DEMO_APP_KEYS, endpointsOf } from '@passerelle/demo-apps';
import type { CatalogApp } from '@passerelle/contracts';
import { AccountsService } from '../../../src/app/accounts/accounts.service';
import { CatalogAdminService } from '../../../src/app/catalog/admin/catalog-admin.service';
import { EntitlementsService } from '../../../src/app/catalog/entitlements.service';
import { CLI_MANAGER, GuestsService } from '../../../src/app/guests/guests.service';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { ClientsService } from '../../../src/app/identity/clients/clients.service';
import { demoIcon } from '../../../src/cli/demo-icons';
import { DEMO_APP_DEFAULT_PORTS, defaultDemoAppUrls, demoAppUrlsFrom, seedDemo, type DemoAppUrls, type DemoSeedResult } from '../../../src/cli/demo-seed';
import { discoverAs } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('demo seed: catalog and the demo apps’ clients', () => {
  const portal = usePortal();
  const urls: DemoAppUrls = { wiki: 'http://127.0.0.1:4101', crm: 'http://127.0.0.1:4102', files: 'http://127.0.0.1:4103' };
  let firstRun: DemoSeedResult | undefined;

  const overview = () => portal.app.get(CatalogAdminService).overview();
  const byName = (apps: CatalogApp[], name: string) => {
    const found = apps.find((a) => a.name === name);
    if (!found) throw new Error(`no app "${name}" in ${apps.map((a) => a.name).join(', ')}`);
    return found;
  };
  /** Whether the client authenticates with this secret (client_credentials at the token endpoint). */
  const secretWorks = async (clientId: string, secret: string) => {
    const config = await discoverAs(portal.url, clientId, secret);
    return client.clientCredentialsGrant(config).then(
      () => true,
      (error: unknown) => {
        // client_secret_basic failures come back as a 401 challenge.
        if (error instanceof client.WWWAuthenticateChallengeError && error.cause.some((c) => c.parameters.error === 'invalid_client')) return false;
        throw error;
      },
    );
  };

  it('agrees with the demo apps on their default ports and paths', () => {
    expect(DEMO_APP_DEFAULT_PORTS).toEqual({ ...DEFAULT_DEMO_PORTS });
    expect(defaultDemoAppUrls('http://localhost:3000')).toEqual({ wiki: 'http://localhost:3101', crm: 'http://localhost:3102', files: 'http://localhost:3103' });
    expect(defaultDemoAppUrls('https://portal.acme.test')).toEqual(defaultDemoAppUrls('http://localhost:3000'));
    expect(defaultDemoAppUrls('http://127.0.0.1:3000').wiki).toBe('http://127.0.0.1:3101');
  });

  it('reads the apps’ addresses from `demo seed` arguments and refuses anything else', () => {
    expect(demoAppUrlsFrom(['wiki=http://127.0.0.1:5001/', 'files=http://127.0.0.1:5003'], 'http://localhost:3000')).toEqual({
      wiki: 'http://127.0.0.1:5001',
      crm: 'http://localhost:3102',
      files: 'http://127.0.0.1:5003',
    });
    for (const bad of ['wiki', 'mail=http://localhost:1', 'wiki=localhost:3101', 'wiki=ftp://localhost:21', 'wiki=http://localhost:3101/app', 'wiki=http://localhost:3101?x=1']) {
      expect(typeof demoAppUrlsFrom([bad], 'http://localhost:3000')).withContext(bad).toBe('string');
    }
  });

  it('adds sections, tiles with icons and who may see them, and registers each demo app where it runs', async () => {
    const result = await seedDemo(portal.app, { appUrls: urls });
    firstRun = result;
    // Eight employees and one guest (Léa, sponsored by Amina, Wiki and Files only, already accepted).
    expect(result.created.length).toBe(9);
    const guest = await portal.app.get(GuestsService).get(CLI_MANAGER, (await portal.app.get(AccountsService).findByEmailOrId('lea.martin@studio-leman.example'))!.id);
    expect(guest.status).toBe('active');
    expect(guest.sponsor?.email).toBe('amina.benali@atelier-lumiere.example');
    expect(guest.apps.map((a) => a.name)).toEqual(['Files', 'Wiki']);
    expect(result.catalog.sectionsCreated).toEqual(['Au quotidien', 'Ventes', 'Finance', 'Outils']);
    expect(result.catalog.appsKept).toEqual([]);

    const { sections, apps } = await overview();
    expect(sections.map((s) => s.name)).toEqual(['Au quotidien', 'Ventes', 'Finance', 'Outils']);
    expect(apps.length).toBe(result.catalog.appsCreated.length);
    expect(apps.length).toBeGreaterThanOrEqual(10);
    for (const app of apps) {
      expect(app.iconUrl).withContext(app.name).toEqual(jasmine.any(String));
      expect(app.sectionId).withContext(app.name).toEqual(jasmine.any(String));
      // Plain links stay on *.example: the demo calls nothing outside.
      if (!app.clientId) expect(new URL(app.launchUrl).hostname).withContext(app.name).toMatch(/\.example$/);
    }

    const clients = portal.app.get(ClientsService);
    for (const key of DEMO_APP_KEYS) {
      const credentials = result.demoApps[key];
      const endpoints = endpointsOf(urls[key]);
      const registered = await clients.get(credentials.clientId);
      expect(registered.redirectUris).withContext(key).toEqual([endpoints.redirectUri]);
      expect(registered.postLogoutRedirectUris).withContext(key).toEqual([endpoints.postLogoutRedirectUri]);
      expect(registered.backchannelLogoutUri).withContext(key).toBe(endpoints.backchannelLogoutUri);
      expect(registered.public).toBeFalse();
      // The demo apps post alerts through the push API.
      expect(registered.scopes).withContext(key).toContain('alerts:write');
      const tile = apps.find((a) => a.id === credentials.appId) as CatalogApp;
      expect(tile.clientId).withContext(key).toBe(credentials.clientId);
      expect(tile.launchUrl).withContext(key).toBe(endpoints.postLogoutRedirectUri);
      expect(tile.initiateLoginUri).withContext(key).toBe(endpoints.initiateLoginUri);
      expect(tile.healthUrl).withContext(key).toBe(endpoints.healthUrl);
      expect(await secretWorks(credentials.clientId, credentials.clientSecret)).withContext(key).toBeTrue();
    }
    expect(result.demoApps.wiki.url).toBe(urls.wiki);

    // Entitlements the demo shows: everyone has the Wiki; the CRM is Direction's and Finance's, and others may ask.
    const crm = byName(apps, 'CRM');
    expect(crm.visibility).toBe('groups');
    expect(crm.requestable).toBeTrue();
    expect(byName(apps, 'Wiki').visibility).toBe('everyone');
    const accounts = portal.app.get(AccountsService);
    const entitlements = portal.app.get(EntitlementsService);
    const idOf = async (email: string) => (await accounts.findByEmailOrId(email))?.id as string;
    const claire = await entitlements.appIdsFor(await idOf('claire.dubois@atelier-lumiere.example'));
    const julien = await entitlements.appIdsFor(await idOf('julien.favre@atelier-lumiere.example'));
    const thomas = await entitlements.appIdsFor(await idOf('thomas.muller@atelier-lumiere.example'));
    expect(claire.has(crm.id)).toBeTrue();
    expect(thomas.has(crm.id)).toBeTrue();
    expect(julien.has(crm.id)).toBeFalse();
    expect(julien.has(byName(apps, 'Wiki').id)).toBeTrue();
    expect(thomas.has(byName(apps, 'Comptabilité').id)).toBeTrue();
    expect(claire.has(byName(apps, 'Comptabilité').id)).toBeFalse();
    expect(julien.has(byName(apps, 'Console réseau').id)).toBeTrue();
    expect(thomas.has(byName(apps, 'Console réseau').id)).toBeFalse();
  });

  it('run again: keeps people and apps, renews the demo secrets (the old ones stop working)', async () => {
    const before = await overview();
    const first = byName(before.apps, 'Wiki');
    const oldSecret = (firstRun as DemoSeedResult).demoApps.wiki.clientSecret;
    const again = await seedDemo(portal.app, { appUrls: urls });
    expect(again.created).toEqual([]);
    expect(again.kept.length).toBe(9);
    expect(again.catalog.appsCreated).toEqual([]);
    expect(again.catalog.sectionsCreated).toEqual([]);
    const after = await overview();
    expect(after.apps.map((a) => a.id).sort()).toEqual(before.apps.map((a) => a.id).sort());
    expect(again.demoApps.wiki.appId).toBe(first.id);
    expect(again.demoApps.wiki.clientId).toBe(first.clientId as string);
    expect(again.demoApps.wiki.clientSecret).not.toBe(oldSecret);
    expect(await secretWorks(again.demoApps.wiki.clientId, again.demoApps.wiki.clientSecret)).toBeTrue();
    expect(await secretWorks(again.demoApps.wiki.clientId, oldSecret)).toBeFalse();
  });

  it('run again: grants alerts:write to a demo client registered without it, keeping its other scopes (audited)', async () => {
    const clients = portal.app.get(ClientsService);
    const crm = byName((await overview()).apps, 'CRM').clientId as string;
    await clients.updateScopes(crm, ['users:read'], 'test', CLI_CONTEXT);
    expect((await clients.get(crm)).scopes).not.toContain('alerts:write');

    const again = await seedDemo(portal.app, { appUrls: urls });
    expect(again.demoApps.crm.clientId).toBe(crm);
    expect((await clients.get(crm)).scopes).toEqual(['openid', 'profile', 'email', 'groups', 'offline_access', 'alerts:write', 'users:read']);
    const events = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'app.updated', subject: crm, actor: 'demo-seed' });
    expect(events.map((e) => JSON.parse(e.details))).toEqual([{ name: 'CRM', before: 'users:read', after: 'alerts:write users:read', revokedTokens: 0 }]);
    const config = await discoverAs(portal.url, crm, again.demoApps.crm.clientSecret);
    expect((await client.clientCredentialsGrant(config, { scope: 'alerts:write' })).scope).toBe('alerts:write');
  });

  it('run with the Wiki elsewhere: a client registered at the new address replaces the old one; the tile stays', async () => {
    const before = byName((await overview()).apps, 'Wiki');
    const moved = await seedDemo(portal.app, { appUrls: { ...urls, wiki: 'http://127.0.0.1:4201' } });
    const wiki = moved.demoApps.wiki;
    expect(wiki.appId).toBe(before.id);
    expect(wiki.clientId).not.toBe(before.clientId as string);
    const clients = portal.app.get(ClientsService);
    expect((await clients.get(wiki.clientId)).redirectUris).toEqual(['http://127.0.0.1:4201/callback']);
    await expectAsync(clients.get(before.clientId as string)).toBeRejected();
    const tile = (await overview()).apps.find((a) => a.id === before.id) as CatalogApp;
    expect(tile.clientId).toBe(wiki.clientId);
    expect(tile.initiateLoginUri).toBe('http://127.0.0.1:4201/login');
    expect(tile.iconUrl).toBe(before.iconUrl);
    expect(await secretWorks(wiki.clientId, wiki.clientSecret)).toBeTrue();
    // The other demo apps did not move: same clients, new secrets.
    expect(moved.demoApps.crm.clientId).toBe(byName((await overview()).apps, 'CRM').clientId as string);
  });
});

describe('demo seed: icons', () => {
  it('draws small PNG icons', () => {
    const png = demoIcon('#1f6b4a', 'triangle');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBeTrue();
    expect(png.length).toBeLessThan(8 * 1024);
    expect(png.readUInt32BE(16)).toBe(96); // IHDR width
  });
});
