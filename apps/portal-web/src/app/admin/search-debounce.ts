import { InjectionToken } from '@angular/core';

/** How long a search waits after the last keystroke; specs set 0. */
export const SEARCH_DEBOUNCE_MS = new InjectionToken<number>('SEARCH_DEBOUNCE_MS', { providedIn: 'root', factory: () => 300 });
