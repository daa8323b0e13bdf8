import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { AdminRoutes } from '@passerelle/contracts';
import { auditEvent, expectCall, flushError, pageOf, tick } from '../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../testing/test-helpers';
import { AuditPageComponent, dayBoundary } from './audit-page.component';

describe('AuditPageComponent (/admin/audit)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/audit', component: AuditPageComponent }]));
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const stable = () => harness.fixture.whenStable();

  it('shows events newest first with outcome badges and details, then loads more before the last one', async () => {
    await harness.navigateByUrl('/admin/audit');
    const first = expectCall(http, 'GET', AdminRoutes.audit);
    expect(first.request.params.keys()).toEqual([]);
    first.flush(
      pageOf(
        [
          auditEvent({ id: 'e3', event: 'user.disabled', details: { reason: 'left', count: 2 }, subject: 'marc@acme.test' }),
          auditEvent({ id: 'e2', outcome: 'failure', actor: null, ipAddress: null }),
        ],
        { total: 3, pageSize: 2 },
      ),
    );
    await stable();

    const rows = page().querySelectorAll('[data-testid="audit-row"]');
    expect(rows.length).toBe(2);
    expect(textOf(rows[0])).toContain('user.disabled');
    expect(textOf(rows[0])).toContain('Success');
    expect(Array.from(rows[0].querySelectorAll('.details div')).map((entry) => [textOf(entry.querySelector('dt')), textOf(entry.querySelector('dd'))])).toEqual([
      ['reason:', 'left'],
      ['count:', '2'],
    ]);
    expect(textOf(rows[0])).toContain('marc@acme.test');
    expect(rows[1].querySelector('.badge--danger')?.textContent?.trim()).toBe('Failure');

    query<HTMLButtonElement>(page(), '[data-testid="audit-more"]').click();
    harness.fixture.detectChanges();
    const more = expectCall(http, 'GET', AdminRoutes.audit);
    expect(more.request.params.get('before')).toBe('e2');
    more.flush(pageOf([auditEvent({ id: 'e1' })], { total: 3, pageSize: 2 }));
    await stable();
    expect(page().querySelectorAll('[data-testid="audit-row"]').length).toBe(3);
    expect(page().querySelector('[data-testid="audit-more"]')).toBeNull();
    expect(textOf(query(page(), '[data-testid="audit-end"]'))).toBe('All 3 events are shown.');
  });

  it('applies the filters', async () => {
    await harness.navigateByUrl('/admin/audit');
    expectCall(http, 'GET', AdminRoutes.audit).flush(pageOf([auditEvent()]));
    await stable();
    typeInto(query<HTMLInputElement>(page(), '#audit-event'), ' sign_in ');
    typeInto(query<HTMLSelectElement>(page(), '#audit-outcome'), 'failure');
    typeInto(query<HTMLInputElement>(page(), '#audit-from'), '2026-03-01');
    typeInto(query<HTMLInputElement>(page(), '#audit-to'), '2026-03-02');
    query<HTMLButtonElement>(page(), '[data-testid="audit-apply"]').click();
    harness.fixture.detectChanges();
    await tick();
    const filtered = expectCall(http, 'GET', AdminRoutes.audit);
    expect(filtered.request.params.get('event')).toBe('sign_in');
    expect(filtered.request.params.get('outcome')).toBe('failure');
    expect(filtered.request.params.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    expect(filtered.request.params.get('to')).toBe(new Date(2026, 2, 3).toISOString());
    filtered.flush(pageOf([]));
    await stable();
    expect(textOf(query(page(), '[data-testid="audit-empty"]'))).toBe('No event matches these filters.');
  });

  it('shows a load error with retry', async () => {
    await harness.navigateByUrl('/admin/audit');
    flushError(expectCall(http, 'GET', AdminRoutes.audit), 403, 'forbidden');
    await stable();
    expect(textOf(query(page(), '[data-testid="audit-load-error"]'))).toContain('You are not allowed to do this.');
  });

  it('turns date inputs into day boundaries', () => {
    expect(dayBoundary('', false)).toBeUndefined();
    expect(dayBoundary('2026-12-31', true)).toBe(new Date(2027, 0, 1).toISOString());
  });
});
