import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { type AccessRequestView, CatalogAdminRoutes } from '@passerelle/contracts';
import { expectCall, flushError, pageOf, tick } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { accessRequest } from '../testing/catalog-fixtures';
import { nextCall } from '../testing/next-call';
import { AccessRequestsPageComponent } from './access-requests-page.component';
import { PendingRequestsService } from './pending-requests.service';

const MARC = accessRequest();
const ZOE = accessRequest({
  id: 'r2',
  app: { id: 'payroll', name: 'Payroll' },
  user: { id: 'u3', email: 'zoe@acme.test', name: 'Zoé Blanc' },
  reason: '',
  createdAt: '2026-02-01T10:00:00Z',
});

describe('AccessRequestsPageComponent (/admin/access-requests)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/access-requests', component: AccessRequestsPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();
  const badge = () => TestBed.inject(PendingRequestsService).count();

  function expectList(status: string): TestRequest {
    return http.expectOne(
      (request) => request.method === 'GET' && request.url === CatalogAdminRoutes.accessRequests && request.params.get('status') === status,
      `GET ${CatalogAdminRoutes.accessRequests}?status=${status}`,
    );
  }

  async function open(items: AccessRequestView[] = [MARC, ZOE]): Promise<void> {
    await harness.navigateByUrl('/admin/access-requests');
    expectList('pending').flush(pageOf(items, { pageSize: 50 }));
    await stable();
  }

  function dialog(): HTMLElement {
    return query(page(), '[data-testid="request-decision"]');
  }

  async function ask(testId: 'request-approve' | 'request-refuse', index: number): Promise<void> {
    page().querySelectorAll<HTMLButtonElement>(`[data-testid="${testId}"]`)[index].click();
    harness.fixture.detectChanges();
    await tick();
  }

  it('lists the waiting requests oldest first: person, app, reason, when; and sets the nav count', async () => {
    await open();
    const items = page().querySelectorAll('[data-testid="request"]');
    expect(items.length).toBe(2);
    expect(textOf(items[0])).toContain('Zoé Blanc');
    expect(textOf(items[0])).toContain('No reason given.');
    expect(textOf(items[1].querySelector('[data-testid="request-app"]'))).toBe('CRM');
    expect(textOf(items[1].querySelector('[data-testid="request-reason"]'))).toBe('I follow up the Lyon customers.');
    expect(items[1].querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:00:00Z');
    expect(textOf(query(page(), '[data-testid="requests-tab-pending"]'))).toBe('Waiting 2');
    expect(badge()).toBe(2);
  });

  it('approves with a note, removes the request, lowers the count and moves focus on', async () => {
    await open();
    await ask('request-approve', 1);
    expect(textOf(dialog().querySelector('h2'))).toBe('Give Marc Petit access to CRM?');
    typeInto(query<HTMLTextAreaElement>(dialog(), '[data-testid="request-note"]') as unknown as HTMLInputElement, '  Welcome aboard  ');
    query<HTMLButtonElement>(dialog(), '[data-testid="request-decision-confirm"]').click();
    const approve = expectCall(http, 'POST', CatalogAdminRoutes.approveAccessRequest('r1'));
    expect(approve.request.body).toEqual({ note: 'Welcome aboard' });
    approve.flush({ ...MARC, status: 'approved' });
    await stable();
    expect(page().querySelectorAll('[data-testid="request"]').length).toBe(1);
    expect(textOf(query(page(), '[data-testid="requests-message"]'))).toBe('Marc Petit now has access to CRM.');
    expect(badge()).toBe(1);
    expect((dialog() as unknown as HTMLDialogElement).open).toBeFalse();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('request-approve');
  });

  it('refuses without a note (sends no note) and shows an empty state when none is left', async () => {
    await open([ZOE]);
    await ask('request-refuse', 0);
    expect(textOf(dialog().querySelector('h2'))).toBe('Refuse Payroll to Zoé Blanc?');
    query<HTMLButtonElement>(dialog(), '[data-testid="request-decision-confirm"]').click();
    const refuse = expectCall(http, 'POST', CatalogAdminRoutes.refuseAccessRequest('r2'));
    expect(refuse.request.body).toEqual({});
    refuse.flush({ ...ZOE, status: 'refused' });
    await stable();
    expect(textOf(query(page(), '[data-testid="requests-empty"]'))).toBe('No request is waiting.');
    expect(textOf(query(page(), '[data-testid="requests-message"]'))).toBe('The request of Zoé Blanc for Payroll is refused.');
    expect(badge()).toBe(0);
  });

  it('says when another administrator decided first, and refreshes the list', async () => {
    await open();
    await ask('request-approve', 0);
    query<HTMLButtonElement>(dialog(), '[data-testid="request-decision-confirm"]').click();
    flushError(expectCall(http, 'POST', CatalogAdminRoutes.approveAccessRequest('r2')), 409, 'conflict');
    (await nextCall(http, 'GET', CatalogAdminRoutes.accessRequests)).flush(pageOf([MARC], { pageSize: 50 }));
    await stable();
    expect(textOf(query(dialog(), '[data-testid="request-decision-error"]'))).toContain('already decided');
    expect(page().querySelectorAll('[data-testid="request"]').length).toBe(1);
    expect(badge()).toBe(1);
  });

  it('shows the decided requests (approved and refused, latest first) in the other tab, keyboard reachable', async () => {
    await open([]);
    const pendingTab = query<HTMLButtonElement>(page(), '[data-testid="requests-tab-pending"]');
    expect(pendingTab.getAttribute('aria-selected')).toBe('true');
    pendingTab.focus();
    pendingTab.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    harness.fixture.detectChanges();
    expectList('approved').flush(pageOf([accessRequest({ status: 'approved', decidedAt: '2026-03-02T10:00:00Z', note: 'Welcome' })]));
    expectList('refused').flush(pageOf([accessRequest({ id: 'r9', status: 'refused', decidedAt: '2026-03-05T10:00:00Z', app: { id: 'p', name: 'Payroll' } })]));
    await stable();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('requests-tab-decided');
    const items = page().querySelectorAll('[data-testid="decided-request"]');
    expect(textOf(items[0])).toContain('Refused');
    expect(textOf(items[0])).toContain('Payroll');
    expect(textOf(items[1])).toContain('Approved');
    expect(textOf(items[1])).toContain('Note: Welcome');
  });
});
