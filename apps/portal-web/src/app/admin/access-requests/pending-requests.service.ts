import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { CatalogAdminApiService } from '../catalog-admin-api.service';

/** How many access requests wait for a decision: the console's nav badge. */
@Injectable({ providedIn: 'root' })
export class PendingRequestsService {
  private readonly api = inject(CatalogAdminApiService);
  private readonly countState = signal<number | null>(null);

  /** Null until known (or when it could not be asked: the badge simply stays away). */
  readonly count = this.countState.asReadonly();

  async refresh(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.accessRequests('pending', 1, 1));
      this.countState.set(page.total);
    } catch {
      // The badge is a hint; the requests page shows errors itself.
    }
  }

  set(count: number): void {
    this.countState.set(count);
  }
}
