import { InjectionToken } from '@angular/core';

/** "Now", for relative times and lock checks; specs replace it. */
export const NOW = new InjectionToken<() => Date>('NOW', { providedIn: 'root', factory: () => () => new Date() });
