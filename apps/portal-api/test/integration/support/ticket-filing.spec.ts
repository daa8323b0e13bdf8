import { randomUUID } from 'node:crypto';
import { SupportRoutes, SupportWebRoutes } from '@passerelle/contracts';
import { TicketEntity } from '../../../src/app/support/entities/ticket.entity';
import { fileTicket, filed, formOptions, plainCategory, request, supportUser, type SignedIn } from '../../support/support';
import { Browser, signInThroughInteraction } from '../../support/oidc-rp';
import { fromSite, registeredApp, upload, widgetToken } from '../../support/support-edge';
import { createSsoApp, grantApp } from '../../support/catalog';
import { mailsTo } from '../../support/guests';
import { usePortal } from '../../support/test-portal';

/** Filing tickets: validation of every field, idempotent submission, context, and who may see what. */
describe('Filing a support ticket', () => {
  const portal = usePortal();
  let requester: SignedIn;
  let other: SignedIn;
  let admin: SignedIn;

  beforeAll(async () => {
    [requester, other, admin] = [await supportUser(portal, { name: 'Rémi Requester' }), await supportUser(portal, { name: 'Olga Other' }), await supportUser(portal, { isAdmin: true, name: 'Ada Admin' })];
  });

  it('files a ticket with the context the server knows, and shows it only to its requester', async () => {
    const response = await fileTicket(requester.browser, {
      subject: '<b>Printer</b>',
      context: { pageUrl: `${portal.url}/apps`, userAgent: 'x'.repeat(900), browser: 'Chrome 156', screen: '1920×1080', unknownKey: 'dropped' } as never,
    });
    expect(response.status).toBe(201);
    const { ticket, created } = response.json();
    expect(created).toBeTrue();
    expect(ticket.number).toBeGreaterThan(0);
    expect(ticket.status).toBe('new');
    expect(ticket.subject).toBe('<b>Printer</b>');
    expect(ticket.context.pageUrl).toBe(`${portal.url}/apps`);
    expect(ticket.context.userAgent.length).toBe(500);
    expect(ticket.context.unknownKey).toBeUndefined();
    expect(ticket.context.origin).toBe(new URL(portal.url).origin);
    expect(ticket.context.app).toBeNull();
    expect(ticket.context.signInProblems).toEqual([]);

    expect((await requester.browser.get(SupportRoutes.ticket(ticket.id))).status).toBe(200);
    for (const [method, path] of [
      ['GET', SupportRoutes.ticket(ticket.id)],
      ['POST', SupportRoutes.ticketMessages(ticket.id)],
      ['POST', SupportRoutes.reopen(ticket.id)],
      ['POST', SupportRoutes.resolve(ticket.id)],
    ] as const) {
      const answer = await request(other.browser, method, path, method === 'POST' ? { body: 'Hello' } : undefined);
      expect(answer.status).withContext(`${method} ${path}`).toBe(404);
    }
    const mine = (await other.browser.get(SupportRoutes.tickets)).json();
    expect(mine.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
  });

  it('takes the app from the widget token’s origin when filed from another site', async () => {
    const app = await registeredApp(portal);
    const { token } = await widgetToken(requester.browser, app.origin);
    const categoryId = (await plainCategory(requester.browser)).id;
    const body = { requestId: randomUUID(), categoryId, subject: 'Helpdesk shows an error', description: 'Error 42', urgency: 'high', context: { pageUrl: `${app.origin}/tickets/9`, browser: 'Firefox 150' } };
    const answer = await fromSite(portal, SupportRoutes.tickets, { token, origin: app.origin, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(answer.status).withContext(answer.text).toBe(201);
    const ticket = answer.json().ticket;
    expect(ticket.app).toEqual({ id: app.id, name: app.name });
    expect(ticket.context.origin).toBe(app.origin);
    expect(ticket.context.pageUrl).toBe(`${app.origin}/tickets/9`);
    // The widget token never opens the queue.
    expect((await fromSite(portal, SupportRoutes.queue, { token, origin: app.origin })).status).toBe(401);
  });

  it('lets the person say which of their apps it is about, and only one of theirs', async () => {
    const { app } = await createSsoApp(portal.app, { name: 'Payroll (granted)', visibility: 'groups', groupIds: [], sso: { redirectUris: ['http://127.0.0.1:9/callback'] } });
    await grantApp(portal.app, app.id, requester.person.id);
    expect((await formOptions(requester.browser)).apps).toContain({ id: app.id, name: 'Payroll (granted)' });
    expect((await formOptions(other.browser)).apps.map((a) => a.id)).not.toContain(app.id);

    const ticket = await filed(requester.browser, { appId: app.id });
    expect(ticket.app).toEqual({ id: app.id, name: 'Payroll (granted)' });
    expect(ticket.context.app).toEqual({ id: app.id, name: 'Payroll (granted)' });

    // Not one of theirs, or no app at all: refused by name, nothing filed.
    for (const appId of [app.id, 'no-such-app']) {
      const refused = await fileTicket(other.browser, { appId });
      expect(refused.status).withContext(appId).toBe(400);
      expect(refused.json().fields.appId).toEqual(['Choose one of your apps from the list.']);
    }
  });

  it('takes the app from inside the app over the one named in the form', async () => {
    const embedded = await registeredApp(portal);
    const { token } = await widgetToken(requester.browser, embedded.origin);
    const options = await fromSite(portal, SupportRoutes.options, { token, origin: embedded.origin });
    expect(options.json().app).toEqual({ id: embedded.id, name: embedded.name });
    expect(options.json().apps).toEqual([]);
    const categoryId = (await plainCategory(requester.browser)).id;
    const body = { requestId: randomUUID(), categoryId, subject: 'Stuck', description: 'Spinner forever', urgency: 'normal', appId: 'anything-else' };
    const answer = await fromSite(portal, SupportRoutes.tickets, { token, origin: embedded.origin, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(answer.status).withContext(answer.text).toBe(201);
    expect(answer.json().ticket.app).toEqual({ id: embedded.id, name: embedded.name });
  });

  it('drops a page URL that is not on the request’s origin, and flags it', async () => {
    const ticket = await filed(requester.browser, { context: { pageUrl: 'https://evil.example/phish' } });
    expect(ticket.context.pageUrl).toBeUndefined();
    expect(ticket.context.pageUrlRejected).toBeTrue();
  });

  it('attaches the person’s recent failed sign-ins', async () => {
    // A wrong password for this person, through the real sign-in.
    await signInThroughInteraction(new Browser(portal.url), `${portal.url}/api/auth/sign-in`, { email: requester.person.email, password: 'wrong-password-123' }).catch(() => undefined);
    const options = await formOptions(requester.browser);
    expect(options.signInProblems.length).toBeGreaterThan(0);
    expect(options.signInProblems[0]).toEqual(jasmine.objectContaining({ kind: 'auth.password', summary: 'Wrong password' }));
    const ticket = await filed(requester.browser);
    expect(ticket.context.signInProblems.length).toBeGreaterThan(0);
  });

  it('refuses each invalid field with a 400 naming it', async () => {
    const category = await plainCategory(requester.browser);
    const cases: Array<[object, string]> = [
      [{ subject: '' }, 'subject'],
      [{ subject: 'x'.repeat(161) }, 'subject'],
      [{ description: '   ' }, 'description'],
      [{ description: 'x'.repeat(10_001) }, 'description'],
      [{ urgency: 'whenever' }, 'urgency'],
      [{ categoryId: randomUUID() }, 'categoryId'],
      [{ requestId: 'x'.repeat(101) }, 'requestId'],
      [{ fields: { nope: 'x' }, categoryId: category.id }, 'fields.nope'],
      [{ attachmentIds: [randomUUID()] }, 'attachmentIds'],
      [{ appId: 42 }, 'appId'],
      [{ appId: 'x'.repeat(200) }, 'appId'],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [input, field] of cases) {
      const response = await fileTicket(requester.browser, input);
      expect(response.status).withContext(field).toBe(400);
      expect(Object.keys(response.json().fields ?? {})).withContext(JSON.stringify(input).slice(0, 80)).toContain(field);
    }
  });

  it('checks the category’s own fields: required, choices, and archived categories', async () => {
    const created = await admin.browser.postJson(SupportRoutes.categories, {
      name: 'Laptop',
      fields: [
        { key: 'model', label: 'Model', type: 'select', required: true, options: ['ThinkPad', 'MacBook'] },
        { key: 'asset', label: 'Asset tag', type: 'text', required: false },
        { key: 'broken', label: 'It is broken', type: 'checkbox', required: false },
      ],
    });
    expect(created.status).toBe(201);
    const laptop = created.json();
    const missing = await fileTicket(requester.browser, { categoryId: laptop.id });
    expect(missing.status).toBe(400);
    expect(missing.json().fields['fields.model']).toBeDefined();
    const wrongChoice = await fileTicket(requester.browser, { categoryId: laptop.id, fields: { model: 'Toaster' } });
    expect(wrongChoice.json().fields['fields.model']).toBeDefined();
    const wrongType = await fileTicket(requester.browser, { categoryId: laptop.id, fields: { model: 'ThinkPad', broken: 'yes' } });
    expect(wrongType.json().fields['fields.broken']).toBeDefined();
    const ok = await filed(requester.browser, { categoryId: laptop.id, fields: { model: 'ThinkPad', asset: ' A-12 ', broken: true } });
    expect(ok.fields).toEqual([
      { key: 'model', label: 'Model', value: 'ThinkPad' },
      { key: 'asset', label: 'Asset tag', value: 'A-12' },
      { key: 'broken', label: 'It is broken', value: true },
    ]);

    expect((await admin.browser.request(SupportRoutes.category(laptop.id), { method: 'PUT', json: { name: 'Laptop', archived: true, fields: laptop.fields } })).status).toBe(200);
    const archived = await fileTicket(requester.browser, { categoryId: laptop.id, fields: { model: 'ThinkPad' } });
    expect(archived.status).toBe(400);
    expect(archived.json().fields['categoryId']).toBeDefined();
    expect((await formOptions(requester.browser)).categories.map((c) => c.id)).not.toContain(laptop.id);
    // Used by a ticket: can't be deleted, only archived.
    const refused = await admin.browser.request(SupportRoutes.category(laptop.id), { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect(refused.json().message).toMatch(/archive/i);
  });

  it('files once for one requestId: a retry and five concurrent submits all get the first ticket', async () => {
    const requestId = randomUUID();
    const first = await fileTicket(requester.browser, { requestId });
    expect(first.status).toBe(201);
    const retry = await fileTicket(requester.browser, { requestId });
    expect(retry.status).toBe(200);
    expect(retry.json().created).toBeFalse();
    expect(retry.json().ticket.id).toBe(first.json().ticket.id);

    const concurrentId = randomUUID();
    const categoryId = (await plainCategory(requester.browser)).id;
    const answers = await Promise.all(Array.from({ length: 5 }, () => fileTicket(requester.browser, { requestId: concurrentId, categoryId })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().ticket.id)).size).toBe(1);
    expect(await portal.dataSource.getRepository(TicketEntity).countBy({ requestId: concurrentId })).toBe(1);
  });

  it('mails the requester one receipt with the number and a link, also when the submit is repeated', async () => {
    const person = await supportUser(portal, { name: 'Mona Mail' });
    const requestId = randomUUID();
    const categoryId = (await plainCategory(person.browser)).id;
    const answers = await Promise.all(Array.from({ length: 3 }, () => fileTicket(person.browser, { requestId, categoryId, subject: 'VPN drops every hour' })));
    const ticket = answers.find((a) => a.status === 201)?.json().ticket;
    expect(ticket).withContext(answers.map((a) => a.status).join(',')).toBeDefined();

    const mails = await mailsTo(portal.dataSource, person.person.email);
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toBe(`Ticket #${ticket.number} received: VPN drops every hour`);
    expect(mails[0].textBody).toContain(`${portal.url}${SupportWebRoutes.myTicket(ticket.id)}`);
    expect(mails[0].textBody).toContain('by email');
  });

  it('numbers tickets of different people filed at once without gaps or duplicates', async () => {
    const categoryId = (await plainCategory(requester.browser)).id;
    const answers = await Promise.all([requester, other, admin, requester, other].map((p) => fileTicket(p.browser, { categoryId })));
    expect(answers.every((a) => a.status === 201)).toBeTrue();
    const numbers = answers.map((a) => a.json().ticket.number as number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(5);
    expect(numbers[4] - numbers[0]).toBe(4);
  });

  it('lets guests file tickets too', async () => {
    const guest = await supportUser(portal, { guest: true, name: 'Gaston Guest' });
    const ticket = await filed(guest.browser);
    expect((await guest.browser.get(SupportRoutes.ticket(ticket.id))).status).toBe(200);
    expect((await guest.browser.get(SupportRoutes.queue)).status).toBe(403);
  });

  it('serves an attachment to the requester and never to someone else', async () => {
    const uploaded = await upload(portal, requester.browser, 'Steps:\n1. open\n2. crash\n', 'steps.txt');
    expect(uploaded.status).toBe(201);
    const attachmentId = uploaded.json().id;
    // Not sent yet: only its uploader.
    expect((await other.browser.get(SupportRoutes.attachment(attachmentId))).status).toBe(404);
    expect((await requester.browser.get(SupportRoutes.attachment(attachmentId))).status).toBe(200);
    const ticket = await filed(requester.browser, { attachmentIds: [attachmentId] });
    expect(ticket.attachments.map((a: { id: string }) => a.id)).toEqual([attachmentId]);
    const download = await requester.browser.get(SupportRoutes.attachment(attachmentId));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await other.browser.get(SupportRoutes.attachment(attachmentId))).status).toBe(404);
    expect((await admin.browser.get(SupportRoutes.attachment(attachmentId))).status).toBe(200);
    // Already used: can't be claimed again by another ticket.
    const again = await fileTicket(requester.browser, { attachmentIds: [attachmentId] });
    expect(again.status).toBe(400);
    expect(again.json().fields['attachmentIds']).toBeDefined();
  });

  it('slows down a flood of tickets with 429 and Retry-After', async () => {
    const flooder = await supportUser(portal, { name: 'Fred Flood' });
    const categoryId = (await plainCategory(flooder.browser)).id;
    for (let i = 0; i < 20; i++) expect((await fileTicket(flooder.browser, { categoryId })).status).toBe(201);
    const refused = await fileTicket(flooder.browser, { categoryId });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
