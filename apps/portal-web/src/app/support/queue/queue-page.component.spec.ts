import type { HttpTestingController } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes } from '@passerelle/contracts';
import { flushError } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { SEARCH_DEBOUNCE_MS } from '../../admin/search-debounce';
import { nextCall } from '../../admin/testing/next-call';
import { provideSpecNow } from '../../guests/testing/guest-fixtures';
import { listOf, minutesFromNow, queueOptions, queueTicket } from '../testing/support-fixtures';
import { QueuePageComponent } from './queue-page.component';

@Component({ selector: 'psl-stub', changeDetection: ChangeDetectionStrategy.OnPush, template: '<p data-testid="stub">ticket</p>' })
class StubComponent {}

describe('QueuePageComponent (/support/queue)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideSpecNow(), { provide: SEARCH_DEBOUNCE_MS, useValue: 0 }] });
    ({ http, harness } = await routedHarness([
      { path: 'support/queue', component: QueuePageComponent },
      { path: 'support/queue/:ticketId', component: StubComponent },
    ]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const rows = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="queue-row"]'));
  const url = () => TestBed.inject(Router).url;

  async function open(path = '/support/queue', items = [
    queueTicket(),
    queueTicket({
      id: 't2',
      number: 43,
      subject: '<b>Printer</b> on fire',
      status: 'waiting',
      urgency: 'urgent',
      assignee: { id: 'u7', name: 'Sam Agent' },
      awaitingSupport: true,
      sla: { firstResponseDueAt: minutesFromNow(-300), resolutionDueAt: minutesFromNow(-180), firstResponseAt: minutesFromNow(-290), firstResponseBreached: true, resolutionBreached: true },
    }),
  ], extra: { nextCursor?: string | null; total?: number } = {}): Promise<void> {
    await harness.navigateByUrl(path);
    (await nextCall(http, 'GET', SupportRoutes.queueOptions)).flush(queueOptions());
    (await nextCall(http, 'GET', SupportRoutes.queue)).flush(listOf(items, extra));
    await harness.fixture.whenStable();
  }

  it('lists each ticket with its requester, app, category, urgency, status, assignee and SLA time', async () => {
    await open();
    const [first, second] = rows();
    expect(textOf(first)).toContain('#42 VPN drops every hour');
    expect(textOf(query(first, '[data-testid="queue-requester"]'))).toBe('Marc Dubois');
    expect(textOf(first)).toContain('Timesheets');
    expect(textOf(first)).toContain('Access and sign-in');
    expect(textOf(query(first, '[data-testid="queue-status-cell"]'))).toBe('New');
    expect(textOf(query(first, '[data-testid="queue-assignee-cell"]'))).toBe('Unassigned');
    expect(textOf(query(first, '[data-testid="queue-sla"]'))).toBe('2 h left');
    expect(first.classList).not.toContain('queue-row--breached');
    expect(first.querySelector('[data-testid="queue-new-reply"]')).toBeNull();
    expect(query(first, '[data-testid="queue-ticket-link"]').getAttribute('href')).toBe('/support/queue/t1');

    // HTML in a subject is text; a breached SLA says so in words, not only in red.
    expect(textOf(query(second, '[data-testid="queue-ticket-link"]'))).toBe('#43 <b>Printer</b> on fire');
    expect(second.querySelector('b')).toBeNull();
    expect(textOf(query(second, '[data-testid="queue-sla"]'))).toBe('overdue by 3 h');
    expect(second.classList).toContain('queue-row--breached');
    expect(textOf(query(second, '[data-testid="queue-new-reply"]'))).toBe('New reply');
    expect(textOf(query(second, '[data-testid="queue-status-cell"]'))).toBe('Waiting for requester');
    expect(textOf(query(second, '[data-testid="queue-assignee-cell"]'))).toBe('Sam Agent');
    expect(textOf(query(page(), '[data-testid="queue-count"]'))).toBe('2 of 2 tickets');
  });

  it('reads its filters from the URL and asks the API for them', async () => {
    await harness.navigateByUrl('/support/queue?status=waiting&assignee=me&breached=1&q=vpn&category=c2');
    (await nextCall(http, 'GET', SupportRoutes.queueOptions)).flush(queueOptions());
    const request = await nextCall(http, 'GET', SupportRoutes.queue);
    expect(request.request.params.get('status')).toBe('waiting');
    expect(request.request.params.get('assignee')).toBe('me');
    expect(request.request.params.get('breached')).toBe('true');
    expect(request.request.params.get('q')).toBe('vpn');
    expect(request.request.params.get('categoryId')).toBe('c2');
    request.flush(listOf([]));
    await harness.fixture.whenStable();
    expect(query<HTMLSelectElement>(page(), '[data-testid="queue-status"]').value).toBe('waiting');
    expect(query<HTMLSelectElement>(page(), '[data-testid="queue-category"]').value).toBe('c2');
    expect(query<HTMLInputElement>(page(), '[data-testid="queue-breached"]').checked).toBeTrue();
    expect(textOf(query(page(), '[data-testid="queue-empty"]'))).toBe('No ticket matches these filters.');
  });

  it('keeps a changed filter in the URL and reloads; "Clear the filters" goes back to open tickets', async () => {
    await open();
    typeInto(query<HTMLSelectElement>(page(), '[data-testid="queue-urgency"]'), 'urgent');
    const reload = await nextCall(http, 'GET', SupportRoutes.queue);
    expect(reload.request.params.get('urgency')).toBe('urgent');
    expect(reload.request.params.get('status')).toBe('open');
    reload.flush(listOf([queueTicket({ urgency: 'urgent' })]));
    await harness.fixture.whenStable();
    expect(url()).toBe('/support/queue?urgency=urgent');

    const search = query<HTMLInputElement>(page(), '[data-testid="queue-q"]');
    search.value = '#42';
    search.dispatchEvent(new Event('input'));
    const searched = await nextCall(http, 'GET', SupportRoutes.queue);
    expect(searched.request.params.get('q')).toBe('#42');
    searched.flush(listOf([queueTicket()]));
    await harness.fixture.whenStable();
    expect(url()).toBe('/support/queue?urgency=urgent&q=%2342');

    query<HTMLButtonElement>(page(), '[data-testid="queue-clear"]').click();
    (await nextCall(http, 'GET', SupportRoutes.queue)).flush(listOf([]));
    await harness.fixture.whenStable();
    expect(url()).toBe('/support/queue');
    expect(textOf(query(page(), '[data-testid="queue-empty"]'))).toBe('No open tickets. Nice.');
  });

  it('loads the next page with the cursor and appends it', async () => {
    await open('/support/queue', [queueTicket()], { nextCursor: 'page-2', total: 2 });
    query<HTMLButtonElement>(page(), '[data-testid="queue-more"]').click();
    const more = await nextCall(http, 'GET', SupportRoutes.queue);
    expect(more.request.params.get('cursor')).toBe('page-2');
    more.flush(listOf([queueTicket({ id: 't9', number: 50, subject: 'Second page' })], { total: 2 }));
    await harness.fixture.whenStable();
    expect(rows().length).toBe(2);
    expect(textOf(rows()[1])).toContain('#50 Second page');
    expect(page().querySelector('[data-testid="queue-more"]')).toBeNull();
  });

  it('says why the queue could not be read, and tries again', async () => {
    await harness.navigateByUrl('/support/queue');
    (await nextCall(http, 'GET', SupportRoutes.queueOptions)).flush(queueOptions());
    flushError(await nextCall(http, 'GET', SupportRoutes.queue), 403, 'forbidden');
    await harness.fixture.whenStable();
    expect(textOf(query(page(), '[data-testid="queue-load-error"]'))).toContain('You are not allowed to do this.');
    query<HTMLButtonElement>(page(), '[data-testid="queue-load-error"] button').click();
    (await nextCall(http, 'GET', SupportRoutes.queue)).flush(listOf([queueTicket()]));
    await harness.fixture.whenStable();
    expect(rows().length).toBe(1);
  });

  it('refreshes without blanking the list', async () => {
    await open();
    query<HTMLButtonElement>(page(), '[data-testid="queue-refresh"]').click();
    harness.fixture.detectChanges();
    expect(rows().length).toBe(2);
    (await nextCall(http, 'GET', SupportRoutes.queue)).flush(listOf([queueTicket()]));
    await harness.fixture.whenStable();
    expect(rows().length).toBe(1);
  });
});
