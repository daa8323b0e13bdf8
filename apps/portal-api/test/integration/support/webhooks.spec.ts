import { createHmac } from 'node:crypto';
import { SupportRoutes, type WebhookDeliveryView, type WebhookWithSecret } from '@passerelle/contracts';
import { WebhookEntity } from '../../../src/app/support/webhooks/entities/webhook.entity';
import { WebhooksService } from '../../../src/app/support/webhooks/webhooks.service';
import { auditOf, PortalClock } from '../../support/guests';
import type { Browser } from '../../support/oidc-rp';
import { HookReceiver, signedInPerson, type ReceivedHook } from '../../support/support-edge';
import { usePortal } from '../../support/test-portal';

/** What a receiver does: recompute the HMAC over `<t>.<raw body>` with its secret. */
function signatureValid(hook: ReceivedHook, secret: string): boolean {
  const header = String(hook.headers['passerelle-signature'] ?? '');
  const match = /^t=(\d+),v1=([a-f0-9]{64})$/.exec(header);
  if (!match) return false;
  return createHmac('sha256', secret).update(`${match[1]}.${hook.body}`).digest('hex') === match[2];
}

async function createHook(admin: Browser, url: string, events: string[] = ['ticket.created', 'ticket.message']): Promise<WebhookWithSecret> {
  const response = await admin.postJson(SupportRoutes.webhooks, { url, events, description: 'Zammad' });
  if (response.status !== 201) throw new Error(`POST ${SupportRoutes.webhooks} → ${response.status} ${response.text}`);
  return response.json() as WebhookWithSecret;
}

async function deliveries(admin: Browser, id: string): Promise<WebhookDeliveryView[]> {
  return (await admin.get(SupportRoutes.webhookDeliveries(id))).json().items as WebhookDeliveryView[];
}

const TICKET = { ticket: { id: 't-1', number: 42, subject: 'VPN down', status: 'new' } };

describe('Support webhooks', () => {
  const portal = usePortal({ env: { WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' } });
  let receiver: HookReceiver;
  let admin: Browser;

  beforeAll(async () => {
    admin = (await signedInPerson(portal, { isAdmin: true })).browser;
  });
  beforeEach(async () => {
    receiver = await HookReceiver.start();
  });
  afterEach(async () => {
    await receiver.close();
    await portal.dataSource.query('DELETE FROM support_webhook_deliveries');
    await portal.dataSource.query('DELETE FROM support_webhooks');
  });

  async function enqueue(event: 'ticket.created' | 'ticket.updated' | 'ticket.message' | 'ticket.merged', payload: object = TICKET): Promise<void> {
    const service = portal.app.get(WebhooksService);
    await portal.dataSource.transaction((tx) => service.enqueue(tx, event, payload));
  }

  it('are signed with the secret the administrator got once, with the contract’s headers and body', async () => {
    const hook = await createHook(admin, receiver.url);
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await admin.get(SupportRoutes.webhooks)).text).not.toContain(hook.secret);
    const row = (await portal.dataSource.getRepository(WebhookEntity).findOneBy({ id: hook.id })) as WebhookEntity;
    expect(row.secretSealed).not.toContain(hook.secret.slice(6));
    await enqueue('ticket.created');
    await portal.app.get(WebhooksService).sendDue();
    expect(receiver.received.length).toBe(1);
    const [got] = receiver.received;
    expect(signatureValid(got, hook.secret)).toBeTrue();
    expect(got.headers['passerelle-event']).toBe('ticket.created');
    expect(got.headers['content-type']).toBe('application/json');
    const body = JSON.parse(got.body);
    expect(body).toEqual({ id: got.headers['passerelle-delivery'], event: 'ticket.created', occurredAt: jasmine.any(String), ticket: TICKET.ticket });
    const log = await deliveries(admin, hook.id);
    expect(log[0]).toEqual(jasmine.objectContaining({ state: 'delivered', attempts: 1, lastStatus: 200, ticketNumber: 42 }));
    expect(await auditOf(portal.dataSource, 'support.webhook.created', hook.id)).toHaveSize(1);
  });

  it('retry with backoff: a receiver failing twice then succeeding gets three attempts as the clock moves', async () => {
    const hook = await createHook(admin, receiver.url);
    const service = portal.app.get(WebhooksService);
    const clock = new PortalClock(portal);
    receiver.answers = [500, 503];
    await enqueue('ticket.message', { ...TICKET, message: { id: 'm-1', body: 'Still down' } });
    await service.sendDue();
    let [delivery] = await deliveries(admin, hook.id);
    expect(delivery).toEqual(jasmine.objectContaining({ state: 'retrying', attempts: 1, lastStatus: 500, lastError: 'HTTP 500' }));
    expect(Date.parse(delivery.nextAttemptAt as string) - clock.now().getTime()).toBeGreaterThan(50_000);
    // Not due yet: nothing sent.
    await service.sendDue();
    expect(receiver.received.length).toBe(1);
    clock.advance(61_000);
    await service.sendDue();
    [delivery] = await deliveries(admin, hook.id);
    expect(delivery).toEqual(jasmine.objectContaining({ state: 'retrying', attempts: 2, lastStatus: 503 }));
    clock.advance(5 * 60_000 + 1000);
    await service.sendDue();
    [delivery] = await deliveries(admin, hook.id);
    expect(delivery).toEqual(jasmine.objectContaining({ state: 'delivered', attempts: 3, lastStatus: 200, lastError: null, nextAttemptAt: null }));
    expect(receiver.received.length).toBe(3);
    // The same delivery id and body every time, each validly signed.
    expect(new Set(receiver.received.map((r) => r.headers['passerelle-delivery'])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    expect(receiver.received.every((r) => signatureValid(r, hook.secret))).toBeTrue();
    const list = (await admin.get(SupportRoutes.webhooks)).json();
    expect(list[0].lastDelivery).toEqual(jasmine.objectContaining({ ok: true, status: 200 }));
  });

  it('end as failed after the last retry, and can be tried again by hand', async () => {
    const hook = await createHook(admin, receiver.url);
    const service = portal.app.get(WebhooksService);
    const clock = new PortalClock(portal);
    receiver.answers = Array(7).fill(500);
    await enqueue('ticket.created');
    for (let i = 0; i < 7; i++) {
      await service.sendDue();
      clock.advance(13 * 3600_000);
    }
    let [delivery] = await deliveries(admin, hook.id);
    expect(delivery).toEqual(jasmine.objectContaining({ state: 'failed', attempts: 7, nextAttemptAt: null }));
    const retry = await admin.postJson(SupportRoutes.retryDelivery(hook.id, delivery.id));
    expect(retry.status).toBe(202);
    await service.sendDue();
    [delivery] = await deliveries(admin, hook.id);
    expect(delivery.state).toBe('delivered');
  });

  it('rotate the secret: the old one stops at once', async () => {
    const hook = await createHook(admin, receiver.url);
    const rotated = await admin.postJson(SupportRoutes.webhookSecret(hook.id));
    expect(rotated.status).toBe(201);
    const secret = rotated.json().secret as string;
    expect(secret).not.toBe(hook.secret);
    await enqueue('ticket.created');
    await portal.app.get(WebhooksService).sendDue();
    expect(signatureValid(receiver.received[0], secret)).toBeTrue();
    expect(signatureValid(receiver.received[0], hook.secret)).toBeFalse();
  });

  it('send only the events a webhook subscribed to, only while active; ping on demand', async () => {
    const hook = await createHook(admin, receiver.url, ['ticket.merged']);
    const service = portal.app.get(WebhooksService);
    await enqueue('ticket.created');
    await enqueue('ticket.message');
    await enqueue('ticket.merged');
    await service.sendDue();
    expect(receiver.received.map((r) => r.headers['passerelle-event'])).toEqual(['ticket.merged']);
    expect((await admin.request(SupportRoutes.webhook(hook.id), { method: 'PUT', json: { url: receiver.url, events: ['ticket.merged'], active: false } })).status).toBe(200);
    await enqueue('ticket.merged');
    await service.sendDue();
    expect(receiver.received.length).toBe(1);
    const ping = await admin.postJson(SupportRoutes.webhookTest(hook.id));
    expect(ping.status).toBe(202);
    await service.sendDue();
    expect(receiver.received.map((r) => r.headers['passerelle-event'])).toEqual(['ticket.merged', 'ping']);
  });

  it('turned off, drop the retries still waiting, and refuse a retry until turned back on', async () => {
    const hook = await createHook(admin, receiver.url);
    const service = portal.app.get(WebhooksService);
    receiver.answers = [500];
    await enqueue('ticket.created');
    await service.sendDue();
    expect((await deliveries(admin, hook.id))[0].state).toBe('retrying');
    const off = await admin.request(SupportRoutes.webhook(hook.id), { method: 'PUT', json: { url: receiver.url, events: hook.events, active: false } });
    expect(off.status).toBe(200);
    new PortalClock(portal).advance(13 * 3600_000);
    await service.sendDue();
    expect(receiver.received.length).toBe(1);
    const log = await deliveries(admin, hook.id);
    expect(log.map((d) => [d.state, d.lastError])).toEqual([['failed', 'Not sent: the webhook was turned off']]);
    const refused = await admin.postJson(SupportRoutes.retryDelivery(hook.id, log[0].id));
    expect(refused.status).toBe(409);
    expect(refused.json().message).toContain('turned off');

    expect((await admin.request(SupportRoutes.webhook(hook.id), { method: 'PUT', json: { url: receiver.url, events: hook.events, active: true } })).status).toBe(200);
    expect((await admin.postJson(SupportRoutes.retryDelivery(hook.id, log[0].id))).status).toBe(202);
    await service.sendDue();
    expect(receiver.received.length).toBe(2);
  });

  it('validate what administrators send, and are for administrators only', async () => {
    const bad = await admin.postJson(SupportRoutes.webhooks, { url: 'ftp://example.com/x', events: ['ticket.exploded'] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json().fields)).toContain('events');
    const badUrl = await admin.postJson(SupportRoutes.webhooks, { url: 'ftp://example.com/x', events: ['ticket.created'] });
    expect(badUrl.status).toBe(400);
    expect(badUrl.json().fields.url).toBeDefined();
    const { browser: employee } = await signedInPerson(portal);
    expect((await employee.get(SupportRoutes.webhooks)).status).toBe(403);
    expect((await employee.postJson(SupportRoutes.webhooks, { url: receiver.url, events: ['ticket.created'] })).status).toBe(403);
    expect((await admin.get(SupportRoutes.webhookDeliveries('00000000-0000-0000-0000-000000000000'))).status).toBe(404);
    const hook = await createHook(admin, receiver.url);
    expect((await admin.request(SupportRoutes.webhook(hook.id), { method: 'DELETE' })).status).toBe(204);
    expect((await admin.get(SupportRoutes.webhooks)).json()).toEqual([]);
  });
});

describe('Support webhooks without WEBHOOK_ALLOW_PRIVATE', () => {
  const portal = usePortal();

  it('refuse http:// and private addresses when saved, and private addresses a name resolves to when sent', async () => {
    const { browser: admin } = await signedInPerson(portal, { isAdmin: true });
    for (const url of ['http://127.0.0.1:9/hook', 'https://127.0.0.1/hook', 'https://10.0.0.5/hook', 'https://[::1]/hook', 'https://localhost/hook']) {
      const response = await admin.postJson(SupportRoutes.webhooks, { url, events: ['ticket.created'] });
      expect(response.status).withContext(url).toBe(400);
      expect(response.json().fields.url).withContext(url).toBeDefined();
    }
    const service = portal.app.get(WebhooksService);
    service.resolve = async () => [{ address: '169.254.169.254', family: 4 }];
    const hook = await admin.postJson(SupportRoutes.webhooks, { url: 'https://hooks.example.com/p', events: ['ticket.created'] });
    expect(hook.status).toBe(201);
    await portal.dataSource.transaction((tx) => service.enqueue(tx, 'ticket.created', TICKET));
    await service.sendDue();
    const [delivery] = (await admin.get(SupportRoutes.webhookDeliveries(hook.json().id))).json().items as WebhookDeliveryView[];
    expect(delivery.state).toBe('retrying');
    expect(delivery.lastError).toContain('Address not allowed');
    expect(delivery.lastError).toContain('link-local');
  });
});
