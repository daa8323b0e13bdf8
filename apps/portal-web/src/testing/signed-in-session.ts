import { computed, signal } from '@angular/core';
import type { CurrentUser } from '@passerelle/contracts';

/** A SessionService stand-in whose person the spec signs in and out (`user.set`). */
export function sessionWithUser(initial: CurrentUser | null) {
  const user = signal<CurrentUser | null>(initial);
  return {
    user,
    stub: {
      currentUser: user.asReadonly(),
      signedIn: computed(() => user() !== null),
      load: jasmine.createSpy('load').and.callFake(() => Promise.resolve(user())),
    },
  };
}
