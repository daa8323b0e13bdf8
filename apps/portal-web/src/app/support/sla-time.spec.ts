import type { SlaView } from '@passerelle/contracts';
import { durationAmount, slaStanding } from './sla-time';

const NOW = new Date('2027-03-01T10:00:00Z');
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const sla = (overrides: Partial<SlaView> = {}): SlaView => ({
  firstResponseDueAt: at(120),
  resolutionDueAt: at(60 * 24),
  firstResponseAt: null,
  firstResponseBreached: false,
  resolutionBreached: false,
  ...overrides,
});

describe('SLA standing', () => {
  it('counts down to the first response until support answered, then to the resolution', () => {
    expect(slaStanding(sla(), 'new', NOW)).toEqual(jasmine.objectContaining({ target: 'firstResponse', overdue: false, breached: false, amount: { key: 'support.duration.hours', n: 2 } }));
    expect(slaStanding(sla({ firstResponseAt: at(-5) }), 'in_progress', NOW)).toEqual(
      jasmine.objectContaining({ target: 'resolution', overdue: false, amount: { key: 'support.duration.hours', n: 24 } }),
    );
  });

  it('says how late an overdue target is, and marks it breached', () => {
    const standing = slaStanding(sla({ firstResponseDueAt: at(-180), firstResponseBreached: true }), 'new', NOW);
    expect(standing).toEqual(jasmine.objectContaining({ overdue: true, breached: true, amount: { key: 'support.duration.hours', n: 3 } }));
  });

  it('keeps a late first response marked while the resolution is still ahead', () => {
    const standing = slaStanding(sla({ firstResponseAt: at(-10), firstResponseBreached: true }), 'in_progress', NOW);
    expect(standing).toEqual(jasmine.objectContaining({ target: 'resolution', overdue: false, breached: true }));
  });

  it('has nothing to count once resolved or closed', () => {
    expect(slaStanding(sla(), 'resolved', NOW)).toBeNull();
    expect(slaStanding(sla(), 'closed', NOW)).toBeNull();
  });

  it('reads minutes under an hour, hours under two days, days beyond; never "0 min" late', () => {
    expect(durationAmount(45 * 60_000, false)).toEqual({ key: 'support.duration.minutes', n: 45 });
    expect(durationAmount(10_000, true)).toEqual({ key: 'support.duration.minutes', n: 1 });
    expect(durationAmount(47 * 3_600_000, false)).toEqual({ key: 'support.duration.hours', n: 47 });
    expect(durationAmount(3 * 24 * 3_600_000 + 1, false)).toEqual({ key: 'support.duration.days', n: 3 });
  });
});
