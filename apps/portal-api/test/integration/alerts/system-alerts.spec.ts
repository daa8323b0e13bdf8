import { AlertRoutes, AnnouncementRoutes, GuestRoutes, type AlertView } from '@passerelle/contracts';
import { Like } from 'typeorm';
import { AlertEntity } from '../../../src/app/alerts/entities/alert.entity';
import { AlertRecipientEntity } from '../../../src/app/alerts/entities/alert-recipient.entity';
import { SecondFactorService } from '../../../src/app/accounts/second-factor/second-factor.service';
import { AnnouncementsLive } from '../../../src/app/announcements/announcements-live';
import { CLI_CONTEXT } from '../../../src/app/http/request-context';
import { HealthProbesService } from '../../../src/app/catalog/health/health-probes.service';
import { EventStream, myCounts } from '../../support/alerts';
import { employeeBrowser, feedTitles, publish } from '../../support/announcements';
import { createCatalogApp } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { acceptedGuest, adminBrowser, DAY_MS, eventually, HOUR_MS, inviteGuest, iso, PortalClock, sweep, userRow } from '../../support/guests';
import { Browser, createPerson, signInThroughInteraction, type Person } from '../../support/oidc-rp';
import { chooseLanguage, HealthEndpoint, mySystemAlerts, signInWithRecoveryCode } from '../../support/system-alerts';
import { usePortal } from '../../support/test-portal';

/**
 * Passerelle's own alerts, as each person finds them in their list (GET /api/me/alerts) — in their
 * language, one alert per cause that later news updates: a guest's access ending (to the guest and
 * to the sponsor, 7 days and 1 day before, gone at the end and with the guest's erasure), few
 * recovery codes left (spent by real sign-ins), an app failing its health check (a real HTTP
 * endpoint switched between 200 and 503) — and the announcements' live events on /api/events.
 * The background jobs' work is run by the spec (sweep, probe round, schedule check) on a clock it moves.
 */
describe('System alerts', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let clock: PortalClock;
  let admin: { person: Person; browser: Browser };

  beforeAll(async () => {
    clock = new PortalClock(portal);
    admin = await adminBrowser(portal, 'Irène Admin');
  });

  afterEach(() => clock.reset());

  const unique = (name: string) => `${name} ${Math.random().toString(36).slice(2, 6)}`;
  const signedIn = async (name: string) => {
    const person = await createPerson(portal.app, { name });
    return { person, browser: (await signedInBrowser(portal.url, person)).browser };
  };
  const markRead = async (browser: Browser, id: string) => expect((await browser.request(AlertRoutes.one(id), { method: 'PATCH', json: { read: true } })).status).toBe(204);

  describe('a guest’s access ending', () => {
    let sponsor: { person: Person; browser: Browser };

    beforeAll(async () => {
      // An employee allowed to sponsor guests: the alert's link (the guest's page) is theirs to open.
      sponsor = await employeeBrowser(portal, admin.browser, { name: 'Sam Sponsor', permissions: ['sponsor'] });
      await chooseLanguage(sponsor.browser, 'en');
    });

    /** The sponsor's alerts that name this guest. */
    const sponsorAlertsAbout = async (guestName: string) => (await mySystemAlerts(sponsor.browser)).filter((a) => a.title.includes(guestName));

    it('tells the guest and the sponsor, each in their language, 7 days and then 1 day before: one alert each, updated, gone at the end', async () => {
      const end = Date.now() + 10 * DAY_MS;
      const name = unique('Gaston Lagaffe');
      const guest = await acceptedGuest(portal, admin.browser, { name, sponsor: sponsor.person.email, endsAt: iso(end), locale: 'fr' });
      // Signed in at real time (the clock moves only afterwards).
      const guestBrowser = (await signedInBrowser(portal.url, guest)).browser;
      const sponsorUnreadBefore = (await myCounts(sponsor.browser)).unread;

      clock.set(end - 8 * DAY_MS);
      expect((await sweep(portal.app)).reminded).toBe(0);
      expect(await mySystemAlerts(guestBrowser)).withContext('nothing yet, 8 days before').toEqual([]);
      expect(await sponsorAlertsAbout(name)).toEqual([]);

      clock.set(end - 7 * DAY_MS + 60_000);
      expect((await sweep(portal.app)).reminded).toBe(1);
      const [toGuest, ...moreToGuest] = await mySystemAlerts(guestBrowser);
      expect(moreToGuest).toEqual([]);
      expect(toGuest).toEqual(
        jasmine.objectContaining({ source: 'system', appId: null, appName: null, title: 'Votre accès invité se termine dans 7 jours', severity: 'info', link: null, expiresAt: iso(end), read: false }),
      );
      expect(toGuest.body).toContain('Votre accès invité au portail de');
      expect(toGuest.body).withContext('no greeting line in an alert').not.toContain('Bonjour');
      expect((await myCounts(guestBrowser)).unread).toBe(1);

      const [toSponsor, ...moreToSponsor] = await sponsorAlertsAbout(name);
      expect(moreToSponsor).toEqual([]);
      expect(toSponsor).toEqual(
        jasmine.objectContaining({ source: 'system', title: `${name}'s guest access ends in 7 days`, severity: 'info', link: `${portal.url}/guests/${guest.id}`, expiresAt: iso(end), read: false }),
      );
      expect(toSponsor.body).toContain(`To extend it: ${portal.url}/guests/${guest.id}`);
      expect((await sponsor.browser.get(GuestRoutes.guest(guest.id))).status).withContext('the sponsor may open the linked guest').toBe(200);
      expect((await myCounts(sponsor.browser)).unread).toBe(sponsorUnreadBefore + 1);
      // The sponsor reads it; the guest doesn't.
      await markRead(sponsor.browser, toSponsor.id);
      expect((await myCounts(sponsor.browser)).unread).toBe(sponsorUnreadBefore);

      clock.set(end - DAY_MS + 60_000);
      expect((await sweep(portal.app)).reminded).toBe(1);
      expect((await sweep(portal.app)).reminded).withContext('a second pass sends nothing more').toBe(0);
      const guestNow = await mySystemAlerts(guestBrowser);
      expect(guestNow.length).withContext('the 1-day reminder updates the 7-day alert').toBe(1);
      expect(guestNow[0]).toEqual(jasmine.objectContaining({ id: toGuest.id, title: 'Votre accès invité se termine demain', severity: 'warning', expiresAt: iso(end), read: false }));
      expect((await myCounts(guestBrowser)).unread).toBe(1);
      const sponsorNow = await sponsorAlertsAbout(name);
      expect(sponsorNow.length).toBe(1);
      expect(sponsorNow[0]).toEqual(jasmine.objectContaining({ id: toSponsor.id, title: `${name}'s guest access ends tomorrow`, severity: 'warning', read: false }));
      expect((await myCounts(sponsor.browser)).unread).withContext('changed news is unread again').toBe(sponsorUnreadBefore + 1);

      // At the end, the alert goes by itself (the guest can't sign in any more; the sponsor's list shows it no longer).
      clock.set(end + 60_000);
      expect(await sponsorAlertsAbout(name)).toEqual([]);
      expect((await myCounts(sponsor.browser)).unread).toBe(sponsorUnreadBefore);
    });

    it('tells only the sponsor about a guest who never accepted, and the alert goes when the invitation is cancelled', async () => {
      const end = Date.now() + 10 * DAY_MS;
      const name = unique('Prunelle Pending');
      const invited = await inviteGuest(admin.browser, { name, sponsor: sponsor.person.email, endsAt: iso(end) });
      const unreadBefore = (await myCounts(sponsor.browser)).unread;

      clock.set(end - 7 * DAY_MS + 60_000);
      await sweep(portal.app);
      expect((await sponsorAlertsAbout(name)).map((a) => a.title)).toEqual([`${name}'s guest access ends in 7 days`]);
      expect((await myCounts(sponsor.browser)).unread).toBe(unreadBefore + 1);

      // Cancelling the invitation erases the guest, and with them what named them.
      expect((await sponsor.browser.request(GuestRoutes.invitation(invited.id), { method: 'DELETE' })).status).toBe(204);
      expect(await sponsorAlertsAbout(name)).toEqual([]);
      expect((await myCounts(sponsor.browser)).unread).toBe(unreadBefore);
    });

    it('erases the alerts to and about a guest when their data is erased after the retention period', async () => {
      const end = Date.now() + 10 * DAY_MS;
      const name = unique('Eraste Erased');
      const guest = await acceptedGuest(portal, admin.browser, { name, sponsor: sponsor.person.email, endsAt: iso(end) });
      const stored = () => portal.dataSource.getRepository(AlertEntity).findBy({ sender: 'system', dedupeKey: Like(`guest-ending:${guest.id}%`) });

      // (The sweeps also handle the other specs' guests: what is asserted is this guest's outcome.)
      clock.set(end - 7 * DAY_MS + 60_000);
      await sweep(portal.app);
      expect((await stored()).map((a) => a.title).sort()).toEqual([`${name}'s guest access ends in 7 days`, 'Your guest access ends in 7 days']);

      clock.set(end + 60_000);
      await sweep(portal.app);
      clock.set(end + portal.config.guests.retentionDays * DAY_MS + 60_000);
      await sweep(portal.app);
      expect(await userRow(portal.dataSource, guest.id)).withContext('the guest was erased').toBeNull();
      // Nobody sees them any more (they expired at the end); erasure is about what is kept.
      expect(await stored()).toEqual([]);
      expect(await portal.dataSource.getRepository(AlertRecipientEntity).countBy({ userId: guest.id })).toBe(0);
      const naming = await portal.dataSource
        .getRepository(AlertEntity)
        .createQueryBuilder('a')
        .where('a.title LIKE :name OR a.body LIKE :name', { name: `%${name}%` })
        .getCount();
      expect(naming).withContext('no stored alert names the erased guest').toBe(0);
    });
  });

  describe('few recovery codes left', () => {
    /** A person enrolled by a first sign-in, with their ten recovery codes. */
    async function enrolled(name: string): Promise<{ person: Person; codes: string[]; browser: Browser }> {
      const person = await createPerson(portal.app, { name });
      const browser = new Browser(portal.url);
      const first = await signInThroughInteraction(browser, `${portal.url}/api/auth/sign-in`, person);
      expect(first.recoveryCodes?.length).toBe(10);
      return { person, codes: first.recoveryCodes as string[], browser };
    }

    it('warns at 3 left, updates the same alert down to 1, and makes it critical at 0, linking to the account page', async () => {
      // No language chosen: the portal's default (English), as in the mails.
      const { person, codes } = await enrolled('Rémi Recovery');
      for (const code of codes.slice(0, 5)) await signInWithRecoveryCode(portal.url, person, code);
      let browser = await signInWithRecoveryCode(portal.url, person, codes[5]);
      expect(await mySystemAlerts(browser)).withContext('4 left: no alert').toEqual([]);

      browser = await signInWithRecoveryCode(portal.url, person, codes[6]);
      const [three, ...others] = await mySystemAlerts(browser);
      expect(others).toEqual([]);
      expect(three).toEqual(jasmine.objectContaining({ source: 'system', title: 'Only 3 recovery codes left', severity: 'warning', link: `${portal.url}/account`, expiresAt: null, read: false }));
      expect(three.body).toContain('Create new ones in your account.');
      expect(await myCounts(browser)).toEqual({ unread: 1, critical: 0, byApp: {} });
      await markRead(browser, three.id);

      browser = await signInWithRecoveryCode(portal.url, person, codes[7]);
      expect((await mySystemAlerts(browser)).map((a) => [a.id, a.title, a.severity, a.read])).toEqual([[three.id, 'Only 2 recovery codes left', 'warning', false]]);
      browser = await signInWithRecoveryCode(portal.url, person, codes[8]);
      expect((await mySystemAlerts(browser)).map((a) => [a.id, a.title, a.severity])).toEqual([[three.id, 'Only 1 recovery code left', 'warning']]);

      browser = await signInWithRecoveryCode(portal.url, person, codes[9]);
      const none = await mySystemAlerts(browser);
      expect(none.map((a) => [a.id, a.title, a.severity, a.link])).toEqual([[three.id, 'You have no recovery codes left', 'critical', `${portal.url}/account`]]);
      expect(await myCounts(browser)).toEqual({ unread: 1, critical: 1, byApp: {} });

      // New codes (as from the account page): the warning goes away by itself.
      await portal.app.get(SecondFactorService).regenerateRecoveryCodes(person.id, CLI_CONTEXT);
      expect(await mySystemAlerts(browser)).withContext('after new codes').toEqual([]);
      expect(await myCounts(browser)).toEqual({ unread: 0, critical: 0, byApp: {} });
    });

    it('speaks French to a person who chose French', async () => {
      const { person, codes, browser: first } = await enrolled('Françoise Secours');
      await chooseLanguage(first, 'fr');
      for (const code of codes.slice(0, 6)) await signInWithRecoveryCode(portal.url, person, code);
      const alerts = await mySystemAlerts(await signInWithRecoveryCode(portal.url, person, codes[6]));
      expect(alerts.map((a) => a.title)).toEqual(['Plus que 3 codes de secours']);
      expect(alerts[0].body).toContain('Créez-en de nouveaux dans votre compte.');
    });
  });

  describe('an app failing its health check', () => {
    let endpoint: HealthEndpoint;
    let french: { person: Person; browser: Browser };
    let employee: { person: Person; browser: Browser };

    beforeAll(async () => {
      endpoint = await HealthEndpoint.start();
      const frenchAdmin = await createPerson(portal.app, { name: 'Hélène Admin', isAdmin: true });
      french = { person: frenchAdmin, browser: (await signedInBrowser(portal.url, frenchAdmin)).browser };
      await chooseLanguage(french.browser, 'fr');
      employee = await signedIn('Émile Employee');
    });

    afterAll(async () => {
      await endpoint.close();
    });

    /** Runs probe rounds (as the minute timer does) until `condition` holds: the alert is posted after the round. */
    const probeUntil = (what: string, condition: () => Promise<boolean>) =>
      eventually(async () => {
        await portal.app.get(HealthProbesService).probeAll();
        return condition();
      }, what);
    const about = async (browser: Browser, appName: string): Promise<AlertView[]> => (await mySystemAlerts(browser)).filter((a) => a.title.startsWith(appName));

    it('alerts every administrator (critical, in their language), once, and updates it when the app answers again — gone a day later', async () => {
      const appName = unique('Payroll');
      const app = await createCatalogApp(portal.app, { name: appName, healthUrl: endpoint.url });
      const stream = await EventStream.open(portal.url, admin.browser, { label: 'admin dashboard' });
      try {
        // Up at first: that is no news.
        await portal.app.get(HealthProbesService).probeAll();
        expect(await about(admin.browser, appName)).toEqual([]);
        const criticalBefore = (await myCounts(admin.browser)).critical;

        endpoint.status = 503;
        await probeUntil('both administrators have the alert', async () => (await about(admin.browser, appName)).length === 1 && (await about(french.browser, appName)).length === 1);
        const [down] = await about(admin.browser, appName);
        expect(down).toEqual(
          jasmine.objectContaining({ source: 'system', appId: null, title: `${appName} is failing its health check`, severity: 'critical', link: `${portal.url}/admin/apps/${app.id}`, expiresAt: null, read: false }),
        );
        expect(down.body).toContain(endpoint.url);
        const [downFr] = await about(french.browser, appName);
        expect(downFr).toEqual(jasmine.objectContaining({ title: `${appName} ne répond plus à son contrôle de santé`, severity: 'critical', link: `${portal.url}/admin/apps/${app.id}` }));
        expect(downFr.id).withContext('each administrator has their own alert').not.toBe(down.id);
        expect((await myCounts(admin.browser)).critical).toBe(criticalBefore + 1);
        expect(await mySystemAlerts(employee.browser)).withContext('not for people who are not administrators').toEqual([]);
        // Live, on the open dashboard.
        const live = await stream.next('alert', (e) => e.data.id === down.id);
        expect(live.data).toEqual(jasmine.objectContaining({ title: `${appName} is failing its health check`, severity: 'critical' }));

        // Read; still failing at the next rounds: no second alert, and it stays read.
        await markRead(admin.browser, down.id);
        expect((await myCounts(admin.browser)).critical).toBe(criticalBefore);
        await portal.app.get(HealthProbesService).probeAll();
        await portal.app.get(HealthProbesService).probeAll();
        expect((await about(admin.browser, appName)).map((a) => [a.id, a.read])).toEqual([[down.id, true]]);

        endpoint.status = 200;
        await probeUntil('the alert says it answers again', async () => (await about(admin.browser, appName))[0]?.severity === 'info');
        const [up] = await about(admin.browser, appName);
        expect(up).toEqual(jasmine.objectContaining({ id: down.id, title: `${appName} is answering again`, severity: 'info', read: false }));
        expect(Math.abs(new Date(up.expiresAt as string).getTime() - (clock.now().getTime() + DAY_MS))).toBeLessThan(10_000);
        await eventually(async () => (await about(french.browser, appName))[0]?.title === `${appName} répond de nouveau`, 'the French administrator’s alert is updated too');
        expect((await myCounts(admin.browser)).critical).withContext('answering again is no longer critical').toBe(criticalBefore);

        // A day later it has gone by itself.
        clock.advance(DAY_MS + 60_000);
        expect(await about(admin.browser, appName)).toEqual([]);

        // Failing again after that: critical again, and no longer set to expire.
        endpoint.status = 503;
        await probeUntil('the alert is back', async () => (await about(admin.browser, appName)).length === 1);
        expect((await about(admin.browser, appName)).map((a) => [a.id, a.title, a.severity, a.expiresAt])).toEqual([[down.id, `${appName} is failing its health check`, 'critical', null]]);
      } finally {
        await stream.close();
        endpoint.status = 200;
      }
    });
  });

  describe('announcements on the live stream', () => {
    let comms: Browser;
    let reader: { person: Person; browser: Browser };
    const live = () => portal.app.get(AnnouncementsLive);

    beforeAll(async () => {
      comms = (await employeeBrowser(portal, admin.browser, { name: 'Chloé Comms', permissions: ['communication'] })).browser;
      reader = await employeeBrowser(portal, admin.browser, { name: 'Rita Reader' });
    });

    it('tells open dashboards when an announcement is created, changed or deleted', async () => {
      const stream = await EventStream.open(portal.url, reader.browser, { label: 'reader' });
      try {
        const created = await publish(comms, { title: unique('Summer party') });
        const first = await stream.next('announcement');
        expect(first.id).toMatch(/^\d+$/);
        expect(await feedTitles(reader.browser)).toContain(created.title);

        const renamed = unique('Summer party moved');
        expect((await comms.request(AnnouncementRoutes.one(created.id), { method: 'PUT', json: { title: renamed, body: 'Now on Friday.' } })).status).toBe(200);
        const second = await stream.next('announcement', () => true, { from: first.index + 1 });
        expect(Number(second.id)).toBeGreaterThan(Number(first.id));
        expect(await feedTitles(reader.browser)).toContain(renamed);

        expect((await comms.request(AnnouncementRoutes.one(created.id), { method: 'DELETE' })).status).toBe(204);
        const third = await stream.next('announcement', () => true, { from: second.index + 1 });
        expect(Number(third.id)).toBeGreaterThan(Number(second.id));
        expect(await feedTitles(reader.browser)).not.toContain(renamed);
      } finally {
        await stream.close();
      }
    });

    it('tells them when a scheduled announcement is published, and when one expires, with nobody writing anything', async () => {
      const stream = await EventStream.open(portal.url, reader.browser, { label: 'reader' });
      try {
        const scheduled = await publish(comms, { title: unique('Office closed'), publishAt: iso(clock.now().getTime() + HOUR_MS) });
        const expiring = await publish(comms, { title: unique('Canteen menu'), expiresAt: iso(clock.now().getTime() + 3 * HOUR_MS) });
        // Each write is told at once…
        await eventually(() => stream.named('announcement').length === 2, 'both writes are told');
        expect(await feedTitles(reader.browser)).not.toContain(scheduled.title);
        // …and only once: the canteen menu's publication (at its write) is not told again by the check.
        const quiet = stream.events.length;
        expect(await live().checkSchedule()).withContext('nothing passed since the writes').toBeFalse();
        expect((await stream.quietFor(300)).filter((e) => e.event === 'announcement')).toEqual([]);

        clock.advance(HOUR_MS + 60_000);
        await live().checkSchedule();
        const published = await stream.next('announcement', () => true, { from: quiet });
        expect(published.id).toMatch(/^\d+$/);
        expect(await feedTitles(reader.browser)).toContain(scheduled.title);
        expect(await feedTitles(reader.browser)).toContain(expiring.title);

        clock.advance(2 * HOUR_MS);
        await live().checkSchedule();
        await stream.next('announcement', () => true, { from: published.index + 1 });
        expect(await feedTitles(reader.browser)).not.toContain(expiring.title);
      } finally {
        await stream.close();
      }
    });

    it('gives a dashboard that was away the announcement event it missed, when it reconnects with Last-Event-ID', async () => {
      const away = await EventStream.open(portal.url, reader.browser, { label: 'away' });
      const stays = await EventStream.open(portal.url, reader.browser, { label: 'stays' });
      try {
        await publish(comms, { title: unique('Before leaving') });
        const seen = await away.next('announcement');
        await stays.next('announcement');
        await away.close();

        await publish(comms, { title: unique('While away') });
        const missed = await stays.next('announcement', (e) => e.id !== seen.id);

        const back = await EventStream.open(portal.url, reader.browser, { label: 'back', lastEventId: seen.id });
        try {
          expect(back.named('announcement').map((e) => e.id)).withContext('exactly what it missed, before the counts').toEqual([missed.id]);
        } finally {
          await back.close();
        }
      } finally {
        await stays.close();
      }
    });
  });
});
