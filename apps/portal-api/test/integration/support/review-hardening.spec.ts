import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SupportRoutes } from '@passerelle/contracts';
import { encodeCursor } from '../../../src/app/support/support-rules';
import { WebhookDeliveryEntity } from '../../../src/app/support/webhooks/entities/webhook-delivery.entity';
import { sendWebhook } from '../../../src/app/support/webhooks/webhook-send';
import { WebhooksService } from '../../../src/app/support/webhooks/webhooks.service';
import { parseAllowList } from '../../../src/infra/net/address-guard';
import { fromSite, HookReceiver, registeredApp, SAMPLES, upload, widgetToken } from '../../support/support-edge';
import { fileTicket, filed, plainCategory, request, supportUser } from '../../support/support';
import { usePortal } from '../../support/test-portal';

/**
 * The reviewer's checks: odd inputs over HTTP are 400s with field messages (never a 500), and a
 * widget token never carries its holder's agent rights.
 */
describe('Support API under odd input', () => {
  const portal = usePortal();

  it('answers odd requester bodies, queries and ids with 4xx, never 500', async () => {
    const { browser } = await supportUser(portal);
    const category = await plainCategory(browser);
    const valid = { requestId: randomUUID(), categoryId: category.id, subject: 'Printer', description: 'Blank pages', urgency: 'normal' };
    const ticket = await filed(browser);
    const bodies: unknown[] = [
      [],
      'text',
      42,
      { ...valid, requestId: 123 },
      { ...valid, subject: ['a'] },
      { ...valid, subject: 'x'.repeat(5000) },
      { ...valid, description: { a: 1 } },
      { ...valid, urgency: null },
      { ...valid, categoryId: {} },
      { ...valid, categoryId: 'a'.repeat(64) },
      { ...valid, fields: [] },
      { ...valid, fields: { nothing: { deep: 1 } } },
      { ...valid, fields: 'x' },
      { ...valid, attachmentIds: 'x' },
      { ...valid, attachmentIds: [1] },
      { ...valid, attachmentIds: ['../../../etc/passwd'] },
      { ...valid, attachmentIds: [randomUUID()] },
      { ...valid, context: [] },
      { ...valid, context: 'x' },
      { ...valid, subject: 'a\u0000b' },
      { ...valid, unknown: true },
    ];
    for (const raw of bodies) {
      // A fresh requestId each time: a retry of a filed draft answers the first ticket, whatever it says.
      const body = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'requestId' in raw && typeof raw.requestId === 'string' ? { ...raw, requestId: randomUUID() } : raw;
      const answer = await request(browser, 'POST', SupportRoutes.tickets, body);
      expect(answer.status).withContext(`POST tickets ${JSON.stringify(body).slice(0, 120)} → ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).withContext(`POST tickets ${JSON.stringify(body).slice(0, 120)} → ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    }
    // The context is informative: odd values are dropped (and a foreign page URL flagged), never refused.
    const oddContext = await request(browser, 'POST', SupportRoutes.tickets, { ...valid, requestId: randomUUID(), context: { pageUrl: 5, userAgent: { a: 1 }, clientTime: 'x'.repeat(10_000) } });
    expect(oddContext.status).toBe(201);
    expect(oddContext.json().ticket.context).toEqual(jasmine.objectContaining({ pageUrlRejected: true, clientTime: 'x'.repeat(500) }));
    const queries = [
      `?cursor=${encodeCursor('not a date', 'x')}`,
      `?cursor=${encodeCursor(new Date().toISOString(), 'a\u0000b')}`,
      `?cursor=${encodeCursor(12, 'x')}`,
      '?cursor=%21%21%21',
      '?cursor=a&cursor=b',
      '?limit=abc',
      '?limit=0',
      '?limit=100000',
      '?status=nope',
      '?status=new&status=closed',
    ];
    for (const query of queries) {
      const answer = await browser.get(`${SupportRoutes.tickets}${query}`);
      expect(answer.status).withContext(`GET tickets${query} → ${answer.text.slice(0, 200)}`).toBe(400);
    }
    for (const id of ['x', '%00', 'a'.repeat(3000), '..%2F..%2Fetc', randomUUID()]) {
      for (const path of [SupportRoutes.ticket(id), SupportRoutes.attachment(id)]) {
        const answer = await browser.get(path);
        expect(answer.status).withContext(`GET ${path.slice(0, 80)} → ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(answer.status).withContext(`GET ${path.slice(0, 80)} → ${answer.text.slice(0, 200)}`).toBeLessThan(500);
      }
    }
    for (const body of [{ body: ['a'] }, { body: null }, { body: 'ok', attachmentIds: [null] }, { body: 'ok', attachmentIds: {} }, { body: 'x'.repeat(20_000) }]) {
      const answer = await request(browser, 'POST', SupportRoutes.ticketMessages(ticket.id), body);
      expect(answer.status).withContext(`POST messages ${JSON.stringify(body).slice(0, 80)} → ${answer.text.slice(0, 200)}`).toBe(400);
    }
  });

  it('answers odd agent and administrator input with 4xx, never 500', async () => {
    const requester = await supportUser(portal);
    const admin = await supportUser(portal, { isAdmin: true });
    const ticket = await filed(requester.browser);
    const queries = [
      `?cursor=${encodeCursor('not a date', 'x')}`,
      `?cursor=${encodeCursor(new Date().toISOString(), 'a\u0000b')}`,
      '?breached=maybe',
      '?assignee=%00',
      '?limit=-1',
      '?status=open&status=new',
    ];
    for (const query of queries) {
      const answer = await admin.browser.get(`${SupportRoutes.queue}${query}`);
      expect(answer.status).withContext(`GET queue${query} → ${answer.text.slice(0, 200)}`).toBe(400);
    }
    const checks: Array<[string, string, unknown]> = [
      ['PATCH', SupportRoutes.queueTicket(ticket.id), { assigneeId: 5 }],
      ['PATCH', SupportRoutes.queueTicket(ticket.id), { assigneeId: randomUUID() }],
      ['PATCH', SupportRoutes.queueTicket(ticket.id), { status: 'nope' }],
      ['PATCH', SupportRoutes.queueTicket(ticket.id), { categoryId: 'nope' }],
      ['PATCH', SupportRoutes.queueTicket(ticket.id), []],
      ['POST', SupportRoutes.queueMessages(ticket.id), { body: 'x', internal: 'yes' }],
      ['POST', SupportRoutes.queueMessages(ticket.id), { body: 'x', status: 'gone' }],
      ['POST', SupportRoutes.merge(ticket.id), { intoId: ticket.id }],
      ['POST', SupportRoutes.merge(ticket.id), { intoId: 5 }],
      ['POST', SupportRoutes.merge(ticket.id), { intoId: randomUUID() }],
      ['PUT', SupportRoutes.settings, { sla: 'x', reopenDays: 1 }],
      ['PUT', SupportRoutes.settings, { sla: [{ urgency: 'low', firstResponseMinutes: 1e20, resolutionMinutes: 1e21 }], reopenDays: 1.5 }],
      ['PUT', SupportRoutes.settings, { sla: [null], reopenDays: 1 }],
      ['POST', SupportRoutes.categories, { name: 'x', fields: [{ key: 'a', label: 'A', type: 'select', required: false, options: 'x' }] }],
      ['POST', SupportRoutes.categories, { name: 'x', fields: [null] }],
      ['POST', SupportRoutes.categories, { name: 'x', fields: 'x' }],
      ['POST', SupportRoutes.categories, { name: 'x', position: 1e20 }],
      ['PUT', SupportRoutes.category('nope'), { name: 'x' }],
      ['DELETE', SupportRoutes.category('nope'), undefined],
      ['POST', SupportRoutes.cannedReplies, { title: 5, body: 'x' }],
      ['PUT', SupportRoutes.cannedReply('nope'), { title: 'x', body: 'x' }],
      ['POST', SupportRoutes.webhooks, { url: 5, events: ['ticket.created'] }],
      ['POST', SupportRoutes.webhooks, { url: 'https://example.com/h', events: 'ticket.created' }],
      ['POST', SupportRoutes.webhooks, { url: 'https://example.com/h', events: [null] }],
      ['POST', SupportRoutes.webhooks, { url: 'javascript:alert(1)', events: ['ticket.created'] }],
      ['POST', SupportRoutes.webhooks, { url: 'https://example.com/h', events: ['ticket.created'], active: 'yes' }],
      ['PUT', SupportRoutes.webhook('nope'), { url: 'https://example.com/h', events: ['ticket.created'] }],
      ['GET', `${SupportRoutes.webhookDeliveries(randomUUID())}?cursor=a&cursor=b`, undefined],
      ['POST', SupportRoutes.retryDelivery(randomUUID(), 'x'), undefined],
    ];
    for (const [method, path, body] of checks) {
      const answer = await request(admin.browser, method, path, body);
      expect(answer.status).withContext(`${method} ${path} ${JSON.stringify(body)} → ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status).withContext(`${method} ${path} ${JSON.stringify(body)} → ${answer.text.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it('numbers twenty tickets filed at the same moment without a failure, a gap or a duplicate', async () => {
    const { browser } = await supportUser(portal);
    const categoryId = (await plainCategory(browser)).id;
    const answers = await Promise.all(Array.from({ length: 20 }, () => fileTicket(browser, { categoryId })));
    expect(answers.map((a) => a.status)).withContext(answers.find((a) => a.status !== 201)?.text ?? '').toEqual(Array.from({ length: 20 }, () => 201));
    const numbers = answers.map((a) => a.json().ticket.number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(20);
    expect(numbers[19] - numbers[0]).toBe(19);
  });

  it('counts refused uploads in the upload rate limit, before reading their bytes', async () => {
    const { browser } = await supportUser(portal);
    const junk = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0)]);
    for (let i = 0; i < 40; i++) expect((await upload(portal, browser, junk, 'tool.exe')).status).toBe(415);
    const next = await upload(portal, browser, SAMPLES.text, 'notes.txt');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('never deadlocks two agents merging two tickets into each other at once', async () => {
    const requester = await supportUser(portal);
    const agents = [await supportUser(portal, { support: true }), await supportUser(portal, { support: true })];
    for (let round = 0; round < 5; round++) {
      const a = await filed(requester.browser);
      const b = await filed(requester.browser);
      const answers = await Promise.all([
        request(agents[0].browser, 'POST', SupportRoutes.merge(a.id), { intoId: b.id }),
        request(agents[1].browser, 'POST', SupportRoutes.merge(b.id), { intoId: a.id }),
      ]);
      expect(answers.map((r) => r.status).sort()).withContext(answers.map((r) => r.text.slice(0, 160)).join(' | ')).toEqual([200, 409]);
    }
  });

  it('gives an agent’s widget token no agent rights over other people’s attachments', async () => {
    const site = await registeredApp(portal);
    const requester = await supportUser(portal);
    const agent = await supportUser(portal, { support: true });
    const cookie = requester.browser.jar.headerFor(new URL(portal.at(SupportRoutes.attachments))) as string;
    const uploaded = await fromSite(portal, SupportRoutes.attachments, {
      headers: { cookie, origin: new URL(portal.url).origin, 'content-type': 'application/octet-stream', 'x-file-name': 'notes.txt' },
      body: Buffer.from(SAMPLES.text),
    });
    expect(uploaded.status).toBe(201);
    await filed(requester.browser, { attachmentIds: [uploaded.json().id] });
    // In the console (cookie) the agent may download it…
    expect((await agent.browser.get(SupportRoutes.attachment(uploaded.json().id))).status).toBe(200);
    // …but the widget's token, which a registered app's page holds, opens only the agent's own things.
    const { token } = await widgetToken(agent.browser, site.origin);
    const viaToken = await fromSite(portal, SupportRoutes.attachment(uploaded.json().id), { token, origin: site.origin });
    expect(viaToken.status).toBe(404);
    const own = await upload(portal, { token, origin: site.origin }, SAMPLES.text, 'mine.txt');
    expect((await fromSite(portal, SupportRoutes.attachment(own.json().id), { token, origin: site.origin })).status).toBe(200);
  });
});

describe('Support webhooks with a receiver that hangs', () => {
  const portal = usePortal({ env: { WEBHOOK_ALLOW_PRIVATE: '127.0.0.1' } });

  it('delay only that receiver’s deliveries, never another receiver’s', async () => {
    const admin = await supportUser(portal, { isAdmin: true });
    const sockets = new Set<import('node:net').Socket>();
    // Reads the request and never answers (until closed): every attempt waits for the 10 s timeout.
    const hanging = http.createServer(() => undefined);
    hanging.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const good = await HookReceiver.start();
    try {
      const create = async (url: string) => (await request(admin.browser, 'POST', SupportRoutes.webhooks, { url, events: ['ticket.created'] })).json().id as string;
      const slowId = await create(`http://127.0.0.1:${(hanging.address() as AddressInfo).port}/hook`);
      const goodId = await create(good.url);
      const service = portal.app.get(WebhooksService);
      const earlier = new Date(Date.now() - 10 * 60_000);
      await portal.dataSource.transaction(async (tx) => {
        for (let i = 1; i <= 3; i++) await service.enqueue(tx, 'ticket.created', { ticket: { id: `t-${i}`, number: i } });
        // The hanging receiver's deliveries come first in the queue.
        await tx.update(WebhookDeliveryEntity, { webhookId: slowId }, { nextAttemptAt: earlier });
      });
      const pass = service.sendDue();
      const deadline = Date.now() + 4000;
      while (good.received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(good.received.length).withContext('deliveries to the healthy receiver within 4 s').toBe(3);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      await pass;
      const states = await portal.dataSource.getRepository(WebhookDeliveryEntity).findBy({ webhookId: goodId });
      expect(states.map((d) => d.state)).toEqual(['delivered', 'delivered', 'delivered']);
    } finally {
      for (const socket of sockets) socket.destroy();
      hanging.close();
      await good.close();
    }
  });
});

describe('Sending a webhook', () => {
  it('gives up within its timeout when the host name never resolves', async () => {
    const started = Date.now();
    const outcome = await sendWebhook({ url: 'https://hangs.example.com/hook', body: '{}', headers: {}, allow: parseAllowList([]), resolve: () => new Promise(() => undefined), timeoutMs: 300 });
    expect(outcome.ok).toBeFalse();
    expect(Date.now() - started).toBeLessThan(2000);
  }, 5000);
});
