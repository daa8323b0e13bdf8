import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import { SupportRoutes, type SupportSettings } from '@passerelle/contracts';
import { flushError } from '../../../testing/identity-fixtures';
import { query, routedElement, routedHarness, textOf, typeInto } from '../../../testing/test-helpers';
import { nextCall } from '../../admin/testing/next-call';
import { SlaSectionComponent } from './sla-section.component';
import { splitMinutes, toMinutes } from './sla-units';

const SETTINGS: SupportSettings = {
  sla: [
    { urgency: 'low', firstResponseMinutes: 1440, resolutionMinutes: 7 * 1440 },
    { urgency: 'normal', firstResponseMinutes: 480, resolutionMinutes: 3 * 1440 },
    { urgency: 'high', firstResponseMinutes: 240, resolutionMinutes: 1440 },
    { urgency: 'urgent', firstResponseMinutes: 90, resolutionMinutes: 480 },
  ],
  reopenDays: 7,
};

describe('SlaSectionComponent (/admin/support/sla)', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ({ http, harness } = await routedHarness([{ path: 'admin/support/sla', component: SlaSectionComponent }]));
    await harness.navigateByUrl('/admin/support/sla');
    (await nextCall(http, 'GET', SupportRoutes.settings)).flush(SETTINGS);
    await harness.fixture.whenStable();
  });

  afterEach(() => http.verify());

  const page = () => routedElement(harness);
  const input = (id: string) => query<HTMLInputElement>(page(), `[data-testid="${id}"]`);
  const select = (id: string) => query<HTMLSelectElement>(page(), `[data-testid="${id}"]`);

  it('shows each target in the largest whole unit', () => {
    expect(input('sla-urgent-firstResponse').value).toBe('90');
    expect(select('sla-urgent-firstResponse-unit').value).toBe('minutes');
    expect(input('sla-normal-firstResponse').value).toBe('8');
    expect(select('sla-normal-firstResponse-unit').value).toBe('hours');
    expect(input('sla-low-resolution').value).toBe('7');
    expect(select('sla-low-resolution-unit').value).toBe('days');
    expect(input('sla-reopen').value).toBe('7');
  });

  it('saves in minutes, and shows what the server refuses next to its field', async () => {
    typeInto(input('sla-urgent-firstResponse'), '2');
    typeInto(select('sla-urgent-firstResponse-unit'), 'hours');
    typeInto(input('sla-reopen'), '14');
    query<HTMLButtonElement>(page(), '[data-testid="sla-save"]').click();
    const put = await nextCall(http, 'PUT', SupportRoutes.settings);
    expect(put.request.body.reopenDays).toBe(14);
    expect(put.request.body.sla[3]).toEqual({ urgency: 'urgent', firstResponseMinutes: 120, resolutionMinutes: 480 });
    flushError(put, 400, 'validation_failed', { 'sla[3].resolutionMinutes': ['Must be at least the first response time.'], sla: ['Give a target for every urgency.'] });
    await harness.fixture.whenStable();
    expect(textOf(page())).toContain('Must be at least the first response time.');
    expect(input('sla-urgent-resolution').getAttribute('aria-invalid')).toBe('true');
    expect(textOf(query(page(), '[data-testid="sla-error"]'))).toContain('Give a target for every urgency.');
  });

  it('refuses an empty or non-whole target before sending', async () => {
    typeInto(input('sla-high-resolution'), '');
    typeInto(input('sla-low-firstResponse'), '1.5');
    query<HTMLButtonElement>(page(), '[data-testid="sla-save"]').click();
    await harness.fixture.whenStable();
    expect(input('sla-high-resolution').getAttribute('aria-invalid')).toBe('true');
    // 1.5 days is a whole number of minutes: accepted.
    expect(input('sla-low-firstResponse').getAttribute('aria-invalid')).toBeNull();
    http.expectNone(SupportRoutes.settings);
  });
});

describe('SLA units', () => {
  it('splits and joins minutes', () => {
    expect(splitMinutes(4320)).toEqual({ amount: 3, unit: 'days' });
    expect(splitMinutes(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(splitMinutes(45)).toEqual({ amount: 45, unit: 'minutes' });
    expect(toMinutes('1.5', 'hours')).toBe(90);
    expect(toMinutes('0', 'hours')).toBeNull();
    expect(toMinutes('abc', 'minutes')).toBeNull();
    expect(toMinutes('1.5', 'minutes')).toBeNull();
  });
});
