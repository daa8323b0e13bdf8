import { AlertEntity } from '../../../src/app/alerts/entities/alert.entity';
import { AlertsService } from '../../../src/app/alerts/alerts.service';
import { alertSender, EventStream, myAlerts, myCounts, myTitles, posted, type AlertSender } from '../../support/alerts';
import { addToGroup, createGroup } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { acceptedGuest, adminBrowser, DAY_MS, HOUR_MS, iso, PortalClock } from '../../support/guests';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * Who sees an alert. A group means its members when it was posted (someone who joins later does not
 * see past alerts); `everyone` means whoever may use the app, now or later. Nobody outside the app's
 * audience — an employee not in its groups, a guest not given it — ever sees it: not in the list,
 * not in the counts, not on the live stream. And an alert past its expiry is gone.
 */
describe('Alert recipients', () => {
  const portal = usePortal({ env: { GUEST_SWEEP_SECONDS: '0' } });
  let sales: AlertSender;
  let salesGroup: { id: string; name: string };
  let seller: { person: Person; browser: Browser };
  let outsider: { person: Person; browser: Browser };
  let guestWithApp: { person: Person; browser: Browser };
  let guestWithout: { person: Person; browser: Browser };

  async function employee(name: string, groups: string[] = []) {
    const person = await createPerson(portal.app, { name, groups });
    return { person, browser: (await signedInBrowser(portal.url, person)).browser };
  }

  beforeAll(async () => {
    const admin = (await adminBrowser(portal)).browser;
    const group = await createGroup(portal.app, { name: `Sales ${Date.now()}` });
    salesGroup = { id: group.id, name: group.name };
    sales = await alertSender(portal, { name: 'Sales CRM', visibility: 'groups', groupIds: [group.id] });
    seller = await employee('Sophie Seller', [group.name]);
    outsider = await employee('Oscar Outsider');
    const sponsor = await createPerson(portal.app, { name: 'Sam Sponsor' });
    const appId = sales.app?.id as string;
    const invitedWith = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 30 * DAY_MS), apps: [appId], name: 'Gina Guest' });
    guestWithApp = { person: invitedWith, browser: (await signedInBrowser(portal.url, invitedWith)).browser };
    const invitedWithout = await acceptedGuest(portal, admin, { sponsor: sponsor.email, endsAt: iso(Date.now() + 30 * DAY_MS), name: 'Gus Guest' });
    guestWithout = { person: invitedWithout, browser: (await signedInBrowser(portal.url, invitedWithout)).browser };
  });

  const unique = (title: string) => `${title} ${Math.random().toString(36).slice(2, 7)}`;

  it('reaches a group’s members at posting time; someone added to the group afterwards does not see it', async () => {
    const title = unique('Quarterly targets are out');
    const result = await posted(sales.post({ recipients: { groups: [salesGroup.name] }, title }));
    expect(result).toEqual(jasmine.objectContaining({ status: 'created', recipients: 1, skipped: 0 }));
    expect(await myTitles(seller.browser)).toContain(title);

    const latecomer = await employee('Léa Latecomer');
    await addToGroup(portal.app, salesGroup.id, [latecomer.person.id]);
    // Now a member, so the app is hers — but the past alert was not addressed to her.
    expect(await myTitles(latecomer.browser)).not.toContain(title);
    expect((await myCounts(latecomer.browser)).byApp[sales.app?.id as string]).toBeUndefined();
    // The next one to the group reaches her.
    const next = unique('Targets revised');
    await posted(sales.post({ recipients: { groups: [salesGroup.name] }, title: next }));
    expect(await myTitles(latecomer.browser)).toContain(next);
  });

  it('shows an `everyone` alert to people who may use the app, including those who arrive afterwards', async () => {
    const title = unique('CRM maintenance tonight');
    const result = await posted(sales.post({ recipients: { everyone: true }, title, severity: 'warning' }));
    // Sophie, the guest given the app, and everyone in the group at this point.
    expect(result.recipients).toBeGreaterThanOrEqual(2);
    expect(await myTitles(seller.browser)).toContain(title);
    expect(await myTitles(guestWithApp.browser)).toContain(title);

    const newcomer = await employee('Nina Newcomer', [salesGroup.name]);
    expect(await myTitles(newcomer.browser)).toContain(title);
    const counts = await myCounts(newcomer.browser);
    expect(counts.unread).toBeGreaterThanOrEqual(1);
    expect(counts.byApp[sales.app?.id as string]).toBeGreaterThanOrEqual(1);
  });

  it('never shows an app’s alerts to someone who may not use it — list, counts or live stream', async () => {
    const streams = {
      seller: await EventStream.open(portal.url, seller.browser, { label: 'seller' }),
      outsider: await EventStream.open(portal.url, outsider.browser, { label: 'outsider' }),
      guestWithout: await EventStream.open(portal.url, guestWithout.browser, { label: 'guest without the app' }),
    };
    try {
      const everyone = unique('Everyone who uses the CRM');
      const named = unique('Named people');
      await posted(sales.post({ recipients: { everyone: true }, title: everyone }));
      const byName = await posted(sales.post({ recipients: { users: [seller.person.email, outsider.person.email, guestWithout.person.email] }, title: named }));
      // Named people outside the app's audience are skipped, and only counted.
      expect(byName).toEqual(jasmine.objectContaining({ recipients: 1, skipped: 2 }));

      await streams.seller.next('alert', (e) => e.data.title === named);
      for (const who of ['outsider', 'guestWithout'] as const) {
        const browser = who === 'outsider' ? outsider.browser : guestWithout.browser;
        const titles = await myTitles(browser);
        expect(titles).withContext(who).not.toContain(everyone);
        expect(titles).withContext(who).not.toContain(named);
        expect((await myCounts(browser)).byApp[sales.app?.id as string]).withContext(who).toBeUndefined();
        expect((await myAlerts(browser, { appId: sales.app?.id })).items).withContext(who).toEqual([]);
        await streams[who].quietFor(300);
        expect(streams[who].named('alert')).withContext(`${who}'s stream`).toEqual([]);
      }
    } finally {
      await Promise.all(Object.values(streams).map((s) => s.close()));
    }
  });

  it('keeps a guest’s bell to their own apps: an app outside the catalog reaches every employee, never guests', async () => {
    const tool = await alertSender(portal, { tile: false });
    const title = unique('Company-wide tool');
    const result = await posted(tool.post({ recipients: { everyone: true }, title }));
    expect(result.recipients).toBeGreaterThanOrEqual(2);
    expect(await myTitles(outsider.browser)).toContain(title);
    expect(await myTitles(seller.browser)).toContain(title);
    expect(await myTitles(guestWithApp.browser)).not.toContain(title);
    expect(await myTitles(guestWithout.browser)).not.toContain(title);
    const named = await posted(tool.post({ recipients: { users: [guestWithApp.person.email, outsider.person.email] }, title: unique('Named') }));
    expect(named).toEqual(jasmine.objectContaining({ recipients: 1, skipped: 1 }));
  });

  it('hides an alert from the list and the counts once it has expired', async () => {
    const clock = new PortalClock(portal);
    const title = unique('Flash sale ends soon');
    const alert = await posted(sales.post({ recipients: { users: [seller.person.email] }, title, severity: 'critical', expiresAt: iso(Date.now() + HOUR_MS) }));
    const appId = sales.app?.id as string;
    const before = await myCounts(seller.browser);
    const listed = (await myAlerts(seller.browser)).items.find((a) => a.id === alert.id);
    expect(listed?.expiresAt).toEqual(jasmine.any(String));

    clock.advance(HOUR_MS + 60_000);
    expect(await myTitles(seller.browser)).not.toContain(title);
    const after = await myCounts(seller.browser);
    expect(after.unread).toBe(before.unread - 1);
    expect(after.critical).toBe(before.critical - 1);
    expect(after.byApp[appId] ?? 0).toBe(before.byApp[appId] - 1);
    expect((await seller.browser.get(`/api/me/alerts/${alert.id}`)).status).toBe(404);

    // And pruning removes it from the database.
    await portal.app.get(AlertsService).prune();
    expect(await portal.dataSource.getRepository(AlertEntity).countBy({ id: alert.id })).toBe(0);
    clock.reset();
  });
});
