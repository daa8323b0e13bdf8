import type { CurrentUser } from '@passerelle/contracts';

/** A signed-in person for specs. */
export function aUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u-1',
    email: 'alice.martin@acme.test',
    name: 'Alice Martin',
    givenName: 'Alice',
    familyName: 'Martin',
    locale: 'en',
    isAdmin: false,
    kind: 'employee',
    permissions: [],
    groups: [],
    amr: ['pwd', 'otp'],
    ...overrides,
  };
}
