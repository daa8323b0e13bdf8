import { AlertRoutes } from '@passerelle/contracts';
import { AlertEntity } from '../../../src/app/alerts/entities/alert.entity';
import { AlertRecipientEntity } from '../../../src/app/alerts/entities/alert-recipient.entity';
import { alertSender, alertTo, myAlerts, myCounts, posted, type AlertSender } from '../../support/alerts';
import { signedInBrowser } from '../../support/catalog-rows';
import { createPerson, type Browser, type Person } from '../../support/oidc-rp';
import { usePortal } from '../../support/test-portal';

/**
 * A retried POST never makes a second alert, even when the retries race: 10 identical POSTs in
 * parallel with one dedupeKey store one alert and all answer with its id. The same key with new
 * content updates that alert, which becomes unread again.
 */
describe('Push API: idempotency with dedupeKey', () => {
  const portal = usePortal();
  let sender: AlertSender;
  let person: Person;
  let browser: Browser;

  beforeAll(async () => {
    sender = await alertSender(portal);
    person = await createPerson(portal.app, { name: 'Ines Idem' });
    browser = (await signedInBrowser(portal.url, person)).browser;
  });

  const alertsWithKey = (dedupeKey: string) => portal.dataSource.getRepository(AlertEntity).findBy({ dedupeKey });

  it('stores one alert for 10 concurrent retries, each answered with the same id', async () => {
    const dedupeKey = `deal-42-approval-${Date.now()}`;
    const body = alertTo([person.email], { title: 'Deal 42 is waiting for your approval', severity: 'warning', dedupeKey });
    const responses = await Promise.all(Array.from({ length: 10 }, () => sender.post(body)));

    expect(responses.map((r) => r.status)).withContext(JSON.stringify(responses.map((r) => r.body))).toEqual(Array(10).fill(202));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const statuses = responses.map((r) => r.body.status).sort();
    expect(statuses).toEqual(['created', ...Array(9).fill('unchanged')]);
    for (const r of responses) expect(r.body).toEqual(jasmine.objectContaining({ recipients: 1, skipped: 0 }));

    const stored = await alertsWithKey(dedupeKey);
    expect(stored.length).toBe(1);
    expect(stored[0].id).toBe([...ids][0]);
    expect(await portal.dataSource.getRepository(AlertRecipientEntity).countBy({ alertId: stored[0].id })).toBe(1);
    const mine = (await myAlerts(browser)).items.filter((a) => a.title === body.title);
    expect(mine.length).toBe(1);
  });

  it('stores one alert for concurrent batch retries too', async () => {
    const key = `nightly-backup-${Date.now()}`;
    const batch = { alerts: [alertTo([person.email], { title: 'Backup failed', severity: 'critical', dedupeKey: key }), alertTo([person.email], { title: 'Disk almost full', dedupeKey: `${key}-disk` })] };
    const responses = await Promise.all(Array.from({ length: 5 }, () => sender.batch(batch)));
    expect(responses.map((r) => r.status)).toEqual(Array(5).fill(202));
    expect(new Set(responses.map((r) => r.body.results[0].id)).size).toBe(1);
    expect(new Set(responses.map((r) => r.body.results[1].id)).size).toBe(1);
    expect((await alertsWithKey(key)).length).toBe(1);
    expect((await alertsWithKey(`${key}-disk`)).length).toBe(1);
  });

  it('updates the alert when the same key comes with new content: still one alert, unread again, listed first', async () => {
    const dedupeKey = `invoice-7-${Date.now()}`;
    const first = await posted(sender.post(alertTo([person.email], { title: 'Invoice 7 is due', dedupeKey })));
    expect(first.status).toBe('created');
    const other = await posted(sender.post(alertTo([person.email], { title: 'Something newer' })));

    expect((await browser.request(AlertRoutes.one(first.id), { method: 'PATCH', json: { read: true } })).status).toBe(204);
    const unreadBefore = (await myCounts(browser)).unread;
    expect((await myAlerts(browser)).items.find((a) => a.id === first.id)?.read).toBeTrue();

    const update = await posted(sender.post(alertTo([person.email], { title: 'Invoice 7 is overdue', severity: 'critical', dedupeKey })));
    expect(update).toEqual({ id: first.id, status: 'updated', recipients: 1, skipped: 0 });

    const stored = await alertsWithKey(dedupeKey);
    expect(stored.length).toBe(1);
    expect(stored[0].title).toBe('Invoice 7 is overdue');
    const list = await myAlerts(browser);
    const updated = list.items.find((a) => a.id === first.id);
    expect(updated).toEqual(jasmine.objectContaining({ title: 'Invoice 7 is overdue', severity: 'critical', read: false }));
    expect(new Date(updated?.updatedAt ?? 0).getTime()).toBeGreaterThan(new Date(updated?.createdAt ?? 0).getTime());
    // Updated content is news: it moves above what was posted since.
    expect(list.items.findIndex((a) => a.id === first.id)).toBeLessThan(list.items.findIndex((a) => a.id === other.id));
    expect(list.counts.unread).toBe(unreadBefore + 1);

    // The same content again is a retry: unchanged, and it stays read once read.
    await browser.request(AlertRoutes.one(first.id), { method: 'PATCH', json: { read: true } });
    const retry = await posted(sender.post(alertTo([person.email], { title: 'Invoice 7 is overdue', severity: 'critical', dedupeKey })));
    expect(retry).toEqual(jasmine.objectContaining({ id: first.id, status: 'unchanged' }));
    expect((await myAlerts(browser)).items.find((a) => a.id === first.id)?.read).toBeTrue();
  });

  it('keeps dedupe keys per app: another app’s identical key is its own alert', async () => {
    const dedupeKey = `shared-key-${Date.now()}`;
    const otherApp = await alertSender(portal);
    const mine = await posted(sender.post(alertTo([person.email], { dedupeKey })));
    const theirs = await posted(otherApp.post(alertTo([person.email], { dedupeKey })));
    expect(theirs.status).toBe('created');
    expect(theirs.id).not.toBe(mine.id);
    expect((await alertsWithKey(dedupeKey)).length).toBe(2);
  });
});
