import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes } from '@passerelle/contracts';
import { expectCall, flushError, outboxMail, pageOf } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf } from '../../testing/test-helpers';
import { OutboxPageComponent } from './outbox-page.component';

describe('OutboxPageComponent (/admin/outbox)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/outbox', component: OutboxPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();

  it('lists mails with their state and an expandable body, and loads the next page', async () => {
    await harness.navigateByUrl('/admin/outbox');
    const first = expectCall(http, 'GET', AdminRoutes.outbox);
    expect(first.request.params.get('page')).toBe('1');
    first.flush(pageOf([outboxMail(), outboxMail({ id: 'm2', subject: 'Reset', sentAt: '2026-03-02T11:00:00Z' })], { total: 3, pageSize: 2 }));
    await stable();

    const mails = page().querySelectorAll('[data-testid="mail"]');
    expect(mails.length).toBe(2);
    expect(textOf(mails[0])).toContain('To marc@acme.test');
    expect(textOf(mails[0].querySelector('[data-testid="mail-not-sent"]'))).toBe('Not sent — no mail server configured');
    expect(textOf(mails[1])).toContain('Sent');
    const details = query<HTMLDetailsElement>(mails[0], 'details');
    expect(details.open).toBeFalse();
    expect(query(details, '[data-testid="mail-body"]').textContent).toBe('Hello Marc,\nchoose your password here.');

    query<HTMLButtonElement>(page(), '[data-testid="outbox-more"]').click();
    harness.fixture.detectChanges();
    const next = expectCall(http, 'GET', AdminRoutes.outbox);
    expect(next.request.params.get('page')).toBe('2');
    next.flush(pageOf([outboxMail({ id: 'm3' })], { total: 3, page: 2, pageSize: 2 }));
    await stable();
    expect(page().querySelectorAll('[data-testid="mail"]').length).toBe(3);
    expect(page().querySelector('[data-testid="outbox-more"]')).toBeNull();
  });

  it('shows an empty state', async () => {
    await harness.navigateByUrl('/admin/outbox');
    expectCall(http, 'GET', AdminRoutes.outbox).flush(pageOf([]));
    await stable();
    expect(textOf(query(page(), '[data-testid="outbox-empty"]'))).toBe('No email yet.');
  });

  it('shows a load error with retry', async () => {
    await harness.navigateByUrl('/admin/outbox');
    flushError(expectCall(http, 'GET', AdminRoutes.outbox), 500, 'internal_error');
    await stable();
    query<HTMLButtonElement>(page(), '[data-testid="outbox-load-error"] button').click();
    expectCall(http, 'GET', AdminRoutes.outbox).flush(pageOf([outboxMail()]));
    await stable();
    expect(page().querySelectorAll('[data-testid="mail"]').length).toBe(1);
  });
});
