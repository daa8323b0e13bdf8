import { AlertRoutes, type AlertView } from '@passerelle/contracts';
import { alertSender, alertTo, myAlerts, myCounts, posted, type AlertSender } from '../../support/alerts';
import { createGroup } from '../../support/catalog';
import { signedInBrowser } from '../../support/catalog-rows';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * A person's own alerts: read, unread and dismissed (their state only), mark all read (or one
 * app's), unread counts in all, critical and per app (the tiles' badges), filters and paging —
 * and nothing of anyone else's.
 */
describe('My alerts API', () => {
  const portal = usePortal();
  let crm: AlertSender;
  let hr: AlertSender;
  let me: { person: Person; browser: Browser };
  let colleague: { person: Person; browser: Browser };

  async function signedIn(name: string) {
    const person = await createPerson(portal.app, { name });
    return { person, browser: (await signedInBrowser(portal.url, person)).browser };
  }

  beforeAll(async () => {
    crm = await alertSender(portal, { name: 'CRM' });
    hr = await alertSender(portal, { name: 'HR' });
    me = await signedIn('Mona Me');
    colleague = await signedIn('Colin Colleague');
  });

  const patch = (browser: Browser, id: string, json: unknown) => browser.request(AlertRoutes.one(id), { method: 'PATCH', json });
  const readAll = (browser: Browser, json: unknown = {}) => browser.postJson(AlertRoutes.readAll, json);
  const crmId = () => crm.app?.id as string;
  const hrId = () => hr.app?.id as string;

  it('counts unread alerts in all, critical ones, and per app; read, unread and dismissed change them', async () => {
    const person = await signedIn('Fresh Person');
    const a1 = await posted(crm.post(alertTo([person.person.email], { title: 'CRM info' })));
    const a2 = await posted(crm.post(alertTo([person.person.email], { title: 'CRM warning', severity: 'warning' })));
    const a3 = await posted(crm.post(alertTo([person.person.email], { title: 'CRM critical', severity: 'critical' })));
    await posted(hr.post(alertTo([person.person.email], { title: 'HR info' })));
    await posted(hr.post(alertTo([person.person.email], { title: 'HR critical', severity: 'critical' })));
    const browser = person.browser;

    expect(await myCounts(browser)).toEqual({ unread: 5, critical: 2, byApp: { [crmId()]: 3, [hrId()]: 2 } });
    const list = await myAlerts(browser);
    expect(list.items.map((a) => a.title)).toEqual(['HR critical', 'HR info', 'CRM critical', 'CRM warning', 'CRM info']);
    expect(list.counts).toEqual(await myCounts(browser));
    expect(list.items[0]).toEqual(
      jasmine.objectContaining({ source: 'app', appId: hrId(), appName: 'HR', severity: 'critical', read: false, link: null, actions: [], expiresAt: null }),
    );

    expect((await patch(browser, a1.id, { read: true })).status).toBe(204);
    expect(await myCounts(browser)).toEqual({ unread: 4, critical: 2, byApp: { [crmId()]: 2, [hrId()]: 2 } });
    expect((await myAlerts(browser)).items.find((a) => a.id === a1.id)?.read).toBeTrue();
    expect((await browser.get(AlertRoutes.one(a1.id))).json()).toEqual(jasmine.objectContaining({ id: a1.id, read: true }));

    expect((await patch(browser, a1.id, { read: false })).status).toBe(204);
    expect((await myCounts(browser)).unread).toBe(5);

    // Dismissed: gone from the list and the counts.
    expect((await patch(browser, a3.id, { dismissed: true })).status).toBe(204);
    expect(await myCounts(browser)).toEqual({ unread: 4, critical: 1, byApp: { [crmId()]: 2, [hrId()]: 2 } });
    expect((await myAlerts(browser)).items.map((a) => a.id)).not.toContain(a3.id);
    expect((await browser.get(AlertRoutes.one(a3.id))).status).toBe(404);

    // Read all of one app's, then all.
    expect((await readAll(browser, { appId: crmId() })).status).toBe(204);
    expect(await myCounts(browser)).toEqual({ unread: 2, critical: 1, byApp: { [hrId()]: 2 } });
    expect((await myAlerts(browser)).items.find((a) => a.id === a2.id)?.read).toBeTrue();
    expect((await readAll(browser)).status).toBe(204);
    expect(await myCounts(browser)).toEqual({ unread: 0, critical: 0, byApp: {} });
    expect((await myAlerts(browser)).items.every((a) => a.read)).toBeTrue();
    // Nothing left to read: still fine.
    expect((await readAll(browser)).status).toBe(204);
  });

  it('keeps read state per person, also for an alert sent to everyone', async () => {
    // An app of its own, for two people only, so its broadcast stays out of the other specs' lists.
    const team = await createGroup(portal.app, { memberIds: [me.person.id, colleague.person.id] });
    const teamApp = await alertSender(portal, { name: 'Team app', visibility: 'groups', groupIds: [team.id] });
    const broadcast = await posted(teamApp.post({ recipients: { everyone: true }, title: `Everyone ${Date.now()}` }));
    expect(broadcast.recipients).toBe(2);
    const mine = (await myAlerts(me.browser)).items.find((a) => a.id === broadcast.id);
    const theirs = (await myAlerts(colleague.browser)).items.find((a) => a.id === broadcast.id);
    expect(mine?.read).toBeFalse();
    expect(theirs?.read).toBeFalse();
    const colleagueUnread = (await myCounts(colleague.browser)).unread;

    expect((await patch(me.browser, broadcast.id, { read: true })).status).toBe(204);
    expect((await myAlerts(me.browser)).items.find((a) => a.id === broadcast.id)?.read).toBeTrue();
    expect((await myAlerts(colleague.browser)).items.find((a) => a.id === broadcast.id)?.read).toBeFalse();
    expect((await myCounts(colleague.browser)).unread).toBe(colleagueUnread);

    expect((await patch(me.browser, broadcast.id, { dismissed: true })).status).toBe(204);
    expect((await myAlerts(me.browser)).items.map((a) => a.id)).not.toContain(broadcast.id);
    expect((await myAlerts(colleague.browser)).items.map((a) => a.id)).toContain(broadcast.id);
  });

  it('answers 404 for someone else’s alert (and for an id that does not exist), and changes nothing', async () => {
    const theirs = await posted(crm.post(alertTo([colleague.person.email], { title: 'For Colin only' })));
    for (const response of [
      await patch(me.browser, theirs.id, { read: true }),
      await patch(me.browser, theirs.id, { dismissed: true }),
      await me.browser.get(AlertRoutes.one(theirs.id)),
      await patch(me.browser, '00000000-0000-4000-8000-000000000000', { read: true }),
      await patch(me.browser, 'not-an-id', { read: true }),
    ]) {
      expect(response.status).withContext(response.text).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect((await myAlerts(colleague.browser)).items.find((a) => a.id === theirs.id)?.read).toBeFalse();
    expect((await myAlerts(me.browser)).items.map((a) => a.id)).not.toContain(theirs.id);
    // read-all with another app's id reads nothing of anyone else's either.
    await readAll(me.browser, { appId: crmId() });
    expect((await myAlerts(colleague.browser)).items.find((a) => a.id === theirs.id)?.read).toBeFalse();
  });

  it('refuses a bad state change or query with 400 naming the field', async () => {
    const alert = await posted(crm.post(alertTo([me.person.email])));
    const bad = await patch(me.browser, alert.id, { read: 'yes' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['read']);
    const unknown = await patch(me.browser, alert.id, { read: true, pinned: true });
    expect(unknown.status).toBe(400);
    for (const query of ['severity=urgent', 'limit=0', 'limit=101', 'unread=maybe', 'before=garbage']) {
      const response = await me.browser.get(`${AlertRoutes.mine}?${query}`);
      expect(response.status).withContext(query).toBe(400);
      expect(response.json().code).withContext(query).toBe('validation_failed');
      expect(Object.keys(response.json().fields ?? {})).withContext(query).toEqual([query.split('=')[0]]);
    }
    expect((await me.browser.get(AlertRoutes.mine)).headers.get('cache-control')).toBe('no-store');
  });

  it('filters by app, severity and unread, and pages with the cursor without gaps or repeats', async () => {
    const person = await signedIn('Paula Pager');
    const email = person.person.email;
    const posts: string[] = [];
    for (let i = 0; i < 7; i++) posts.push((await posted(crm.post(alertTo([email], { title: `Page ${i}`, severity: i % 3 === 0 ? 'critical' : 'info' })))).id);
    const hrOne = await posted(hr.post(alertTo([email], { title: 'HR one', severity: 'critical' })));
    await patch(person.browser, posts[1], { read: true });

    const byApp = await myAlerts(person.browser, { appId: crmId() });
    expect(byApp.items.length).toBe(7);
    expect(byApp.items.every((a) => a.appId === crmId())).toBeTrue();
    expect((await myAlerts(person.browser, { appId: hrId() })).items.map((a) => a.id)).toEqual([hrOne.id]);
    expect((await myAlerts(person.browser, { appId: 'no-such-app' })).items).toEqual([]);

    const critical = await myAlerts(person.browser, { severity: 'critical' });
    expect(critical.items.map((a) => a.title)).toEqual(['HR one', 'Page 6', 'Page 3', 'Page 0']);
    const criticalCrm = await myAlerts(person.browser, { severity: 'critical', appId: crmId() });
    expect(criticalCrm.items.map((a) => a.title)).toEqual(['Page 6', 'Page 3', 'Page 0']);
    const unread = await myAlerts(person.browser, { unread: true, appId: crmId() });
    expect(unread.items.map((a) => a.id)).not.toContain(posts[1]);
    expect(unread.items.length).toBe(6);
    // Counts are always the whole picture, whatever the filter.
    expect(unread.counts).toEqual({ unread: 7, critical: 4, byApp: { [crmId()]: 6, [hrId()]: 1 } });

    const seen: AlertView[] = [];
    let cursor: string | undefined;
    const pageSizes: number[] = [];
    for (let guard = 0; guard < 10; guard++) {
      const page = await myAlerts(person.browser, { limit: 3, before: cursor });
      pageSizes.push(page.items.length);
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pageSizes).toEqual([3, 3, 2]);
    expect(seen.map((a) => a.title)).toEqual(['HR one', 'Page 6', 'Page 5', 'Page 4', 'Page 3', 'Page 2', 'Page 1', 'Page 0']);
    expect(new Set(seen.map((a) => a.id)).size).toBe(8);
  });

  it('answers 401 to someone who is not signed in', async () => {
    for (const path of [AlertRoutes.mine, AlertRoutes.counts, AlertRoutes.events]) {
      const response = await fetch(portal.at(path));
      expect(response.status).withContext(path).toBe(401);
      await response.body?.cancel();
    }
  });
});
