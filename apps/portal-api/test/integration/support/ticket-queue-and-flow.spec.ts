import { AlertRoutes, SupportRoutes } from '@passerelle/contracts';
import { DAY_MS, HOUR_MS, mailsTo, PortalClock } from '../../support/guests';
import { closeResolvedTickets, filed, request, supportUser, type SignedIn } from '../../support/support';
import { usePortal } from '../../support/test-portal';

/** The support side and the life of a ticket: queue, replies and notes, notifications, reopen window, auto-close, merge, SLA. */
describe('Working a support ticket', () => {
  const portal = usePortal();
  let requester: SignedIn;
  let agent: SignedIn;
  let employee: SignedIn;
  let admin: SignedIn;
  let clock: PortalClock;

  beforeAll(async () => {
    requester = await supportUser(portal, { name: 'Rose Requester' });
    agent = await supportUser(portal, { name: 'Alain Agent', support: true });
    employee = await supportUser(portal, { name: 'Eve Employee' });
    admin = await supportUser(portal, { name: 'Ada Admin', isAdmin: true });
  });

  beforeEach(() => {
    clock = new PortalClock(portal);
  });

  it('keeps the queue, canned replies and admin settings to the right people', async () => {
    for (const path of [SupportRoutes.queue, SupportRoutes.queueOptions, SupportRoutes.cannedReplies]) {
      expect((await employee.browser.get(path)).status).withContext(path).toBe(403);
      expect((await agent.browser.get(path)).status).withContext(path).toBe(200);
      expect((await admin.browser.get(path)).status).withContext(path).toBe(200);
    }
    expect((await agent.browser.get(SupportRoutes.settings)).status).toBe(403);
    expect((await agent.browser.get(SupportRoutes.categories)).status).toBe(403);
    const ticket = await filed(requester.browser);
    expect((await employee.browser.get(SupportRoutes.queueTicket(ticket.id))).status).toBe(403);
    expect((await employee.browser.postJson(SupportRoutes.queueMessages(ticket.id), { body: 'hi' })).status).toBe(403);
  });

  it('answers: first response, status, internal notes hidden, and the requester told on the dashboard and by mail', async () => {
    const ticket = await filed(requester.browser, { subject: 'VPN drops every hour', urgency: 'urgent' });
    const agentAlerts = (await agent.browser.get(AlertRoutes.mine)).json();
    const newTicket = (agentAlerts.items ?? agentAlerts).find((a: { title: string }) => a.title === `New ticket #${ticket.number}`);
    expect(newTicket).withContext(JSON.stringify(agentAlerts).slice(0, 300)).toBeDefined();
    expect(newTicket.severity).toBe('critical');
    const queue = (await agent.browser.get(`${SupportRoutes.queue}?status=open&q=vpn`)).json();
    expect(queue.items).withContext(JSON.stringify(queue)).toBeDefined();
    expect(queue.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const row = queue.items.find((t: { id: string }) => t.id === ticket.id);
    expect(row.awaitingSupport).toBeTrue();
    expect(row.requester.name).toBe('Rose Requester');

    const note = await agent.browser.postJson(SupportRoutes.queueMessages(ticket.id), { body: 'Probably the DHCP lease', internal: true });
    expect(note.status).toBe(201);
    expect(note.json().status).toBe('new');
    expect(note.json().sla.firstResponseAt).toBeNull();

    const reply = await agent.browser.postJson(SupportRoutes.queueMessages(ticket.id), { body: 'Can you try *restarting* <the> client?', status: 'waiting' });
    expect(reply.status).toBe(201);
    const agentView = reply.json();
    expect(agentView.status).toBe('waiting');
    expect(agentView.sla.firstResponseAt).not.toBeNull();
    expect(agentView.messages.map((m: { kind: string }) => m.kind)).toEqual(['note', 'message', 'event']);

    expect((await requester.browser.get(SupportRoutes.unread)).json().unread).toBe(1);
    const seen = (await requester.browser.get(SupportRoutes.ticket(ticket.id))).json();
    expect(seen.messages.some((m: { kind: string }) => m.kind === 'note')).toBeFalse();
    expect(seen.messages.find((m: { kind: string }) => m.kind === 'message').body).toBe('Can you try *restarting* <the> client?');
    expect(seen.messages.find((m: { kind: string }) => m.kind === 'event').event).toEqual({ type: 'status', value: 'waiting' });
    expect((await requester.browser.get(SupportRoutes.unread)).json().unread).toBe(0);

    const alerts = (await requester.browser.get(AlertRoutes.mine)).json();
    const alert = (alerts.items ?? alerts).find((a: { title: string }) => a.title.includes(`#${ticket.number}`));
    expect(alert).withContext(JSON.stringify(alerts).slice(0, 300)).toBeDefined();
    expect(alert.link).toBe(`${portal.url}/support/tickets/${ticket.id}`);
    const mails = await mailsTo(portal.dataSource, requester.person.email);
    expect(mails.some((m) => m.subject.includes(`#${ticket.number}`) && m.textBody.includes('restarting'))).toBeTrue();
    expect(mails.some((m) => m.textBody.includes('DHCP'))).toBeFalse();

    // The requester answers: back to support.
    const answer = await requester.browser.postJson(SupportRoutes.ticketMessages(ticket.id), { body: 'Still dropping.' });
    expect(answer.status).toBe(201);
    expect(answer.json().status).toBe('in_progress');
    expect((await agent.browser.get(SupportRoutes.queue)).json().items.find((t: { id: string }) => t.id === ticket.id).awaitingSupport).toBeTrue();

    // The requester says it's solved.
    const resolved = await requester.browser.postJson(SupportRoutes.resolve(ticket.id));
    expect(resolved.status).toBe(200);
    expect(resolved.json().status).toBe('resolved');
  });

  it('changes status, urgency, assignee and category, each as an event; assignees must be agents', async () => {
    const ticket = await filed(requester.browser);
    const refused = await request(agent.browser, 'PATCH', SupportRoutes.queueTicket(ticket.id), { assigneeId: employee.person.id });
    expect(refused.status).toBe(400);
    expect(refused.json().fields['assigneeId']).toBeDefined();
    const changed = await request(agent.browser, 'PATCH', SupportRoutes.queueTicket(ticket.id), { assigneeId: agent.person.id, urgency: 'urgent', status: 'in_progress' });
    expect(changed.status).toBe(200);
    const view = changed.json();
    expect(view.assignee.id).toBe(agent.person.id);
    expect(view.urgency).toBe('urgent');
    expect(view.messages.filter((m: { kind: string }) => m.kind === 'event').map((m: { event: { type: string } }) => m.event.type)).toEqual(['status', 'urgency', 'assignee']);
    const mine = (await agent.browser.get(`${SupportRoutes.queue}?assignee=me`)).json();
    expect(mine.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const unassigned = (await agent.browser.get(`${SupportRoutes.queue}?assignee=unassigned&urgency=urgent`)).json();
    expect(unassigned.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);
  });

  it('reopens within the window only, and closes resolved tickets by themselves after it', async () => {
    const ticket = await filed(requester.browser);
    await agent.browser.postJson(SupportRoutes.queueMessages(ticket.id), { body: 'Fixed on our side.', status: 'resolved' });
    let view = (await requester.browser.get(SupportRoutes.ticket(ticket.id))).json();
    expect(view.status).toBe('resolved');
    expect(view.reopenUntil).not.toBeNull();

    clock.advance(6 * DAY_MS);
    const reopened = await requester.browser.postJson(SupportRoutes.reopen(ticket.id));
    expect(reopened.status).toBe(200);
    expect(reopened.json().status).toBe('in_progress');

    await agent.browser.postJson(SupportRoutes.queueMessages(ticket.id), { body: 'Now it is.', status: 'resolved' });
    clock.advance(7 * DAY_MS + HOUR_MS);
    const late = await requester.browser.postJson(SupportRoutes.reopen(ticket.id));
    expect(late.status).toBe(409);
    expect(late.json().message).toMatch(/7 days/);
    const lateReply = await requester.browser.postJson(SupportRoutes.ticketMessages(ticket.id), { body: 'Hello?' });
    expect(lateReply.status).toBe(409);

    const { closed } = await closeResolvedTickets(portal);
    expect(closed).toBeGreaterThanOrEqual(1);
    view = (await requester.browser.get(SupportRoutes.ticket(ticket.id))).json();
    expect(view.status).toBe('closed');
    expect(view.closedAt).not.toBeNull();
    const closedReply = await requester.browser.postJson(SupportRoutes.ticketMessages(ticket.id), { body: 'Hello?' });
    expect(closedReply.status).toBe(409);
  });

  it('merges a duplicate into the requester’s other ticket', async () => {
    const first = await filed(requester.browser, { subject: 'Outlook crashes' });
    const duplicate = await filed(requester.browser, { subject: 'Outlook crashes again', description: 'Same as before' });
    await requester.browser.postJson(SupportRoutes.ticketMessages(duplicate.id), { body: 'Any news?' });
    const otherPersons = await filed(agent.browser);
    const view = (await agent.browser.get(SupportRoutes.queueTicket(duplicate.id))).json();
    expect(view.otherOpen.map((t: { id: string }) => t.id)).toContain(first.id);

    const wrong = await agent.browser.postJson(SupportRoutes.merge(duplicate.id), { intoId: otherPersons.id });
    expect(wrong.status).toBe(400);
    const merged = await agent.browser.postJson(SupportRoutes.merge(duplicate.id), { intoId: first.id });
    expect(merged.status).toBe(200);
    const target = merged.json();
    expect(target.id).toBe(first.id);
    expect(target.messages.some((m: { body: string }) => m.body === 'Any news?')).toBeTrue();
    expect(target.messages.some((m: { event?: { type: string; value: string } }) => m.event?.type === 'merged_from' && m.event.value === String(duplicate.number))).toBeTrue();
    const source = (await requester.browser.get(SupportRoutes.ticket(duplicate.id))).json();
    expect(source.status).toBe('closed');
    expect(source.mergedInto).toBe(first.number);
    expect(source.messages.some((m: { event?: { type: string } }) => m.event?.type === 'merged_into')).toBeTrue();
  });

  it('finds late tickets with the breached filter as time passes', async () => {
    const urgent = await filed(requester.browser, { urgency: 'urgent', subject: 'Server room is hot' });
    const low = await filed(requester.browser, { urgency: 'low' });
    const breachedIds = async () => (await agent.browser.get(`${SupportRoutes.queue}?breached=true&limit=100`)).json().items.map((t: { id: string }) => t.id);
    expect(await breachedIds()).not.toContain(urgent.id);
    clock.advance(2 * HOUR_MS);
    const late = await breachedIds();
    expect(late).toContain(urgent.id);
    expect(late).not.toContain(low.id);
    const row = (await agent.browser.get(`${SupportRoutes.queue}?breached=true&limit=100`)).json().items.find((t: { id: string }) => t.id === urgent.id);
    expect(row.sla.firstResponseBreached).toBeTrue();
  });

  it('pages the queue with a cursor', async () => {
    for (let i = 0; i < 3; i++) await filed(requester.browser);
    const first = (await agent.browser.get(`${SupportRoutes.queue}?limit=2`)).json();
    expect(first.items.length).toBe(2);
    expect(first.nextCursor).not.toBeNull();
    const second = (await agent.browser.get(`${SupportRoutes.queue}?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((t: { id: string }) => t.id)).not.toContain(first.items[0].id);
    expect(first.total).toBe(second.total);
    expect((await agent.browser.get(`${SupportRoutes.queue}?cursor=garbage`)).status).toBe(400);
  });

  it('lets agents keep canned replies, and administrators the settings', async () => {
    const created = await agent.browser.postJson(SupportRoutes.cannedReplies, { title: 'Restart', body: 'Please restart your computer.' });
    expect(created.status).toBe(201);
    expect((await request(agent.browser, 'PUT', SupportRoutes.cannedReply(created.json().id), { title: 'Restart', body: 'Restart, please.' })).json().body).toBe('Restart, please.');
    expect((await agent.browser.get(SupportRoutes.queueOptions)).json().cannedReplies.map((c: { title: string }) => c.title)).toContain('Restart');
    expect((await employee.browser.postJson(SupportRoutes.cannedReplies, { title: 'x', body: 'y' })).status).toBe(403);
    expect((await request(agent.browser, 'DELETE', SupportRoutes.cannedReply(created.json().id))).status).toBe(204);

    const settings = (await admin.browser.get(SupportRoutes.settings)).json();
    expect(settings.reopenDays).toBe(7);
    const bad = await request(admin.browser, 'PUT', SupportRoutes.settings, { ...settings, reopenDays: 400 });
    expect(bad.status).toBe(400);
    expect(bad.json().fields['reopenDays']).toBeDefined();
    const badMinutes = await request(admin.browser, 'PUT', SupportRoutes.settings, { ...settings, sla: settings.sla.map((t: object) => ({ ...t, firstResponseMinutes: 0 })) });
    expect(badMinutes.status).toBe(400);
    const saved = await request(admin.browser, 'PUT', SupportRoutes.settings, { ...settings, reopenDays: 3 });
    expect(saved.status).toBe(200);
    expect(saved.json().reopenDays).toBe(3);
    await request(admin.browser, 'PUT', SupportRoutes.settings, { ...settings, reopenDays: 7 });
  });
});
