import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dashboard } from '@passerelle/contracts';
import { CatalogAppEntity } from '../../../src/app/catalog/entities/catalog-app.entity';
import { HealthProbesService } from '../../../src/app/catalog/health/health-probes.service';
import { UserAppPreferenceEntity } from '../../../src/app/catalog/entities/user-app-preference.entity';
import { Clock } from '../../../src/infra/clock';
import { addApp, addSection, grantApp, removeFromGroup, signedInBrowser, uniqueName } from '../../support/catalog-rows';
import { Browser, createPerson, registerApp, signInThroughInteraction, type Authenticator, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/** The dashboard's data, pins and the launch endpoint, over HTTP with a real portal session. */
describe('Dashboard API', () => {
  const portal = usePortal();

  async function dashboardOf(browser: Browser): Promise<Dashboard> {
    const response = await browser.get('/api/dashboard');
    expect(response.status).withContext(response.text).toBe(200);
    return response.json() as Dashboard;
  }

  describe('GET /api/dashboard', () => {
    it('needs a session', async () => {
      const response = await new Browser(portal.url).get('/api/dashboard');
      expect(response.status).toBe(401);
      expect(response.json().code).toBe('unauthorized');
    });

    it('lists exactly the apps the person may open, by section in the administrators’ order, never cached', async () => {
      const group = uniqueName('Accounting');
      const person = await createPerson(portal.app, { groups: [group] });
      const later = await addSection(portal.dataSource, { name: uniqueName('Tools'), position: 2 });
      const first = await addSection(portal.dataSource, { name: uniqueName('Daily work'), position: 1 });
      const empty = await addSection(portal.dataSource, { name: uniqueName('Finance'), position: 3 });
      const mail = await addApp(portal.dataSource, { name: 'Mail', sectionId: first.id, position: 2, visibility: 'everyone', description: 'Company mail' });
      const books = await addApp(portal.dataSource, { name: 'Comptabilité', sectionId: first.id, position: 1, groups: [group], iconVersion: 'abc123' });
      const tools = await addApp(portal.dataSource, { name: 'Toolbox', sectionId: later.id, position: 1, groups: [group] });
      const loose = await addApp(portal.dataSource, { name: 'Loose', visibility: 'everyone' });
      const granted = await addApp(portal.dataSource, { name: 'Audit', visibility: 'rules', sectionId: later.id, position: 5 });
      await grantApp(portal.dataSource, granted.id, person.id);
      const hidden = await addApp(portal.dataSource, { name: 'Payroll', sectionId: empty.id, groups: [uniqueName('HR')] });
      const ruled = await addApp(portal.dataSource, { name: 'Vault', sectionId: empty.id, visibility: 'rules' });
      const registered = await registerApp(portal.app, { name: uniqueName('Wiki'), redirectUris: ['http://127.0.0.1:8792/cb'] });
      const sso = await addApp(portal.dataSource, { name: 'Wiki', clientId: registered.clientId, sectionId: later.id, position: 0, visibility: 'everyone' });

      const { browser } = await signedInBrowser(portal.url, person);
      const response = await browser.get('/api/dashboard');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const dashboard = response.json() as Dashboard;
      const ids = dashboard.apps.map((a) => a.id);
      for (const id of [mail.id, books.id, tools.id, loose.id, granted.id, sso.id]) expect(ids).withContext(id).toContain(id);
      for (const id of [hidden.id, ruled.id]) expect(ids).withContext(id).not.toContain(id);

      const ours = new Set([first.id, later.id, empty.id]);
      expect(dashboard.sections.filter((s) => ours.has(s.id))).toEqual([
        { id: first.id, name: first.name, appIds: [books.id, mail.id] },
        { id: later.id, name: later.name, appIds: [sso.id, tools.id, granted.id] },
      ]);
      expect(dashboard.sections.flatMap((s) => s.appIds)).not.toContain(loose.id);

      const tile = (id: string) => dashboard.apps.find((a) => a.id === id);
      expect(tile(mail.id)).toEqual({
        id: mail.id,
        name: 'Mail',
        description: 'Company mail',
        sectionId: first.id,
        iconUrl: null,
        launchUrl: `/api/dashboard/apps/${mail.id}/launch`,
        sso: false,
        health: null,
      });
      expect(tile(books.id)?.iconUrl).toBe(`/api/catalog/apps/${books.id}/icon?v=abc123`);
      expect(tile(sso.id)?.sso).toBeTrue();
      expect(tile(loose.id)?.sectionId).toBeNull();
      // Apps come in display order: sections in order, apps in no section last.
      expect(ids.indexOf(books.id)).toBeLessThan(ids.indexOf(mail.id));
      expect(ids.indexOf(mail.id)).toBeLessThan(ids.indexOf(sso.id));
      expect(ids.indexOf(granted.id)).toBeLessThan(ids.indexOf(loose.id));
    });

    it('shows catalog changes and group membership changes on the next request', async () => {
      const group = uniqueName('Support');
      const person = await createPerson(portal.app, { groups: [group] });
      const { browser } = await signedInBrowser(portal.url, person);
      const app = await addApp(portal.dataSource, { name: 'Helpdesk', groups: [group] });
      expect((await dashboardOf(browser)).apps.map((a) => a.id)).toContain(app.id);

      await removeFromGroup(portal.dataSource, person.id, group);
      expect((await dashboardOf(browser)).apps.map((a) => a.id)).not.toContain(app.id);

      await portal.dataSource.getRepository(CatalogAppEntity).update({ id: app.id }, { visibility: 'everyone', name: 'Helpdesk 2' });
      const tile = (await dashboardOf(browser)).apps.find((a) => a.id === app.id);
      expect(tile?.name).toBe('Helpdesk 2');
    });

    it('lists requestable apps the person can’t open yet, with their latest request', async () => {
      const person = await createPerson(portal.app);
      const section = await addSection(portal.dataSource, { name: uniqueName('Finance') });
      const askable = await addApp(portal.dataSource, { name: 'Treasury', description: 'Cash', groups: [uniqueName('CFO')], requestable: true, sectionId: section.id, iconVersion: 'v1' });
      const notAskable = await addApp(portal.dataSource, { name: 'Secret', groups: [uniqueName('Board')] });
      const alreadyOpen = await addApp(portal.dataSource, { name: 'Open', visibility: 'everyone', requestable: true });
      const { browser } = await signedInBrowser(portal.url, person);

      let dashboard = await dashboardOf(browser);
      const requestableIds = dashboard.requestable.map((r) => r.id);
      expect(requestableIds).toContain(askable.id);
      expect(requestableIds).not.toContain(notAskable.id);
      expect(requestableIds).not.toContain(alreadyOpen.id);
      expect(dashboard.requestable.find((r) => r.id === askable.id)).toEqual({
        id: askable.id,
        name: 'Treasury',
        description: 'Cash',
        iconUrl: `/api/catalog/apps/${askable.id}/icon?v=v1`,
        sectionName: section.name,
        request: null,
      });

      const filed = await browser.postJson('/api/dashboard/access-requests', { appId: askable.id, reason: 'Quarter close' });
      expect(filed.status).toBe(201);
      dashboard = await dashboardOf(browser);
      expect(dashboard.requestable.find((r) => r.id === askable.id)?.request).toEqual({
        id: filed.json().id,
        status: 'pending',
        createdAt: filed.json().createdAt,
        decidedAt: null,
        note: null,
      });
    });
  });

  describe('PUT /api/dashboard/pins', () => {
    let person: Person;
    let browser: Browser;
    let authenticator: Authenticator;
    let apps: string[];
    let forbidden: string;

    beforeAll(async () => {
      person = await createPerson(portal.app);
      ({ browser, authenticator } = await signedInBrowser(portal.url, person));
      apps = [];
      for (const name of ['One', 'Two', 'Three']) apps.push((await addApp(portal.dataSource, { name, visibility: 'everyone' })).id);
      forbidden = (await addApp(portal.dataSource, { name: 'Forbidden', groups: [uniqueName('Nobody')] })).id;
    });

    it('replaces the pinned list, in the person’s order, and keeps it across sessions', async () => {
      expect((await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [apps[2], apps[0]] } })).status).toBe(204);
      expect((await dashboardOf(browser)).pinned).toEqual([apps[2], apps[0]]);
      expect((await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [apps[1], apps[2], apps[0]] } })).status).toBe(204);
      expect((await dashboardOf(browser)).pinned).toEqual([apps[1], apps[2], apps[0]]);

      // Another device, another session: the same pins.
      const { browser: phone } = await signedInBrowser(portal.url, { ...person, authenticator });
      expect((await dashboardOf(phone)).pinned).toEqual([apps[1], apps[2], apps[0]]);

      expect((await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [] } })).status).toBe(204);
      expect((await dashboardOf(browser)).pinned).toEqual([]);
    });

    it('refuses, naming it, an app the person can’t open or that doesn’t exist — and changes nothing', async () => {
      await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [apps[0]] } });
      for (const bad of [forbidden, 'no-such-app']) {
        const response = await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [apps[1], bad] } });
        expect(response.status).toBe(400);
        expect(response.json().message).toContain(`“${bad}”`);
        expect(response.json().fields.appIds[0]).toContain(bad);
      }
      // The same words for both: no hint about which apps exist.
      const a = await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [forbidden] } });
      const b = await browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: ['no-such-app'] } });
      expect(a.json().message.replace(forbidden, 'X')).toBe(b.json().message.replace('no-such-app', 'X'));
      expect((await dashboardOf(browser)).pinned).toEqual([apps[0]]);
    });

    it('validates the list: duplicates, size, types', async () => {
      const cases: unknown[] = [
        { appIds: [apps[0], apps[0]] },
        { appIds: Array.from({ length: 51 }, (_v, i) => `app-${i}`) },
        { appIds: 'one' },
        { appIds: [42] },
        {},
        { appIds: [apps[0]], extra: true },
      ];
      for (const body of cases) {
        const response = await browser.request('/api/dashboard/pins', { method: 'PUT', json: body });
        expect(response.status).withContext(JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(response.json().code).toBe('validation_failed');
      }
      expect((await new Browser(portal.url).request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [] } })).status).toBe(401);
    });

    it('keeps one whole list when two devices save at the same moment', async () => {
      const lists = [[apps[0], apps[1]], [apps[2]], [apps[1], apps[2], apps[0]]];
      const answers = await Promise.all(lists.map((appIds) => browser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds } })));
      expect(answers.map((a) => a.status)).toEqual([204, 204, 204]);
      const pinned = (await dashboardOf(browser)).pinned;
      expect(lists).toContain(pinned);
    });

    it('drops pinned apps the person can no longer open', async () => {
      const group = uniqueName('Temp');
      const other = await createPerson(portal.app, { groups: [group] });
      const { browser: otherBrowser } = await signedInBrowser(portal.url, other);
      const temp = await addApp(portal.dataSource, { name: 'Temporary', groups: [group] });
      expect((await otherBrowser.request('/api/dashboard/pins', { method: 'PUT', json: { appIds: [temp.id, apps[0]] } })).status).toBe(204);
      await removeFromGroup(portal.dataSource, other.id, group);
      expect((await dashboardOf(otherBrowser)).pinned).toEqual([apps[0]]);
    });
  });

  describe('GET /api/dashboard/apps/:id/launch', () => {
    it('sends a signed-out browser to sign in, then back to the launch', async () => {
      const app = await addApp(portal.dataSource, { name: 'Files', visibility: 'everyone', launchUrl: 'https://files.acme.test/home' });
      const person = await createPerson(portal.app);
      const browser = new Browser(portal.url);
      const first = await browser.get(`/api/dashboard/apps/${app.id}/launch`);
      expect(first.status).toBe(302);
      expect(first.headers.get('location')).toBe(`/api/auth/sign-in?returnTo=${encodeURIComponent(`/api/dashboard/apps/${app.id}/launch`)}`);
      const signIn = await signInThroughInteraction(browser, first.location as URL, person);
      expect(signIn.callbackUrl.pathname).toBe(`/api/dashboard/apps/${app.id}/launch`);
      const second = await browser.get(signIn.callbackUrl);
      expect(second.status).toBe(302);
      expect(second.headers.get('location')).toBe('https://files.acme.test/home');
      expect(second.headers.get('cache-control')).toBe('no-store');
    });

    it('sends the person back to the dashboard with the same notice for an unknown app and a forbidden one', async () => {
      const forbidden = await addApp(portal.dataSource, { name: 'Payroll', groups: [uniqueName('HR')] });
      const person = await createPerson(portal.app);
      const { browser } = await signedInBrowser(portal.url, person);
      for (const id of [forbidden.id, 'no-such-app']) {
        const response = await browser.get(`/api/dashboard/apps/${id}/launch`);
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toBe(`/?unavailable=${id}`);
      }
      // An id no app could have is not echoed back — even one cut in the middle of an emoji.
      for (const id of ['a b&c=<x>', `${'a'.repeat(63)}😀`]) {
        const odd = await browser.get(`/api/dashboard/apps/${encodeURIComponent(id)}/launch`);
        expect(odd.status).toBe(302);
        expect(odd.headers.get('location')).toBe('/?unavailable=');
      }
      expect(await portal.dataSource.getRepository(UserAppPreferenceEntity).countBy({ userId: person.id })).toBe(0);
    });

    it('uses third-party-initiated login when the app (or its client) has one, and records the launch for "recently used"', async () => {
      const person = await createPerson(portal.app);
      const { browser } = await signedInBrowser(portal.url, person);
      const registered = await registerApp(portal.app, { name: uniqueName('Wiki'), redirectUris: ['http://127.0.0.1:8793/cb'], initiateLoginUri: 'https://wiki.acme.test/oidc/login' });
      const fromClient = await addApp(portal.dataSource, { name: 'Wiki', clientId: registered.clientId, launchUrl: 'https://wiki.acme.test/', visibility: 'everyone' });
      const own = await addApp(portal.dataSource, { name: 'CRM', launchUrl: 'https://crm.acme.test/app', initiateLoginUri: 'https://crm.acme.test/login?tenant=7', visibility: 'everyone' });
      const plain = await addApp(portal.dataSource, { name: 'Lunch', launchUrl: 'https://lunch.acme.test/', visibility: 'everyone' });

      // Launch times from the injected clock (minutes from now: sessions must stay valid).
      const clock = portal.app.get(Clock);
      const realNow = clock.now.bind(clock);
      const t0 = Date.now();
      const at = (minutes: number) => (clock.now = () => new Date(t0 + minutes * 60_000));
      try {
        at(2);
        const wiki = new URL((await browser.get(`/api/dashboard/apps/${fromClient.id}/launch`)).headers.get('location') as string);
        expect(`${wiki.origin}${wiki.pathname}`).toBe('https://wiki.acme.test/oidc/login');
        expect(Object.fromEntries(wiki.searchParams)).toEqual({ iss: `${portal.url}/oidc`, login_hint: person.email, target_link_uri: 'https://wiki.acme.test/' });

        at(3);
        const crm = new URL((await browser.get(`/api/dashboard/apps/${own.id}/launch`)).headers.get('location') as string);
        expect(`${crm.origin}${crm.pathname}`).toBe('https://crm.acme.test/login');
        expect(Object.fromEntries(crm.searchParams)).toEqual({ tenant: '7', iss: `${portal.url}/oidc`, login_hint: person.email, target_link_uri: 'https://crm.acme.test/app' });

        at(1);
        expect((await browser.get(`/api/dashboard/apps/${plain.id}/launch`)).headers.get('location')).toBe('https://lunch.acme.test/');
      } finally {
        clock.now = realNow;
      }
      const recorded = await portal.dataSource.getRepository(UserAppPreferenceEntity).findOneByOrFail({ userId: person.id, appId: own.id });
      expect(recorded.lastLaunchedAt?.getTime()).toBe(t0 + 3 * 60_000);
      expect((await dashboardOf(browser)).recent).toEqual([own.id, fromClient.id, plain.id]);
    });

    it('keeps at most six recently used apps, only ones the person may still open', async () => {
      const group = uniqueName('Ops');
      const person = await createPerson(portal.app, { groups: [group] });
      const { browser } = await signedInBrowser(portal.url, person);
      const ids: string[] = [];
      for (let i = 0; i < 8; i++) ids.push((await addApp(portal.dataSource, { name: `Tool ${i}`, groups: [group] })).id);
      const clock = portal.app.get(Clock);
      const realNow = clock.now.bind(clock);
      const t0 = Date.now();
      try {
        for (const [i, id] of ids.entries()) {
          clock.now = () => new Date(t0 + i * 1000);
          expect((await browser.get(`/api/dashboard/apps/${id}/launch`)).status).toBe(302);
        }
      } finally {
        clock.now = realNow;
      }
      expect((await dashboardOf(browser)).recent).toEqual([...ids].reverse().slice(0, 6));
      await removeFromGroup(portal.dataSource, person.id, group);
      expect((await dashboardOf(browser)).recent).toEqual([]);
    });
  });

  describe('health', () => {
    let server: http.Server;
    let base: string;

    beforeAll(async () => {
      server = http.createServer((req, res) => {
        if (req.url === '/up') res.writeHead(200).end('ok');
        else if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end();
        else if (req.url === '/down') res.writeHead(503).end('down');
        // /slow never answers in time.
        else setTimeout(() => res.writeHead(200).end('late'), 10_000).unref();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('shows each app’s last probe, never waiting for one: a slow app doesn’t slow the dashboard', async () => {
      const person = await createPerson(portal.app);
      const { browser } = await signedInBrowser(portal.url, person);
      const up = await addApp(portal.dataSource, { name: 'Up', visibility: 'everyone', healthUrl: `${base}/up` });
      const moved = await addApp(portal.dataSource, { name: 'Moved', visibility: 'everyone', healthUrl: `${base}/moved` });
      const down = await addApp(portal.dataSource, { name: 'Down', visibility: 'everyone', healthUrl: `${base}/down` });
      const slow = await addApp(portal.dataSource, { name: 'Slow', visibility: 'everyone', healthUrl: `${base}/slow` });
      const none = await addApp(portal.dataSource, { name: 'None', visibility: 'everyone' });
      const healthOf = (dashboard: Dashboard, id: string) => dashboard.apps.find((a) => a.id === id)?.health;

      const probes = portal.app.get(HealthProbesService);
      const round = probes.probeAll();
      const started = performance.now();
      const first = await dashboardOf(browser);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(healthOf(first, slow.id)).toBe('unknown');
      expect(healthOf(first, none.id)).toBeNull();
      await round;

      const after = await dashboardOf(browser);
      expect(healthOf(after, up.id)).toBe('up');
      expect(healthOf(after, moved.id)).toBe('up');
      expect(healthOf(after, down.id)).toBe('down');
      expect(healthOf(after, slow.id)).toBe('down');
      expect(healthOf(after, none.id)).toBeNull();
      expect(probes.healthOf({ id: up.id, healthUrl: `${base}/up` })).toBe('up');
      // A changed URL is unknown until probed.
      expect(probes.healthOf({ id: up.id, healthUrl: `${base}/down` })).toBe('unknown');
    });

    it('probes a new app soon after the dashboard first shows it, without waiting for the next round', async () => {
      const person = await createPerson(portal.app);
      const { browser } = await signedInBrowser(portal.url, person);
      const fresh = await addApp(portal.dataSource, { name: 'Fresh', visibility: 'everyone', healthUrl: `${base}/up` });
      const healthNow = async () => (await dashboardOf(browser)).apps.find((a) => a.id === fresh.id)?.health;
      expect(await healthNow()).toBe('unknown');
      const deadline = Date.now() + 3000;
      let health = await healthNow();
      while (health !== 'up' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        health = await healthNow();
      }
      expect(health).toBe('up');
    });
  });
});
