import type { GuestFilter, GuestList, GuestOptions, GuestView } from '@passerelle/contracts';
import { NOW } from '../../account/browser';

/** "Now" in the guests specs: 1 March 2027, 10:00 in the browser's time zone. */
export const SPEC_NOW = new Date(2027, 2, 1, 10, 0, 0);

export function provideSpecNow(now: Date = SPEC_NOW) {
  return { provide: NOW, useValue: () => now };
}

/** A local date and time as an ISO instant, e.g. at(2027, 3, 31, 23, 59) for 31 March 2027 23:59 local. */
export function at(year: number, month: number, day: number, hours = 0, minutes = 0): string {
  return new Date(year, month - 1, day, hours, minutes).toISOString();
}

export function guestView(overrides: Partial<GuestView> = {}): GuestView {
  return {
    id: 'g1',
    email: 'nina@studio.test',
    name: 'Nina Weber',
    company: 'Studio Weber',
    note: '',
    status: 'active',
    sponsor: { id: 'u1', name: 'Marie Dupont', email: 'marie@acme.test' },
    startsAt: at(2027, 2, 1, 9),
    endsAt: new Date(2027, 2, 13, 23, 59, 59, 999).toISOString(),
    revokedAt: null,
    invitationExpiresAt: null,
    acceptedAt: at(2027, 2, 1, 9, 30),
    eraseAfter: null,
    apps: [{ id: 'wiki', name: 'Wiki' }],
    lastSignInAt: null,
    createdAt: at(2027, 2, 1, 9),
    ...overrides,
  };
}

export function guestList(items: GuestView[], counts: Partial<Record<GuestFilter, number>> = {}): GuestList {
  return {
    items,
    counts: { all: items.length, invited: 0, starting: 0, active: items.length, ending: 0, ended: 0, ...counts },
  };
}

export function guestOptions(overrides: Partial<GuestOptions> = {}): GuestOptions {
  return {
    maxDays: 90,
    invitationHours: 72,
    retentionDays: 30,
    anySponsor: true,
    self: { id: 'u1', name: 'Léa Roux', email: 'lea@acme.test' },
    apps: [
      { id: 'wiki', name: 'Wiki' },
      { id: 'crm', name: 'CRM' },
      { id: 'files', name: 'Files' },
    ],
    ...overrides,
  };
}
