import type { AccessRequestView, Dashboard } from '@passerelle/contracts';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { AccessRequestEntity } from '../../../src/app/catalog/entities/access-request.entity';
import { AppGrantEntity } from '../../../src/app/catalog/entities/app-grant.entity';
import { OutboxMailEntity } from '../../../src/infra/mail/entities/outbox-mail.entity';
import { addApp, signedInBrowser, uniqueName } from '../../support/catalog-rows';
import { Browser, createPerson, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/** "Request access": a person asks, IT approves (the app opens, the person is told) or refuses. */
describe('Access requests', () => {
  const portal = usePortal();
  let desk: Browser;
  let admin: Person;

  beforeAll(async () => {
    admin = await createPerson(portal.app, { isAdmin: true, name: 'Julien Favre' });
    ({ browser: desk } = await signedInBrowser(portal.url, admin));
  });

  async function requestableApp(name = uniqueName('Treasury')) {
    return addApp(portal.dataSource, { name, groups: [uniqueName('CFO')], requestable: true });
  }

  async function asker(locale?: string): Promise<{ person: Person; browser: Browser }> {
    const person = await createPerson(portal.app, { name: 'Marie Dubois' });
    if (locale) await portal.dataSource.getRepository(UserEntity).update({ id: person.id }, { locale });
    const { browser } = await signedInBrowser(portal.url, person);
    return { person, browser };
  }

  function mailsTo(email: string) {
    return portal.dataSource.getRepository(OutboxMailEntity).find({ where: { toAddress: email }, order: { createdAt: 'ASC' } });
  }

  describe('the person’s side', () => {
    it('files a request once: asking again returns the one waiting', async () => {
      const app = await requestableApp();
      const { person, browser } = await asker();
      const first = await browser.postJson('/api/dashboard/access-requests', { appId: app.id, reason: '  Quarter close  ' });
      expect(first.status).toBe(201);
      const view = first.json() as AccessRequestView;
      expect(view).toEqual({
        id: jasmine.any(String),
        app: { id: app.id, name: app.name },
        user: { id: person.id, email: person.email, name: person.name },
        reason: 'Quarter close',
        status: 'pending',
        createdAt: jasmine.any(String),
        decidedAt: null,
        decidedBy: null,
        note: null,
      });
      const second = await browser.postJson('/api/dashboard/access-requests', { appId: app.id, reason: 'Again' });
      expect(second.status).toBe(200);
      expect(second.json().id).toBe(view.id);
      expect(await portal.dataSource.getRepository(AccessRequestEntity).countBy({ userId: person.id, appId: app.id })).toBe(1);

      const events = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'access_request.created', actor: person.id });
      expect(events.length).toBe(1);
      expect(JSON.parse(events[0].details)).toEqual({ app: app.id, request: view.id });

      const own = await browser.get('/api/dashboard/access-requests');
      expect(own.status).toBe(200);
      expect(own.headers.get('cache-control')).toBe('no-store');
      expect((own.json() as AccessRequestView[]).map((r) => r.id)).toEqual([view.id]);
    });

    it('never files two requests when two arrive at once', async () => {
      const app = await requestableApp();
      const { person, browser } = await asker();
      const answers = await Promise.all(Array.from({ length: 4 }, () => browser.postJson('/api/dashboard/access-requests', { appId: app.id })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      expect(await portal.dataSource.getRepository(AccessRequestEntity).countBy({ userId: person.id, appId: app.id })).toBe(1);
    });

    it('refuses apps that can’t be requested with the same words as unknown ones, and apps already open', async () => {
      const closed = await addApp(portal.dataSource, { name: 'Board', groups: [uniqueName('Board')] });
      const open = await addApp(portal.dataSource, { name: 'Mail', visibility: 'everyone', requestable: true });
      const { browser } = await asker();
      const notRequestable = await browser.postJson('/api/dashboard/access-requests', { appId: closed.id });
      const unknown = await browser.postJson('/api/dashboard/access-requests', { appId: 'no-such-app' });
      expect(notRequestable.status).toBe(400);
      expect(unknown.status).toBe(400);
      expect(notRequestable.json().message).toBe(unknown.json().message);
      expect(notRequestable.json().fields).toEqual(unknown.json().fields);
      const already = await browser.postJson('/api/dashboard/access-requests', { appId: open.id });
      expect(already.status).toBe(400);
      expect(already.json().message).toMatch(/already open/);
    });

    it('validates the request', async () => {
      const app = await requestableApp();
      const { browser } = await asker();
      for (const body of [{}, { appId: 42 }, { appId: '' }, { appId: app.id, reason: 'x'.repeat(501) }, { appId: app.id, reason: 7 }, { appId: app.id, extra: 1 }]) {
        const response = await browser.postJson('/api/dashboard/access-requests', body);
        expect(response.status).withContext(JSON.stringify(body).slice(0, 60)).toBe(400);
        expect(response.json().code).toBe('validation_failed');
      }
      expect((await new Browser(portal.url).postJson('/api/dashboard/access-requests', { appId: app.id })).status).toBe(401);
      expect((await new Browser(portal.url).get('/api/dashboard/access-requests')).status).toBe(401);
    });
  });

  describe('IT’s side', () => {
    it('is for administrators only', async () => {
      const { browser } = await asker();
      expect((await browser.get('/api/admin/access-requests')).status).toBe(403);
      expect((await browser.postJson('/api/admin/access-requests/x/approve', {})).status).toBe(403);
      expect((await browser.postJson('/api/admin/access-requests/x/refuse', {})).status).toBe(403);
      expect((await new Browser(portal.url).get('/api/admin/access-requests')).status).toBe(401);
    });

    it('lists requests by status, waiting ones oldest first, in pages', async () => {
      const app = await requestableApp();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const { browser } = await asker();
        ids.push((await browser.postJson('/api/dashboard/access-requests', { appId: app.id })).json().id);
      }
      const all = await desk.get('/api/admin/access-requests?status=pending&pageSize=100');
      expect(all.status).toBe(200);
      const pendingIds = (all.json().items as AccessRequestView[]).map((r) => r.id);
      expect(pendingIds.filter((id) => ids.includes(id))).toEqual(ids);
      expect(all.json().total).toBe(pendingIds.length);

      const page = await desk.get('/api/admin/access-requests?status=pending&page=2&pageSize=1');
      expect(page.json()).toEqual(jasmine.objectContaining({ page: 2, pageSize: 1, total: pendingIds.length }));
      expect(page.json().items.map((r: AccessRequestView) => r.id)).toEqual([pendingIds[1]]);

      for (const query of ['status=maybe', 'page=0', 'pageSize=1000', 'status=pending&x=1']) {
        const bad = await desk.get(`/api/admin/access-requests?${query}`);
        expect(bad.status).withContext(query).toBe(400);
      }
      expect((await desk.postJson('/api/admin/access-requests/no-such-request/approve', {})).status).toBe(404);
    });

    it('approves: the person is given the app, told by mail, and it opens on their dashboard; a second decision is refused', async () => {
      const app = await requestableApp('Trésorerie');
      const { person, browser } = await asker();
      const id = (await browser.postJson('/api/dashboard/access-requests', { appId: app.id, reason: 'Payments' })).json().id as string;

      const approved = await desk.postJson(`/api/admin/access-requests/${id}/approve`, { note: 'For the quarter' });
      expect(approved.status).toBe(200);
      expect(approved.json()).toEqual(jasmine.objectContaining({ id, status: 'approved', decidedBy: admin.id, note: 'For the quarter', decidedAt: jasmine.any(String) }));
      const grant = await portal.dataSource.getRepository(AppGrantEntity).findOneBy({ appId: app.id, userId: person.id });
      expect(grant?.grantedBy).toBe(admin.id);

      const dashboard = (await browser.get('/api/dashboard')).json() as Dashboard;
      expect(dashboard.apps.map((a) => a.id)).toContain(app.id);
      expect(dashboard.requestable.map((r) => r.id)).not.toContain(app.id);
      expect((await browser.get(`/api/dashboard/apps/${app.id}/launch`)).headers.get('location')).toBe(app.launchUrl);

      const mails = await mailsTo(person.email);
      expect(mails.length).toBe(1);
      expect(mails[0].subject).toBe('You can now open Trésorerie');
      expect(mails[0].textBody).toContain('For the quarter');
      expect(mails[0].textBody).toContain(`${portal.url}/`);

      const events = await portal.dataSource.getRepository(AuditEventEntity).findBy({ type: 'access_request.approved', subject: person.id });
      expect(events.length).toBe(1);
      expect(events[0].actor).toBe(admin.id);
      expect(JSON.parse(events[0].details)).toEqual({ app: app.id, request: id, grant: true });

      for (const decision of ['approve', 'refuse']) {
        const again = await desk.postJson(`/api/admin/access-requests/${id}/${decision}`, {});
        expect(again.status).toBe(409);
        expect(again.json().message).toBe('This request was already decided.');
      }
      expect((await mailsTo(person.email)).length).toBe(1);

      const listed = await desk.get('/api/admin/access-requests?status=approved&pageSize=100');
      expect((listed.json().items as AccessRequestView[]).some((r) => r.id === id)).toBeTrue();
    });

    it('decides once when two administrators click at the same moment', async () => {
      const app = await requestableApp();
      const { person, browser } = await asker();
      const id = (await browser.postJson('/api/dashboard/access-requests', { appId: app.id })).json().id as string;
      const answers = await Promise.all([
        desk.postJson(`/api/admin/access-requests/${id}/approve`, {}),
        desk.postJson(`/api/admin/access-requests/${id}/refuse`, {}),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const row = await portal.dataSource.getRepository(AccessRequestEntity).findOneByOrFail({ id });
      const granted = await portal.dataSource.getRepository(AppGrantEntity).countBy({ appId: app.id, userId: person.id });
      expect(granted).toBe(row.status === 'approved' ? 1 : 0);
      expect((await mailsTo(person.email)).length).toBe(1);
    });

    it('refuses: nothing is granted, the person is told in their language and may ask again', async () => {
      const app = await requestableApp('Paie');
      const { person, browser } = await asker('fr');
      const id = (await browser.postJson('/api/dashboard/access-requests', { appId: app.id })).json().id as string;
      const refused = await desk.postJson(`/api/admin/access-requests/${id}/refuse`, { note: 'Voyez avec votre responsable' });
      expect(refused.status).toBe(200);
      expect(refused.json().status).toBe('refused');
      expect(await portal.dataSource.getRepository(AppGrantEntity).countBy({ appId: app.id, userId: person.id })).toBe(0);

      const [mail] = await mailsTo(person.email);
      expect(mail.subject).toBe('Votre demande pour Paie');
      expect(mail.textBody).toContain('Bonjour Marie Dubois');
      expect(mail.textBody).toContain('Voyez avec votre responsable');
      expect(await portal.dataSource.getRepository(AuditEventEntity).countBy({ type: 'access_request.refused', subject: person.id })).toBe(1);

      const dashboard = (await browser.get('/api/dashboard')).json() as Dashboard;
      expect(dashboard.requestable.find((r) => r.id === app.id)?.request).toEqual(
        jasmine.objectContaining({ id, status: 'refused', note: 'Voyez avec votre responsable', decidedAt: jasmine.any(String) }),
      );
      const again = await browser.postJson('/api/dashboard/access-requests', { appId: app.id, reason: 'Mon responsable est d’accord' });
      expect(again.status).toBe(201);
      expect(again.json().id).not.toBe(id);
    });

    it('validates the note', async () => {
      const app = await requestableApp();
      const { browser } = await asker();
      const id = (await browser.postJson('/api/dashboard/access-requests', { appId: app.id })).json().id as string;
      for (const body of [{ note: 5 }, { note: 'x'.repeat(501) }, { other: true }]) {
        expect((await desk.postJson(`/api/admin/access-requests/${id}/approve`, body)).status).withContext(JSON.stringify(body).slice(0, 40)).toBe(400);
      }
      expect((await portal.dataSource.getRepository(AccessRequestEntity).findOneByOrFail({ id })).status).toBe('pending');
    });
  });
});
