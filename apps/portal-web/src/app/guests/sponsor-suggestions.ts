import { DestroyRef, inject, signal } from '@angular/core';
import type { AdminUser } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { pendingWork } from '../account/loadable';
import { AdminApiService } from '../admin/admin-api.service';
import { SEARCH_DEBOUNCE_MS } from '../admin/search-debounce';

/**
 * Suggestions for the sponsor field (administrators only: they may pick any employee). Employees
 * whose name or email matches what is typed, fetched a moment after the last keystroke, for a
 * <datalist>. Create it in an injection context (a field initializer).
 */
export class SponsorSuggestions {
  private readonly api = inject(AdminApiService);
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private readonly track = pendingWork();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  readonly people = signal<AdminUser[]>([]);

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  typed(value: string): void {
    clearTimeout(this.timer);
    const search = value.trim();
    if (search.length < 2) {
      return;
    }
    this.timer = setTimeout(() => void this.fetch(search), this.debounceMs);
  }

  private fetch(search: string): Promise<void> {
    return this.track(async () => {
      const call = ++this.latest;
      try {
        const page = await firstValueFrom(this.api.users({ search, page: 1, pageSize: 10 }));
        if (call === this.latest) {
          // Guests can't sponsor, and a disabled account can't answer for anyone.
          this.people.set(page.items.filter((person) => person.kind !== 'guest' && person.status === 'active'));
        }
      } catch {
        // Suggestions are a help; the server checks the sponsor anyway.
      }
    });
  }
}
