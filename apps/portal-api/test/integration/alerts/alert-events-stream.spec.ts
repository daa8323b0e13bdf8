import { AlertRoutes, type AlertCounts } from '@passerelle/contracts';
import { alertSender, alertTo, EventStream, myCounts, posted, type AlertSender } from '../../support/alerts';
import { signedInBrowser } from '../../support/catalog-rows';
import { HOUR_MS, iso, PortalClock } from '../../support/guests';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * Server-Sent Events on one portal process: a new alert reaches the person's open dashboard as an
 * `alert` event followed by fresh `counts`; reading it in another tab sends `alert-state` to every
 * tab; a browser that was away reconnects with Last-Event-ID and gets exactly what it missed.
 */
describe('Live alerts (Server-Sent Events)', () => {
  const portal = usePortal({ env: { ALERT_HEARTBEAT_SECONDS: '1' } });
  let sender: AlertSender;
  let person: Person;
  let browser: Browser;
  let colleague: { person: Person; browser: Browser };

  beforeAll(async () => {
    sender = await alertSender(portal, { name: 'Ticketing' });
    person = await createPerson(portal.app, { name: 'Stella Stream' });
    browser = (await signedInBrowser(portal.url, person)).browser;
    const other = await createPerson(portal.app, { name: 'Carl Colleague' });
    colleague = { person: other, browser: (await signedInBrowser(portal.url, other)).browser };
  });

  const open = (label: string, lastEventId?: string, who: Browser = browser) => EventStream.open(portal.url, who, { label, lastEventId });

  it('starts with the counts, then sends each new alert followed by the new counts', async () => {
    const tab = await open('tab');
    try {
      expect(tab.status).toBe(200);
      expect(tab.contentType).toMatch(/^text\/event-stream/);
      const first = tab.named('counts')[0];
      expect(first.data).toEqual(await myCounts(browser));

      const posting = await posted(sender.post(alertTo([person.email], { title: 'Ticket 1234 was assigned to you', severity: 'warning', body: 'Printer on **floor 3**' })));
      const alert = await tab.next('alert', (e) => e.data.id === posting.id);
      expect(alert.id).toMatch(/^\d+$/);
      expect(alert.data).toEqual(
        jasmine.objectContaining({ id: posting.id, title: 'Ticket 1234 was assigned to you', severity: 'warning', read: false, appId: sender.app?.id, bodyHtml: '<p>Printer on <strong>floor 3</strong></p>' }),
      );
      const counts = await tab.next('counts', () => true, { from: alert.index + 1 });
      expect((counts.data as AlertCounts).unread).toBe((first.data as AlertCounts).unread + 1);
      expect((counts.data as AlertCounts).byApp[sender.app?.id as string]).toBe(1);
      expect(counts.data).toEqual(await myCounts(browser));
    } finally {
      await tab.close();
    }
  });

  it('tells every tab, and only the person’s, when an alert is read or dismissed elsewhere', async () => {
    const tabA = await open('tab A');
    const tabB = await open('tab B');
    const colleagueTab = await open('colleague', undefined, colleague.browser);
    try {
      const posting = await posted(sender.post(alertTo([person.email], { title: 'Read me in the other tab' })));
      await tabA.next('alert', (e) => e.data.id === posting.id);
      await tabB.next('alert', (e) => e.data.id === posting.id);
      const unread = (await myCounts(browser)).unread;

      // "Another tab" (here: the plain API call the other tab makes) marks it read.
      expect((await browser.request(AlertRoutes.one(posting.id), { method: 'PATCH', json: { read: true } })).status).toBe(204);
      for (const tab of [tabA, tabB]) {
        const state = await tab.next('alert-state');
        expect(state.id).toMatch(/^\d+$/);
        expect(state.data).toEqual({ ids: [posting.id], read: true });
        const counts = await tab.next('counts', () => true, { from: state.index + 1 });
        expect(counts.data.unread).toBe(unread - 1);
      }

      expect((await browser.request(AlertRoutes.one(posting.id), { method: 'PATCH', json: { dismissed: true } })).status).toBe(204);
      expect((await tabB.next('alert-state', (e) => e.data.dismissed === true)).data).toEqual({ ids: [posting.id], dismissed: true });

      await browser.postJson(AlertRoutes.readAll, {});
      await colleagueTab.quietFor(300);
      expect(colleagueTab.named('alert')).withContext('the colleague sees none of Stella’s alerts').toEqual([]);
      expect(colleagueTab.named('alert-state')).withContext('nor her read state').toEqual([]);
    } finally {
      await Promise.all([tabA.close(), tabB.close(), colleagueTab.close()]);
    }
  });

  it('resumes with Last-Event-ID: a reconnecting tab gets both alerts it missed, in order, then live ones', async () => {
    const tab = await open('before the disconnect');
    const seen = await posted(sender.post(alertTo([person.email], { title: 'Seen live' })));
    await tab.next('alert', (e) => e.data.id === seen.id);
    const lastEventId = tab.lastEventId as string;
    await tab.close();

    // While away: two alerts for her, one read state change, and one alert for someone else.
    const missed1 = await posted(sender.post(alertTo([person.email], { title: 'Missed one', severity: 'critical' })));
    const notHers = await posted(sender.post(alertTo([colleague.person.email], { title: 'Not hers' })));
    const missed2 = await posted(sender.post(alertTo([person.email], { title: 'Missed two' })));
    await browser.request(AlertRoutes.one(seen.id), { method: 'PATCH', json: { read: true } });

    const back = await EventStream.open(portal.url, browser, { label: 'after the reconnect', lastEventId, waitForCounts: false });
    try {
      expect(back.status).toBe(200);
      const second = await back.next('alert', (e) => e.data.id === missed2.id);
      const state = await back.next('alert-state', (e) => e.data.ids.includes(seen.id));
      expect(state.data).toEqual({ ids: [seen.id], read: true });
      const newer = back.events.filter((e) => e.id !== undefined && Number(e.id) > Number(lastEventId));
      expect(newer.filter((e) => e.event === 'alert').map((e) => e.data.id)).toEqual([missed1.id, missed2.id]);
      expect(newer.map((e) => e.event)).toEqual(['alert', 'alert', 'alert-state']);
      // Event ids only grow, so the next Last-Event-ID is the newest one.
      const ids = newer.map((e) => Number(e.id));
      expect([...ids].sort((a, b) => a - b)).toEqual(ids);
      expect(back.events.some((e) => e.event === 'alert' && e.data.id === notHers.id)).withContext('someone else’s alert').toBeFalse();
      const counts = await back.next('counts', () => true, { from: second.index + 1 });
      expect(counts.data).toEqual(jasmine.objectContaining({ critical: (await myCounts(browser)).critical }));

      // And live again, with nothing in between lost or repeated.
      const live = await posted(sender.post(alertTo([person.email], { title: 'Live again' })));
      await back.next('alert', (e) => e.data.id === live.id);
      const alertsAfter = back.events.filter((e) => e.event === 'alert' && Number(e.id) > Number(lastEventId)).map((e) => e.data.id);
      expect(alertsAfter).toEqual([missed1.id, missed2.id, live.id]);
    } finally {
      await back.close();
    }
  });

  it('resumes without a gap even when more than a thousand events for other people happened meanwhile', async () => {
    const tab = await open('before a busy spell');
    const seen = await posted(sender.post(alertTo([person.email], { title: 'Before the busy spell' })));
    await tab.next('alert', (e) => e.data.id === seen.id);
    const lastEventId = tab.lastEventId as string;
    await tab.close();

    // A busy portal: 1,100 alerts for a colleague (each one an event in the shared log), then one for her.
    for (let batch = 0; batch < 11; batch++) {
      const alerts = Array.from({ length: 100 }, (_, i) => alertTo([colleague.person.email], { title: `Busy ${batch}-${i}` }));
      expect((await sender.batch({ alerts })).status).toBe(202);
    }
    const hers = await posted(sender.post(alertTo([person.email], { title: 'After the busy spell' })));

    const back = await EventStream.open(portal.url, browser, { label: 'after a busy spell', lastEventId, waitForCounts: false });
    try {
      await back.next('alert', (e) => e.data.id === hers.id);
    } finally {
      await back.close();
    }
  });

  it('does not bring back, on a reconnect, an alert that expired while the tab was away', async () => {
    const clock = new PortalClock(portal);
    const tab = await open('before the expiry');
    const marker = await posted(sender.post(alertTo([person.email], { title: 'Marker' })));
    await tab.next('alert', (e) => e.data.id === marker.id);
    const lastEventId = tab.lastEventId as string;
    const flash = await posted(sender.post(alertTo([person.email], { title: 'Flash sale, one hour only', expiresAt: iso(Date.now() + HOUR_MS) })));
    await tab.next('alert', (e) => e.data.id === flash.id);
    await tab.close();

    clock.advance(2 * HOUR_MS);
    // The app's token has expired by now too: another app posts.
    const other = await alertSender(portal, { name: 'Later app' });
    const later = await posted(other.post(alertTo([person.email], { title: 'Two hours later' })));
    const back = await EventStream.open(portal.url, browser, { label: 'after the expiry', lastEventId, waitForCounts: false });
    try {
      await back.next('alert', (e) => e.data.id === later.id);
      expect(back.events.some((e) => e.event === 'alert' && e.data.id === flash.id)).withContext('the expired alert').toBeFalse();
    } finally {
      await back.close();
      clock.reset();
    }
  });

  it('sends heartbeats on an idle stream', async () => {
    const tab = await open('idle');
    try {
      await tab.quietFor(2500);
      expect(tab.comments).toBeGreaterThanOrEqual(1);
    } finally {
      await tab.close();
    }
  });

  it('closes the stream once its session has ended (signed out)', async () => {
    const leaver = await createPerson(portal.app, { name: 'Lou Leaving' });
    const leaverBrowser = (await signedInBrowser(portal.url, leaver)).browser;
    const tab = await open('signing out', undefined, leaverBrowser);
    try {
      expect(await tab.endsWithin(1500)).withContext('open while signed in').toBeFalse();
      expect((await leaverBrowser.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(204);
      expect(await tab.endsWithin(5000)).withContext('closed after sign-out').toBeTrue();
      // And a new alert for her goes nowhere near the old connection (nor fails the post).
      expect((await sender.post(alertTo([leaver.email]))).status).toBe(202);
    } finally {
      await tab.close();
    }
  });

  it('answers 401 without a session, and ignores a Last-Event-ID that is not one of ours', async () => {
    const response = await fetch(portal.at(AlertRoutes.events), { headers: { accept: 'text/event-stream' } });
    expect(response.status).toBe(401);
    await response.body?.cancel();
    const tab = await EventStream.open(portal.url, browser, { label: 'bad id', lastEventId: 'abc; DROP TABLE alerts' });
    try {
      expect(tab.status).toBe(200);
      expect(tab.named('alert')).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});
