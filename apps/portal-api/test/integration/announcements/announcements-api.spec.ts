import { AnnouncementRoutes, type AnnouncementAdminView } from '@passerelle/contracts';
import { UserEntity } from '../../../src/app/accounts/entities/user.entity';
import { AnnouncementsService } from '../../../src/app/announcements/announcements.service';
import { AnnouncementImageEntity } from '../../../src/app/announcements/entities/announcement-image.entity';
import { AnnouncementEntity } from '../../../src/app/announcements/entities/announcement.entity';
import { AuditEventEntity } from '../../../src/app/audit/entities/audit-event.entity';
import { employeeBrowser, feedOf, publish, setImage } from '../../support/announcements';
import { createGroup, pngImage, pngOfSize } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { acceptedGuest, adminBrowser, auditOf, DAY_MS, HOUR_MS, iso } from '../../support/guests';
import { Browser, createPerson, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * The announcements API as the console uses it: who may write (administrators and employees given
 * the `communication` permission; never guests), every bad input refused with a clear message and
 * nothing written, images checked from their bytes, Markdown rendered without raw HTML, every
 * change audited and signalled to the live layer.
 */
describe('Announcements API', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let admin: Browser;
  let comms: { person: Person; browser: Browser };
  let employee: { person: Person; browser: Browser };
  let guest: { person: Person; browser: Browser };
  let financeName: string;

  beforeAll(async () => {
    admin = (await adminBrowser(portal)).browser;
    financeName = (await createGroup(portal.app, { name: 'Finance' })).name;
    comms = await employeeBrowser(portal, admin, { name: 'Chloé Comms', permissions: ['communication'] });
    employee = await employeeBrowser(portal, admin, { name: 'Paul Plain' });
    const sponsor = await createPerson(portal.app, { name: 'Sam Sponsor' });
    const invited = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
    guest = { person: invited, browser: (await signedInBrowser(portal.url, invited)).browser };
  });

  const put = (browser: Browser, path: string, json: unknown) => browser.request(path, { method: 'PUT', json });
  const del = (browser: Browser, path: string) => browser.request(path, { method: 'DELETE' });

  /** What a refused write must leave untouched. */
  async function footprint() {
    const audit = await portal.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('e.type LIKE :t', { t: 'announcement.%' }).getCount();
    return {
      announcements: await portal.dataSource.getRepository(AnnouncementEntity).count(),
      images: await portal.dataSource.getRepository(AnnouncementImageEntity).count(),
      audit,
    };
  }

  describe('who may write', () => {
    it('lets communication employees and administrators write, list and delete', async () => {
      const byComms = await publish(comms.browser, { title: 'Written by comms' });
      expect(byComms.authorName).toBe('Chloé Comms');
      const byAdmin = await publish(admin, { title: 'Written by IT' });
      expect((await comms.browser.get(AnnouncementRoutes.manage)).json().map((a: AnnouncementAdminView) => a.id)).toEqual(jasmine.arrayContaining([byComms.id, byAdmin.id]));
      // Communication people look after every announcement, not only their own.
      expect((await put(comms.browser, AnnouncementRoutes.one(byAdmin.id), { title: 'Written by IT, edited by comms', body: '' })).status).toBe(200);
      expect((await del(comms.browser, AnnouncementRoutes.one(byAdmin.id))).status).toBe(204);
      expect((await del(admin, AnnouncementRoutes.one(byComms.id))).status).toBe(204);
    });

    it('refuses employees without the permission and guests (403) and signed-out callers (401), writing nothing', async () => {
      const existing = await publish(comms.browser, { title: 'Not yours to touch' });
      const before = await footprint();
      for (const [who, browser, status] of [
        ['employee', employee.browser, 403],
        ['guest', guest.browser, 403],
        ['signed out', new Browser(portal.url), 401],
      ] as const) {
        const attempts = [
          await browser.get(AnnouncementRoutes.manage),
          await browser.get(AnnouncementRoutes.options),
          await browser.get(AnnouncementRoutes.one(existing.id)),
          await browser.postJson(AnnouncementRoutes.manage, { title: 'Sneaky', body: '' }),
          await put(browser, AnnouncementRoutes.one(existing.id), { title: 'Sneaky', body: '' }),
          await put(browser, AnnouncementRoutes.image(existing.id), { image: pngImage().toString('base64'), alt: 'x' }),
          await del(browser, AnnouncementRoutes.image(existing.id)),
          await del(browser, AnnouncementRoutes.one(existing.id)),
        ];
        expect(attempts.map((r) => r.status)).withContext(who).toEqual(attempts.map(() => status));
        if (status === 403) expect(attempts[3].json().message).withContext(who).toMatch(/administrators and employees allowed to publish announcements/);
      }
      expect(await footprint()).toEqual(before);
      expect((await comms.browser.get(AnnouncementRoutes.one(existing.id))).json().title).toBe('Not yours to touch');
    });

    it('refuses the communication permission to a guest, and ignores it if a guest’s row holds it anyway', async () => {
      const refused = await admin.request(`/api/admin/users/${guest.person.id}`, { method: 'PATCH', json: { permissions: ['communication'] } });
      expect(refused.status).toBe(400);
      expect(refused.json().fields.permissions[0]).toMatch(/guest can’t be given permissions/);
      await portal.dataSource.getRepository(UserEntity).update({ id: guest.person.id }, { permissions: ['communication'] });
      try {
        expect((await guest.browser.postJson(AnnouncementRoutes.manage, { title: 'From a guest', body: '' })).status).toBe(403);
      } finally {
        await portal.dataSource.getRepository(UserEntity).update({ id: guest.person.id }, { permissions: [] });
      }
    });

    it('takes effect at once when the permission is given or taken away', async () => {
      const later = await employeeBrowser(portal, admin, { name: 'Lina Later' });
      expect((await later.browser.get(AnnouncementRoutes.manage)).status).toBe(403);
      await admin.request(`/api/admin/users/${later.person.id}`, { method: 'PATCH', json: { permissions: ['communication'] } });
      expect((await later.browser.get(AnnouncementRoutes.manage)).status).toBe(200);
      await admin.request(`/api/admin/users/${later.person.id}`, { method: 'PATCH', json: { permissions: [] } });
      expect((await later.browser.postJson(AnnouncementRoutes.manage, { title: 'Too late', body: '' })).status).toBe(403);
    });

    it('gives the editor the groups to choose from', async () => {
      const response = await comms.browser.get(AnnouncementRoutes.options);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.json().groups).toContain(financeName);
    });
  });

  describe('bad input: a clear message, and nothing written', () => {
    type Case = [string, Record<string, unknown>, string, RegExp];
    const cases = (): Case[] => {
      const now = Date.now();
      return [
        ['no title', { title: undefined }, 'title', /title/i],
        ['a blank title', { title: '   ' }, 'title', /Give the announcement a title/],
        ['a title too long', { title: 'x'.repeat(161) }, 'title', /at most 160 characters/],
        ['a title that is not text', { title: 42 }, 'title', /title/i],
        ['a body too long', { body: 'x'.repeat(20_001) }, 'body', /at most 20000 characters/],
        ['a body that is not text', { body: ['x'] }, 'body', /text/],
        ['a publication that is not a date', { publishAt: 'next tuesday' }, 'publishAt', /like 2027-03-31T09:00:00Z/],
        ['a publication without its offset', { publishAt: '2027-03-01T10:00:00' }, 'publishAt', /like 2027-03-31T09:00:00Z/],
        ['a publication that is not on the calendar', { publishAt: '2027-02-30T10:00:00Z' }, 'publishAt', /does not exist/],
        ['a publication years ahead', { publishAt: iso(now + 400 * DAY_MS) }, 'publishAt', /within 365 days/],
        ['an expiry that is not a date', { expiresAt: '31/03/2027' }, 'expiresAt', /like 2027-03-31T09:00:00Z/],
        ['an expiry before the publication', { publishAt: iso(now + 2 * DAY_MS), expiresAt: iso(now + DAY_MS) }, 'expiresAt', /after the publication/],
        ['an expiry in the past', { expiresAt: iso(now - HOUR_MS), publishAt: iso(now - 2 * HOUR_MS) }, 'expiresAt', /in the future/],
        ['an unknown group', { audienceGroups: [financeName, 'Nowhere'] }, 'audienceGroups', /No group is named “Nowhere”/],
        ['several unknown groups', { audienceGroups: ['Nowhere', 'Nobody'] }, 'audienceGroups', /No groups are named “Nowhere”, “Nobody”/],
        ['groups that are not a list', { audienceGroups: 'Finance' }, 'audienceGroups', /list of group names/],
        ['too many groups', { audienceGroups: Array.from({ length: 51 }, (_, i) => `G${i}`) }, 'audienceGroups', /at most 50 groups/],
        ['a pin that is not a boolean', { pinned: 'yes' }, 'pinned', /true or false/],
        ['an alt text too long', { imageAlt: 'x'.repeat(301) }, 'imageAlt', /at most 300 characters/],
        ['an unknown field', { author: 'someone else' }, 'author', /not an accepted field/],
      ];
    };

    it('refuses each bad field with a 400 that names it', async () => {
      const before = await footprint();
      for (const [what, change, field, message] of cases()) {
        const response = await comms.browser.postJson(AnnouncementRoutes.manage, { title: 'Valid title', body: 'Valid body', ...change });
        expect(response.status).withContext(`${what}: ${response.text}`).toBe(400);
        expect(response.json().code).withContext(what).toBe('validation_failed');
        expect(response.json().fields?.[field]?.[0]).withContext(`${what}: ${response.text}`).toMatch(message);
      }
      expect(await footprint()).toEqual(before);
    });

    it('reports several problems at once', async () => {
      const response = await comms.browser.postJson(AnnouncementRoutes.manage, { title: ' ', body: '', audienceGroups: ['Nowhere'], expiresAt: 'soon' });
      expect(response.status).toBe(400);
      expect(Object.keys(response.json().fields).sort()).toEqual(['audienceGroups', 'expiresAt', 'title']);
      expect(response.json().message).toBe('Some fields are missing or not valid.');
    });

    it('refuses a bad update and keeps the announcement as it was', async () => {
      const created = await publish(comms.browser, { title: 'Stays as written', audienceGroups: [financeName] });
      const before = await footprint();
      const response = await put(comms.browser, AnnouncementRoutes.one(created.id), { title: 'Changed', body: '', audienceGroups: ['Nowhere'] });
      expect(response.status).toBe(400);
      expect(await footprint()).toEqual(before);
      const now = (await comms.browser.get(AnnouncementRoutes.one(created.id))).json();
      expect(now.title).toBe('Stays as written');
      expect(now.audienceGroups).toEqual([financeName]);
    });

    it('answers 404 for an announcement that does not exist', async () => {
      expect((await comms.browser.get(AnnouncementRoutes.one('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
      expect((await put(comms.browser, AnnouncementRoutes.one('no-such-id'), { title: 'x', body: '' })).status).toBe(404);
      expect((await del(comms.browser, AnnouncementRoutes.one('x'.repeat(300)))).status).toBe(404);
    });
  });

  describe('writing', () => {
    it('stores what was written, trims it, matches group names whatever their case, and audits it', async () => {
      const publishAt = iso(Date.now() + DAY_MS);
      const expiresAt = iso(Date.now() + 5 * DAY_MS);
      const created = await publish(comms.browser, { title: '  Office move  ', body: 'We move on **Monday**.\n\n', audienceGroups: ['finance'], publishAt, expiresAt, pinned: true });
      expect(created).toEqual(
        jasmine.objectContaining({ title: 'Office move', body: 'We move on **Monday**.', audienceGroups: [financeName], publishAt, expiresAt, pinned: true, status: 'scheduled', imageUrl: null }),
      );
      const [audit] = await auditOf(portal.dataSource, 'announcement.created', created.id);
      expect(audit.actor).toBe(comms.person.id);
      expect(JSON.parse(audit.details)).toEqual(jasmine.objectContaining({ title: 'Office move', audience: financeName, pinned: true, publishAt }));

      const updated = (await put(comms.browser, AnnouncementRoutes.one(created.id), { title: 'Office move (new date)', body: 'Tuesday.' })).json();
      // A full replacement: what isn't sent goes back to its default (now, no expiry, everyone, not pinned).
      expect(updated).toEqual(jasmine.objectContaining({ title: 'Office move (new date)', audienceGroups: [], expiresAt: null, pinned: false, status: 'published' }));
      expect(updated.authorName).toBe('Chloé Comms');
      expect((await auditOf(portal.dataSource, 'announcement.updated', created.id)).length).toBe(1);

      expect((await del(comms.browser, AnnouncementRoutes.one(created.id))).status).toBe(204);
      expect((await comms.browser.get(AnnouncementRoutes.one(created.id))).status).toBe(404);
      expect((await auditOf(portal.dataSource, 'announcement.deleted', created.id)).length).toBe(1);
    });

    it('keeps an expiry already past when editing something else', async () => {
      const created = await publish(comms.browser, { title: 'Short-lived', publishAt: iso(Date.now() - 2 * HOUR_MS), expiresAt: iso(Date.now() + 2_000) });
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const response = await put(comms.browser, AnnouncementRoutes.one(created.id), { title: 'Short-lived (typo fixed)', body: '', publishAt: created.publishAt, expiresAt: created.expiresAt });
      expect(response.status).withContext(response.text).toBe(200);
      expect(response.json().status).toBe('expired');
    });

    it('renders the Markdown subset and shows HTML as text: a <script> never reaches the page', async () => {
      const body = 'Hello **team**, see [the plan](https://intranet.example/plan).\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)"> [click](javascript:alert(3))';
      const created = await publish(comms.browser, { title: 'Markdown', body });
      const [item] = (await feedOf(employee.browser)).filter((a) => a.id === created.id);
      expect(item.body).toBe(body);
      expect(item.bodyHtml).toContain('<strong>team</strong>');
      expect(item.bodyHtml).toContain('<a href="https://intranet.example/plan" target="_blank" rel="noopener noreferrer">the plan</a>');
      expect(item.bodyHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(item.bodyHtml).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
      expect(item.bodyHtml).not.toMatch(/<script|<img|href="javascript/i);
    });

    it('tells the live layer after every change, and not after a refusal', async () => {
      let changes = 0;
      const subscription = portal.app.get(AnnouncementsService).changes.subscribe(() => changes++);
      try {
        const created = await publish(comms.browser, { title: 'Live' });
        expect(changes).toBe(1);
        await put(comms.browser, AnnouncementRoutes.one(created.id), { title: 'Live, edited', body: '' });
        expect(changes).toBe(2);
        await setImage(comms.browser, created.id, pngImage());
        expect(changes).toBe(3);
        await comms.browser.postJson(AnnouncementRoutes.manage, { title: '', body: '' });
        await employee.browser.postJson(AnnouncementRoutes.manage, { title: 'Refused', body: '' });
        expect(changes).toBe(3);
        await del(comms.browser, AnnouncementRoutes.one(created.id));
        expect(changes).toBe(4);
      } finally {
        subscription.unsubscribe();
      }
    });

    it('never lets personal reads be cached', async () => {
      const created = await publish(comms.browser, { title: 'Uncached' });
      for (const [browser, path] of [
        [employee.browser, AnnouncementRoutes.feed],
        [comms.browser, AnnouncementRoutes.manage],
        [comms.browser, AnnouncementRoutes.one(created.id)],
      ] as const) {
        expect((await browser.get(path)).headers.get('cache-control')).withContext(path).toBe('no-store');
      }
    });
  });

  describe('images', () => {
    let announcement: AnnouncementAdminView;

    beforeAll(async () => {
      announcement = await publish(comms.browser, { title: 'New workshop' });
    });

    it('stores a PNG, JPEG or WebP checked from its bytes, and serves it to readers with safe headers', async () => {
      const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
      const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x40, 0, 0, 0]), Buffer.from('WEBPVP8 '), Buffer.alloc(52, 2)]);
      for (const [bytes, type] of [
        [jpeg, 'image/jpeg'],
        [webp, 'image/webp'],
        [pngImage(4), 'image/png'],
      ] as const) {
        const response = await setImage(comms.browser, announcement.id, bytes);
        expect(response.status).withContext(`${type}: ${response.text}`).toBe(200);
        const view = response.json() as AnnouncementAdminView;
        expect(view.imageUrl).toMatch(new RegExp(`^/api/announcements/${announcement.id}/image\\?v=[\\w-]{12}$`));
        expect(view.imageAlt).toBe('The new workshop, seen from the street');
        const image = await fetch(employee.browser.url(view.imageUrl as string), { headers: { cookie: employee.browser.jar.headerFor(employee.browser.url('/api/')) ?? '' } });
        expect(image.status).toBe(200);
        expect(image.headers.get('content-type')).toBe(type);
        expect(image.headers.get('x-content-type-options')).toBe('nosniff');
        expect(image.headers.get('content-security-policy')).toBe("default-src 'none'");
        expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
        expect(Buffer.from(await image.arrayBuffer()).equals(bytes)).toBeTrue();
      }
      expect((await auditOf(portal.dataSource, 'announcement.image_set', announcement.id)).length).toBe(3);
      const [item] = (await feedOf(employee.browser)).filter((a) => a.id === announcement.id);
      expect(item.imageAlt).toBe('The new workshop, seen from the street');
    });

    it('refuses what only pretends to be an image, or is too large, keeping the current image', async () => {
      const current = (await comms.browser.get(AnnouncementRoutes.one(announcement.id))).json() as AnnouncementAdminView;
      const before = await footprint();
      const attempt = (image: string, alt = 'Alt text') => put(comms.browser, AnnouncementRoutes.image(announcement.id), { image, alt });
      const html = Buffer.from('<html><script>alert(1)</script></html>');
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
      const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1');
      const cases: Array<[string, Promise<Awaited<ReturnType<typeof attempt>>>, string, RegExp]> = [
        ['HTML declared as a PNG', attempt(`data:image/png;base64,${html.toString('base64')}`), 'image', /not a PNG, JPEG or WebP/],
        ['an SVG', attempt(svg.toString('base64')), 'image', /not a PNG, JPEG or WebP/],
        ['a GIF', attempt(gif.toString('base64')), 'image', /not a PNG, JPEG or WebP/],
        ['nothing', attempt(''), 'image', /empty/],
        ['text that is not base64', attempt('not base64 at all!'), 'image', /not valid base64/],
        ['an image over 2 MB', attempt(pngOfSize(2 * 1024 * 1024 + 1).toString('base64')), 'image', /too large: at most 2 MB/],
        ['no description', attempt(pngImage().toString('base64'), '   '), 'alt', /Describe the image/],
      ];
      for (const [what, pending, field, message] of cases) {
        const response = await pending;
        expect(response.status).withContext(`${what}: ${response.text.slice(0, 200)}`).toBe(400);
        expect(response.json().fields?.[field]?.[0]).withContext(what).toMatch(message);
      }
      expect(await footprint()).toEqual(before);
      expect((await comms.browser.get(AnnouncementRoutes.one(announcement.id))).json().imageUrl).toBe(current.imageUrl);
    });

    it('accepts an image of exactly 2 MB', async () => {
      const response = await setImage(comms.browser, announcement.id, pngOfSize(2 * 1024 * 1024));
      expect(response.status).withContext(response.text.slice(0, 200)).toBe(200);
    });

    it('refuses a blank description while there is an image, then removes the image', async () => {
      const blank = await put(comms.browser, AnnouncementRoutes.one(announcement.id), { title: 'New workshop', body: '', imageAlt: ' ' });
      expect(blank.status).toBe(400);
      expect(blank.json().fields.imageAlt[0]).toMatch(/Describe the image/);
      const removed = await del(comms.browser, AnnouncementRoutes.image(announcement.id));
      expect(removed.status).toBe(200);
      expect(removed.json().imageUrl).toBeNull();
      expect(await portal.dataSource.getRepository(AnnouncementImageEntity).countBy({ announcementId: announcement.id })).toBe(0);
      expect((await auditOf(portal.dataSource, 'announcement.image_removed', announcement.id)).length).toBe(1);
      expect((await employee.browser.get(AnnouncementRoutes.imageFile(announcement.id))).status).toBe(404);
    });

    it('deletes the image with its announcement', async () => {
      const doomed = await publish(comms.browser, { title: 'Doomed' });
      await setImage(comms.browser, doomed.id, pngImage());
      await del(comms.browser, AnnouncementRoutes.one(doomed.id));
      expect(await portal.dataSource.getRepository(AnnouncementImageEntity).countBy({ announcementId: doomed.id })).toBe(0);
      expect((await comms.browser.get(AnnouncementRoutes.imageFile(doomed.id))).status).toBe(404);
    });
  });
});
