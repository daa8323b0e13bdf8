import { Injectable, computed, inject, signal } from '@angular/core';
import type { DashboardApp } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { AlertsApiService } from './alerts-api.service';

/** How long the person's apps are taken as known before the panel asks again. */
const FRESH_MS = 5 * 60_000;

/**
 * The person's apps (names and icons) for the alert lists: the same icon on an alert as on its
 * tile, and the app filter. Not needed to read alerts: without it, initials stand in.
 */
@Injectable({ providedIn: 'root' })
export class AlertAppsStore {
  private readonly api = inject(AlertsApiService);
  private pending: Promise<void> | null = null;
  private loadedAt = 0;

  readonly apps = signal<DashboardApp[]>([]);
  private readonly icons = computed(() => new Map(this.apps().map((app) => [app.id, app.iconUrl])));

  iconOf(appId: string | null): string | null {
    return appId ? (this.icons().get(appId) ?? null) : null;
  }

  /** Asks for the apps, unless they were fetched a moment ago (`force`: ask anyway). Never rejects. */
  load(options: { force?: boolean } = {}): Promise<void> {
    if (this.pending) {
      return this.pending;
    }
    if (!options.force && Date.now() - this.loadedAt < FRESH_MS) {
      return Promise.resolve();
    }
    this.pending = firstValueFrom(this.api.apps())
      .then(
        (apps) => {
          this.apps.set(apps);
          this.loadedAt = Date.now();
        },
        () => undefined,
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }
}
