import { Injectable, PendingTasks, computed, inject, signal } from '@angular/core';
import { CATALOG_LIMITS, type Dashboard, type DashboardApp, type RequestableApp } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { type ApiFailure, failureMessageKey, toApiFailure } from '../core/http/api-error';
import type { MessageKey } from '../core/i18n';
import { DashboardApiService, type SentAccessRequest } from './dashboard-api.service';

export type DashboardStatus = 'loading' | 'ready' | 'error';

/** A row of tiles under a heading; `name` null is "Other apps" (apps in no section). */
export interface SectionView {
  id: string;
  name: string | null;
  apps: DashboardApp[];
}

export type PinChange = 'added' | 'removed' | 'full';

const OTHER_APPS = '__other';

/**
 * The dashboard's state for one visit to `/` (provided by the dashboard component): the server's
 * answer, refreshed quietly (what is shown stays until the new answer arrives), and the person's
 * favourites, changed at once and saved in the background — put back as they were if saving fails.
 */
@Injectable()
export class DashboardStore {
  private readonly api = inject(DashboardApiService);
  private readonly pendingTasks = inject(PendingTasks);

  private readonly dataState = signal<Dashboard | null>(null);
  private readonly statusState = signal<DashboardStatus>('loading');
  private readonly loadErrorState = signal<MessageKey | null>(null);
  private readonly signedOutState = signal(false);
  private readonly pinnedState = signal<readonly string[]>([]);
  private readonly pinErrorState = signal<MessageKey | null>(null);

  readonly data = this.dataState.asReadonly();
  readonly status = this.statusState.asReadonly();
  /** Why the first load failed (later failures keep the tiles shown). */
  readonly loadError = this.loadErrorState.asReadonly();
  /** The server answered 401: the session ended elsewhere. */
  readonly signedOut = this.signedOutState.asReadonly();
  /** Why the last change to the favourites was undone. */
  readonly pinError = this.pinErrorState.asReadonly();

  readonly apps = computed(() => this.dataState()?.apps ?? []);
  readonly appsById = computed(() => new Map(this.apps().map((app) => [app.id, app])));
  readonly pinnedIds = computed(() => new Set(this.pinnedState()));
  readonly favourites = computed(() => this.pick(this.pinnedState()));
  readonly recent = computed(() => this.pick(this.dataState()?.recent ?? []));
  readonly requestable = computed(() => this.dataState()?.requestable ?? []);
  readonly sections = computed(() => this.buildSections(this.dataState()));

  private latestLoad = 0;
  /** Bumped by every local change to the favourites, so an answer read before it doesn't undo it. */
  private pinsVersion = 0;
  private confirmedPins: readonly string[] = [];
  private latestRequestedPins: readonly string[] = [];
  private saveChain: Promise<void> = Promise.resolve();
  private savesInFlight = 0;
  /** Bumped on a rollback: saves queued before it are dropped. */
  private saveGeneration = 0;

  /** Asks the server again; the first time shows skeletons, later times keep the tiles until it answers. */
  refresh(): Promise<void> {
    return this.track(async () => {
      const call = ++this.latestLoad;
      const first = this.dataState() === null;
      const pinsVersion = this.pinsVersion;
      if (first) {
        this.statusState.set('loading');
        this.loadErrorState.set(null);
      }
      try {
        const dashboard = await firstValueFrom(this.api.dashboard());
        if (call !== this.latestLoad) {
          return;
        }
        this.dataState.set(dashboard);
        this.statusState.set('ready');
        this.loadErrorState.set(null);
        if (this.savesInFlight === 0 && pinsVersion === this.pinsVersion) {
          this.confirmedPins = dashboard.pinned;
          this.pinnedState.set(dashboard.pinned);
        }
      } catch (error) {
        if (call !== this.latestLoad) {
          return;
        }
        const failure = toApiFailure(error);
        if (failure.status === 401) {
          this.signedOutState.set(true);
        } else if (!this.dataState()) {
          this.statusState.set('error');
          this.loadErrorState.set(failureMessageKey(failure));
        }
      }
    });
  }

  /** Pins the app at the end of the favourites, or unpins it. */
  togglePin(appId: string): PinChange {
    const current = this.pinnedState();
    if (current.includes(appId)) {
      void this.savePins(current.filter((id) => id !== appId));
      return 'removed';
    }
    if (current.length >= CATALOG_LIMITS.pinsMax) {
      this.pinErrorState.set('dashboard.favourites.full');
      return 'full';
    }
    void this.savePins([...current, appId]);
    return 'added';
  }

  /** Moves a favourite to `toIndex` (clamped); returns its new index, or null when it didn't move. */
  movePin(appId: string, toIndex: number): number | null {
    const order = this.favourites().map((app) => app.id);
    const from = order.indexOf(appId);
    const to = Math.max(0, Math.min(order.length - 1, toIndex));
    if (from < 0 || from === to) {
      return null;
    }
    order.splice(from, 1);
    order.splice(to, 0, appId);
    void this.savePins(order);
    return to;
  }

  /** Files a request; on success the app shows "Request sent". Rejects with the failure. */
  requestAccess(appId: string, reason: string): Promise<void> {
    return this.track(async () => {
      const trimmed = reason.trim();
      let sent: SentAccessRequest;
      try {
        sent = await firstValueFrom(this.api.requestAccess(trimmed ? { appId, reason: trimmed } : { appId }));
      } catch (error) {
        throw toApiFailure(error);
      }
      const request: NonNullable<RequestableApp['request']> = {
        id: sent?.id ?? '',
        status: sent?.status ?? 'pending',
        createdAt: sent?.createdAt ?? new Date().toISOString(),
        decidedAt: sent?.decidedAt ?? null,
        note: sent?.note ?? null,
      };
      this.dataState.update((data) =>
        data ? { ...data, requestable: data.requestable.map((app) => (app.id === appId ? { ...app, request } : app)) } : data,
      );
    });
  }

  dismissPinError(): void {
    this.pinErrorState.set(null);
  }

  /**
   * Shows `next` at once, then saves it after any save still under way (only the newest list is
   * sent). A failure puts back the last list the server accepted and drops the saves queued after it.
   */
  private savePins(next: readonly string[]): Promise<void> {
    this.pinErrorState.set(null);
    this.pinsVersion++;
    this.pinnedState.set(next);
    this.latestRequestedPins = next;
    const generation = this.saveGeneration;
    const run = async () => {
      if (generation !== this.saveGeneration || next !== this.latestRequestedPins) {
        return;
      }
      try {
        await firstValueFrom(this.api.savePins(next));
        this.confirmedPins = next;
      } catch (error) {
        if (generation === this.saveGeneration) {
          this.rollBackPins(toApiFailure(error));
        }
      }
    };
    // Nothing under way: send now (same tick); else after the save in flight.
    const save = this.savesInFlight === 0 ? run() : this.saveChain.then(run);
    this.savesInFlight++;
    this.saveChain = save.finally(() => this.savesInFlight--);
    return this.track(() => this.saveChain);
  }

  private rollBackPins(failure: ApiFailure): void {
    this.saveGeneration++;
    this.pinsVersion++;
    this.pinnedState.set(this.confirmedPins);
    this.pinErrorState.set('dashboard.favourites.saveFailed');
    if (failure.status === 401) {
      this.signedOutState.set(true);
    } else if (failure.status === 400) {
      // An app may have been taken away meanwhile: show what the server has now.
      void this.refresh();
    }
  }

  private pick(ids: readonly string[]): DashboardApp[] {
    const byId = this.appsById();
    return ids.map((id) => byId.get(id)).filter((app): app is DashboardApp => !!app);
  }

  private buildSections(data: Dashboard | null): SectionView[] {
    if (!data) {
      return [];
    }
    const listed = new Set<string>();
    const views: SectionView[] = [];
    for (const section of data.sections) {
      const apps = this.pick(section.appIds).filter((app) => !listed.has(app.id));
      apps.forEach((app) => listed.add(app.id));
      if (apps.length) {
        views.push({ id: section.id, name: section.name, apps });
      }
    }
    const others = data.apps.filter((app) => !listed.has(app.id));
    if (others.length) {
      views.push({ id: OTHER_APPS, name: null, apps: others });
    }
    return views;
  }

  /** Keeps the app "busy" (specs' whenStable, e2e) until the work has updated the signals. */
  private async track<R>(work: () => Promise<R>): Promise<R> {
    const done = this.pendingTasks.add();
    try {
      return await work();
    } finally {
      done();
    }
  }
}
