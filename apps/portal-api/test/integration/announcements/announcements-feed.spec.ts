import { ANNOUNCEMENT_LIMITS, AnnouncementRoutes, type AnnouncementAdminView } from '@passerelle/contracts';
import { GroupsService } from '../../../src/app/accounts/groups/groups.service';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { employeeBrowser, feedOf, feedTitles, publish, setImage } from '../../support/announcements';
import { addToGroup, createGroup, pngImage } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { acceptedGuest, adminBrowser, DAY_MS, HOUR_MS, iso, PortalClock } from '../../support/guests';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * The dashboard's feed as each person sees it: audiences by group (membership read when the feed
 * is read), scheduled publication and expiry on the portal's clock, pinned first, and guests —
 * who are not employees — seeing no company announcements.
 */
describe('Announcements feed', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let comms: Browser;
  let finance: { person: Person; browser: Browser };
  let design: { person: Person; browser: Browser };
  let loner: { person: Person; browser: Browser };
  let guest: Browser;
  let financeGroupId: string;

  beforeAll(async () => {
    const admin = (await adminBrowser(portal)).browser;
    financeGroupId = (await createGroup(portal.app, { name: 'Finance' })).id;
    await createGroup(portal.app, { name: 'Design' });
    comms = (await employeeBrowser(portal, admin, { name: 'Chloé Comms', permissions: ['communication'] })).browser;
    finance = await employeeBrowser(portal, admin, { name: 'Fanny Finance', groups: ['Finance'] });
    design = await employeeBrowser(portal, admin, { name: 'Denis Design', groups: ['Design'] });
    loner = await employeeBrowser(portal, admin, { name: 'Léo Alone' });
    const sponsor = await createPerson(portal.app, { name: 'Sam Sponsor' });
    const invited = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 10 * DAY_MS) });
    guest = (await signedInBrowser(portal.url, invited)).browser;
  });

  const unique = (title: string) => `${title} ${Math.random().toString(36).slice(2, 7)}`;
  const status = async (id: string) => ((await comms.get(AnnouncementRoutes.one(id))).json() as AnnouncementAdminView).status;

  describe('audience', () => {
    it('shows an announcement for a group to its members only, and one for everyone to every employee', async () => {
      const forFinance = await publish(comms, { title: unique('Budget'), audienceGroups: ['Finance'] });
      const forBoth = await publish(comms, { title: unique('Studio tour'), audienceGroups: ['Finance', 'Design'] });
      const forAll = await publish(comms, { title: unique('Summer party') });
      expect(forAll.audienceGroups).toEqual([]);

      expect(await feedTitles(finance.browser)).toEqual(jasmine.arrayContaining([forFinance.title, forBoth.title, forAll.title]));
      const designSees = await feedTitles(design.browser);
      expect(designSees).toEqual(jasmine.arrayContaining([forBoth.title, forAll.title]));
      expect(designSees).not.toContain(forFinance.title);
      const lonerSees = await feedTitles(loner.browser);
      expect(lonerSees).toContain(forAll.title);
      expect(lonerSees).not.toContain(forFinance.title);
      expect(lonerSees).not.toContain(forBoth.title);
    });

    it('shows guests no company announcements, not even those for everyone, nor their images', async () => {
      const forAll = await publish(comms, { title: unique('For employees') });
      await setImage(comms, forAll.id, pngImage());
      const response = await guest.get(AnnouncementRoutes.feed);
      expect(response.status).toBe(200);
      expect(response.json()).toEqual([]);
      expect((await guest.get(AnnouncementRoutes.imageFile(forAll.id))).status).toBe(404);
    });

    it('reads group membership when the feed is read: joining shows what is published, leaving hides it', async () => {
      const forFinance = await publish(comms, { title: unique('Quarter close'), audienceGroups: ['Finance'] });
      expect(await feedTitles(loner.browser)).not.toContain(forFinance.title);
      await addToGroup(portal.app, financeGroupId, [loner.person.id]);
      expect(await feedTitles(loner.browser)).toContain(forFinance.title);
      await portal.app.get(GroupsService).removeMember(financeGroupId, loner.person.id, 'test', CLI_CONTEXT);
      expect(await feedTitles(loner.browser)).not.toContain(forFinance.title);
    });

    it('never widens an announcement to everyone when its groups are deleted', async () => {
      const temp = await createGroup(portal.app, { name: 'Temporary team', memberIds: [design.person.id] });
      const forTemp = await publish(comms, { title: unique('Team only'), audienceGroups: ['Temporary team'] });
      expect(await feedTitles(design.browser)).toContain(forTemp.title);
      await portal.app.get(GroupsService).delete(temp.id, 'test', CLI_CONTEXT);
      expect(await feedTitles(design.browser)).not.toContain(forTemp.title);
      expect(await feedTitles(loner.browser)).not.toContain(forTemp.title);
      expect((await comms.get(AnnouncementRoutes.one(forTemp.id))).json().audienceGroups).toEqual([]);
    });

    it('serves an image only to people whose feed shows its announcement', async () => {
      const forFinance = await publish(comms, { title: unique('Finance chart'), audienceGroups: ['Finance'] });
      await setImage(comms, forFinance.id, pngImage(2));
      expect((await finance.browser.get(AnnouncementRoutes.imageFile(forFinance.id))).status).toBe(200);
      expect((await design.browser.get(AnnouncementRoutes.imageFile(forFinance.id))).status).toBe(404);
      expect((await comms.get(AnnouncementRoutes.imageFile(forFinance.id))).status).toBe(200);
    });
  });

  describe('time', () => {
    let clock: PortalClock;

    beforeEach(() => {
      clock = new PortalClock(portal);
    });

    afterEach(() => clock.reset());

    it('publishes a scheduled announcement at its time, not before (its image neither)', async () => {
      const scheduled = await publish(comms, { title: unique('Scheduled'), publishAt: iso(Date.now() + 2 * HOUR_MS) });
      await setImage(comms, scheduled.id, pngImage());
      expect(scheduled.status).toBe('scheduled');
      expect(await feedTitles(finance.browser)).not.toContain(scheduled.title);
      expect((await finance.browser.get(AnnouncementRoutes.imageFile(scheduled.id))).status).toBe(404);

      clock.advance(2 * HOUR_MS - 60_000);
      expect(await feedTitles(finance.browser)).not.toContain(scheduled.title);
      clock.advance(2 * 60_000);
      expect(await feedTitles(finance.browser)).toContain(scheduled.title);
      expect((await finance.browser.get(AnnouncementRoutes.imageFile(scheduled.id))).status).toBe(200);
      expect(await status(scheduled.id)).toBe('published');
    });

    it('takes an announcement down at its expiry', async () => {
      const expiring = await publish(comms, { title: unique('Canteen closed today'), expiresAt: iso(Date.now() + HOUR_MS) });
      expect(await feedTitles(design.browser)).toContain(expiring.title);
      expect(expiring.status).toBe('published');
      clock.advance(HOUR_MS + 60_000);
      expect(await feedTitles(design.browser)).not.toContain(expiring.title);
      expect(await status(expiring.id)).toBe('expired');
    });

    it('shows pinned announcements first, then the newest', async () => {
      const now = Date.now();
      const older = await publish(comms, { title: unique('Older'), publishAt: iso(now - 3 * HOUR_MS) });
      const pinned = await publish(comms, { title: unique('Pinned'), publishAt: iso(now - 5 * HOUR_MS), pinned: true });
      const newest = await publish(comms, { title: unique('Newest'), publishAt: iso(now - HOUR_MS) });
      const mine = new Set([older.title, pinned.title, newest.title]);
      const feed = await feedOf(loner.browser);
      expect(feed.filter((a) => mine.has(a.title)).map((a) => a.title)).toEqual([pinned.title, newest.title, older.title]);
      // Every pinned announcement comes before every other one.
      const firstUnpinned = feed.findIndex((a) => !a.pinned);
      expect(feed.slice(firstUnpinned).some((a) => a.pinned)).toBeFalse();
      expect(feed.find((a) => a.id === pinned.id)).toEqual(jasmine.objectContaining({ pinned: true, authorName: 'Chloé Comms', publishAt: pinned.publishAt, imageUrl: null }));
    });

    it(`keeps the feed to ${ANNOUNCEMENT_LIMITS.feedMax} announcements, pinned ones first`, async () => {
      const pinned = await publish(comms, { title: unique('Pinned long ago'), publishAt: iso(Date.now() - 30 * DAY_MS), pinned: true });
      for (let i = 0; i < ANNOUNCEMENT_LIMITS.feedMax; i++) await publish(comms, { title: unique(`Filler ${i}`) });
      const feed = await feedOf(loner.browser);
      expect(feed.length).toBe(ANNOUNCEMENT_LIMITS.feedMax);
      expect(feed.map((a) => a.id)).toContain(pinned.id);
    });
  });
});
