import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { currentUser, flushError, provideSessionStub, sessionStub } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { nextCall } from '../../admin/testing/next-call';
import { provideSpecNow } from '../../guests/testing/guest-fixtures';
import { agentTicket, listOf, minutesFromNow, queueOptions, queueTicket } from '../testing/support-fixtures';
import { TicketPageComponent } from './ticket-page.component';

describe('TicketPageComponent (/support/queue/:ticketId)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow(), provideSessionStub(sessionStub(currentUser({ id: 'u1', isAdmin: false, permissions: ['support'] })))] });
    ({ http, harness } = await routedHarness([{ path: 'support/queue/:ticketId', component: TicketPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();

  async function open(ticket = agentTicket()): Promise<void> {
    await harness.navigateByUrl(`/support/queue/${ticket.id}`);
    (await nextCall(http, 'GET', SupportRoutes.queueOptions)).flush(queueOptions());
    (await nextCall(http, 'GET', SupportRoutes.queueTicket(ticket.id))).flush(ticket);
    await stable();
  }

  it('shows who asked, from where, the fields and the SLA, with text kept as text', async () => {
    await open(
      agentTicket({
        description: '<img src=x onerror=alert(1)>\nsecond line',
        messages: [
          { id: 'm1', kind: 'note', author: { id: 'u7', name: 'Sam Agent' }, fromSupport: true, body: 'Known VPN issue', attachments: [], createdAt: minutesFromNow(-20) },
          { id: 'm2', kind: 'message', author: { id: 'u7', name: 'Sam Agent' }, fromSupport: true, body: 'Try again?', attachments: [], createdAt: minutesFromNow(-10) },
          { id: 'm3', kind: 'event', author: null, fromSupport: true, body: 'Status: Waiting for you', event: { type: 'status', value: 'waiting' }, attachments: [], createdAt: minutesFromNow(-10) },
        ],
      }),
    );
    expect(textOf(query(page(), '[data-testid="ticket-heading"]'))).toBe('#42 VPN drops every hour');
    const description = query(page(), '[data-testid="ticket-description"]');
    expect(description.querySelector('img')).toBeNull();
    expect(description.textContent).toContain('<img src=x onerror=alert(1)>\nsecond line');
    expect(query(description, '[data-testid="ticket-attachment"]').getAttribute('href')).toBe('/api/support/attachments/f1');
    expect(query(description, '[data-testid="ticket-attachment"]').hasAttribute('download')).toBeTrue();

    const requester = textOf(query(page(), '[data-testid="ticket-requester"]'));
    expect(requester).toContain('marc@acme.test');
    expect(requester).toContain('Employee');
    expect(requester).toContain('Finance');
    const context = query(page(), '[data-testid="ticket-context"]');
    expect(textOf(context)).toContain('Chrome 131');
    expect(textOf(context)).toContain('Windows 11');
    expect(textOf(context)).toContain('Europe/Zurich');
    expect(textOf(context)).toContain('Wrong password');
    expect(query(context, '[data-testid="ticket-context-page"] a').getAttribute('href')).toBe('https://timesheets.acme.test/week/12');
    const fields = query(page(), '[data-testid="ticket-fields"]');
    expect(textOf(query(fields, 'dt'))).toBe('Which app?');
    expect(textOf(query(fields, 'dd'))).toBe('Timesheets');
    expect(textOf(query(page(), '[data-testid="ticket-sla"]'))).toContain('First response: 2 h left');

    const [note, reply, event] = Array.from(page().querySelectorAll<HTMLElement>('[data-testid="ticket-message"]'));
    expect(note.classList).toContain('message--note');
    expect(textOf(query(note, '[data-testid="ticket-note-badge"]'))).toBe('Internal note');
    expect(reply.querySelector('[data-testid="ticket-note-badge"]')).toBeNull();
    expect(textOf(query(event, '[data-testid="ticket-event"]'))).toBe('Status: Waiting for requester');
  });

  it('keeps a page URL that is not http(s) as plain text', async () => {
    await open(agentTicket({ context: { ...agentTicket().context, pageUrl: 'javascript:alert(1)' } }));
    const cell = query(page(), '[data-testid="ticket-context-page"]');
    expect(cell.querySelector('a')).toBeNull();
    expect(textOf(cell)).toBe('javascript:alert(1)');
  });

  it('assigns to me, changes the status in place, and puts things back when the server refuses', async () => {
    await open();
    query<HTMLButtonElement>(page(), '[data-testid="ticket-assign-me"]').click();
    const assign = await nextCall(http, 'PATCH', SupportRoutes.queueTicket('t1'));
    expect(assign.request.body).toEqual({ assigneeId: 'u1' });
    assign.flush(agentTicket({ assignee: { id: 'u1', name: 'Léa Roux' } }));
    await stable();
    expect(query<HTMLSelectElement>(page(), '[data-testid="ticket-assignee"]').value).toBe('u1');
    expect(page().querySelector('[data-testid="ticket-assign-me"]')).toBeNull();
    expect(textOf(query(page(), '[data-testid="ticket-notice"]'))).toBe('Saved.');

    typeInto(query<HTMLSelectElement>(page(), '[data-testid="ticket-status"]'), 'resolved');
    const status = await nextCall(http, 'PATCH', SupportRoutes.queueTicket('t1'));
    expect(status.request.body).toEqual({ status: 'resolved' });
    flushError(status, 403, 'forbidden');
    await stable();
    expect(textOf(query(page(), '[data-testid="ticket-update-error"]'))).toBe('You are not allowed to do this.');
    expect(query<HTMLSelectElement>(page(), '[data-testid="ticket-status"]').value).toBe('new');
  });

  it('sends an internal note with a status, after inserting a canned reply', async () => {
    await open();
    const body = query<HTMLTextAreaElement>(page(), '[data-testid="composer-body"]');
    query<HTMLInputElement>(page(), '[data-testid="composer-note"]').click();
    typeInto(query<HTMLSelectElement>(page(), '[data-testid="composer-canned"]'), 'k1');
    harness.fixture.detectChanges();
    expect(body.value).toBe('Please restart your computer, then try again.');
    typeInto(query<HTMLSelectElement>(page(), '[data-testid="composer-status"]'), 'waiting');
    query<HTMLButtonElement>(page(), '[data-testid="composer-send"]').click();
    const sent = await nextCall(http, 'POST', SupportRoutes.queueMessages('t1'));
    expect(sent.request.body).toEqual({ body: 'Please restart your computer, then try again.', internal: true, status: 'waiting' });
    sent.flush(
      agentTicket({
        status: 'waiting',
        messages: [{ id: 'm9', kind: 'note', author: { id: 'u1', name: 'Léa Roux' }, fromSupport: true, body: 'Please restart your computer, then try again.', attachments: [], createdAt: minutesFromNow(0) }],
      }),
    );
    await stable();
    expect(body.value).toBe('');
    expect(textOf(query(page(), '[data-testid="ticket-status-badge"]'))).toBe('Waiting for requester');
    expect(page().querySelectorAll('[data-testid="ticket-message"]').length).toBe(1);
  });

  it('refuses an empty reply without calling the server', async () => {
    await open();
    query<HTMLButtonElement>(page(), '[data-testid="composer-send"]').click();
    await stable();
    expect(textOf(query(page(), '[data-testid="composer-body-error"]'))).toBe('This field is required.');
    http.expectNone(SupportRoutes.queueMessages('t1'));
  });

  it('uploads a dropped file as raw bytes with its name, then sends its id with the reply', async () => {
    await open();
    const file = new File(['hello'], 'notes été.txt', { type: 'text/plain' });
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(file);
    const drop = new DragEvent('drop', { dataTransfer });
    query(page(), '[data-testid="composer-drop"]').dispatchEvent(drop);
    const upload = await nextCall(http, 'POST', SupportRoutes.attachments);
    expect(upload.request.headers.get('X-File-Name')).toBe(encodeURIComponent('notes été.txt'));
    expect(upload.request.body).toBe(file);
    upload.flush({ id: 'up1', name: 'notes ete.txt', contentType: 'text/plain', size: 5, url: '/api/support/attachments/up1', expiresAt: minutesFromNow(60) });
    await stable();
    typeInto(query<HTMLTextAreaElement>(page(), '[data-testid="composer-body"]') as unknown as HTMLInputElement, 'See the file');
    query<HTMLButtonElement>(page(), '[data-testid="composer-send"]').click();
    const sent = await nextCall(http, 'POST', SupportRoutes.queueMessages('t1'));
    expect(sent.request.body).toEqual({ body: 'See the file', attachmentIds: ['up1'] });
    sent.flush(agentTicket());
    await stable();
    expect(page().querySelector('[data-testid="composer-upload"]')).toBeNull();
  });

  it('turns a pasted screenshot into an attachment', async () => {
    await open();
    const clipboardData = new DataTransfer();
    clipboardData.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'image.png', { type: 'image/png' }));
    query(page(), '[data-testid="composer-body"]').dispatchEvent(new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }));
    const upload = await nextCall(http, 'POST', SupportRoutes.attachments);
    expect(upload.request.headers.get('X-File-Name')).toBe('image.png');
    upload.flush({ id: 'up2', name: 'image.png', contentType: 'image/png', size: 4, url: '/api/support/attachments/up2', expiresAt: minutesFromNow(60) });
    await stable();
    expect(textOf(query(page(), '[data-testid="composer-upload"]'))).toContain('image.png');
  });

  it('refuses a file over the size limit without uploading it', async () => {
    await open();
    const big = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.pdf', { type: 'application/pdf' });
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(big);
    query(page(), '[data-testid="composer-drop"]').dispatchEvent(new DragEvent('drop', { dataTransfer }));
    await stable();
    expect(textOf(query(page(), '[data-testid="composer-upload-error"]'))).toBe('Larger than 10 MB.');
    http.expectNone(SupportRoutes.attachments);
  });

  it('merges into another open ticket of the same requester, or one typed by number', async () => {
    await open(agentTicket({ otherOpen: [{ id: 't5', number: 40, subject: 'VPN again', status: 'in_progress' }] }));
    query<HTMLButtonElement>(page(), '[data-testid="ticket-merge"]').click();
    await stable();
    const dialog = query(document.body, '[data-testid="merge-dialog"]');
    expect(textOf(dialog)).toContain('#40 VPN again');
    query<HTMLInputElement>(dialog, '[data-testid="merge-option-number"]').click();
    await stable();
    typeInto(query<HTMLInputElement>(dialog, '[data-testid="merge-number"]'), '#77');
    query<HTMLButtonElement>(dialog, '[data-testid="merge-confirm"]').click();
    const search = await nextCall(http, 'GET', SupportRoutes.queue);
    expect(search.request.params.get('q')).toBe('77');
    // #77 exists but belongs to someone else: not a merge target.
    search.flush(listOf([queueTicket({ id: 't77', number: 77, requester: { id: 'r2', name: 'Other' } })]));
    await stable();
    expect(textOf(query(dialog, '[data-testid="merge-error"]'))).toBe('No open ticket #77 from this requester.');

    query<HTMLInputElement>(dialog, '[data-testid="merge-option"]').click();
    query<HTMLButtonElement>(dialog, '[data-testid="merge-confirm"]').click();
    const merge = await nextCall(http, 'POST', SupportRoutes.merge('t1'));
    expect(merge.request.body).toEqual({ intoId: 't5' });
    merge.flush(agentTicket({ id: 't5', number: 40, subject: 'VPN again' }));
    (await nextCall(http, 'GET', SupportRoutes.queueTicket('t5'))).flush(agentTicket({ id: 't5', number: 40, subject: 'VPN again' }));
    await stable();
    expect(TestBed.inject(Router).url).toBe('/support/queue/t5');
    expect(textOf(query(page(), '[data-testid="ticket-heading"]'))).toBe('#40 VPN again');
  });

  it('offers no composer on a closed ticket', async () => {
    await open(agentTicket({ status: 'closed', closedAt: minutesFromNow(-5) }));
    expect(page().querySelector('[data-testid="composer"]')).toBeNull();
    expect(textOf(query(page(), '[data-testid="ticket-closed"]'))).toContain('closed');
    expect(query<HTMLSelectElement>(page(), '[data-testid="ticket-status"]').disabled).toBeTrue();
  });
});
