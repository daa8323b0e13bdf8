import { DestroyRef, computed, inject, signal } from '@angular/core';
import type { AlertListQuery, AlertStateEvent, AlertView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { pendingWork } from '../account/loadable';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import type { MessageKey } from '../core/i18n';
import { AlertCountsStore } from './alert-counts.store';
import { AlertStreamService } from './alert-stream.service';
import { AlertsApiService } from './alerts-api.service';

/** Which alerts a list shows (the list query without its cursor). */
export type AlertFilter = Pick<AlertListQuery, 'appId' | 'severity' | 'unread'>;

export type FeedStatus = 'loading' | 'ready' | 'error';

/**
 * A list of the person's alerts kept up to date: loaded page by page, new alerts from the stream
 * put in place (when they match the filter), read and dismissed states from other tabs applied, and
 * the person's own changes shown at once (badges too), undone if the server refuses them.
 * Create it in an injection context (a component's field).
 */
export class AlertFeed {
  private readonly api = inject(AlertsApiService);
  private readonly store = inject(AlertCountsStore);
  private readonly stream = inject(AlertStreamService);
  private readonly track = pendingWork();
  private filter: AlertFilter = {};
  private latest = 0;

  readonly items = signal<AlertView[]>([]);
  readonly status = signal<FeedStatus>('loading');
  readonly error = signal<MessageKey | null>(null);
  readonly nextCursor = signal<string | null>(null);
  readonly loadingMore = signal(false);
  readonly moreError = signal<MessageKey | null>(null);
  /** The last change the server refused (mark read, dismiss, mark all read). */
  readonly changeError = signal<MessageKey | null>(null);
  readonly anyUnread = computed(() => this.items().some((alert) => !alert.read));

  constructor(private readonly pageSize: number) {
    const subscriptions = [
      this.stream.alerts.subscribe((alert) => this.upsert(alert)),
      this.stream.states.subscribe((state) => this.applyState(state)),
      this.stream.resynced.subscribe(() => void this.load(this.filter, { quiet: true })),
    ];
    inject(DestroyRef).onDestroy(() => subscriptions.forEach((subscription) => subscription.unsubscribe()));
  }

  /** The first page for `filter`. Quiet: what is on screen stays until the answer replaces it. */
  load(filter: AlertFilter = this.filter, options: { quiet?: boolean } = {}): Promise<void> {
    this.filter = { ...filter };
    const call = ++this.latest;
    return this.track(async () => {
      if (!options.quiet) {
        this.status.set('loading');
      }
      this.error.set(null);
      this.moreError.set(null);
      try {
        const list = await firstValueFrom(this.api.list({ ...this.filter, limit: this.pageSize }));
        if (call !== this.latest) {
          return;
        }
        this.items.set(list.items);
        this.nextCursor.set(list.nextCursor);
        this.store.set(list.counts);
        this.status.set('ready');
      } catch (error) {
        if (call !== this.latest) {
          return;
        }
        this.error.set(failureMessageKey(toApiFailure(error)));
        this.status.set('error');
      }
    });
  }

  /** The next (older) page, appended. */
  loadMore(): Promise<void> {
    const before = this.nextCursor();
    if (!before || this.loadingMore()) {
      return Promise.resolve();
    }
    const call = this.latest;
    return this.track(async () => {
      this.loadingMore.set(true);
      this.moreError.set(null);
      try {
        const list = await firstValueFrom(this.api.list({ ...this.filter, before, limit: this.pageSize }));
        if (call !== this.latest) {
          return;
        }
        const shown = new Set(this.items().map((alert) => alert.id));
        this.items.update((items) => [...items, ...list.items.filter((alert) => !shown.has(alert.id))]);
        this.nextCursor.set(list.nextCursor);
      } catch (error) {
        this.moreError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.loadingMore.set(false);
      }
    });
  }

  setRead(alert: AlertView, read: boolean): Promise<void> {
    if (alert.read === read) {
      return Promise.resolve();
    }
    return this.change(alert, { read }, () => {
      this.patch(alert.id, { read });
      this.store.applyRead(alert, read);
      return () => {
        this.patch(alert.id, { read: alert.read });
        this.store.applyRead(alert, alert.read);
      };
    });
  }

  dismiss(alert: AlertView): Promise<void> {
    return this.change(alert, { dismissed: true }, () => {
      const before = this.items();
      this.items.update((items) => items.filter((item) => item.id !== alert.id));
      if (!alert.read) {
        this.store.applyRead(alert, true);
      }
      return () => {
        this.items.set(before);
        if (!alert.read) {
          this.store.applyRead(alert, false);
        }
      };
    });
  }

  /** Following an alert's link (or an action) counts as reading it. */
  opened(alert: AlertView): void {
    if (!alert.read) {
      void this.setRead(alert, true);
    }
  }

  /** Every alert read, or only one app's when the list is filtered to it. Resolves with whether the server agreed. */
  markAllRead(appId?: string): Promise<boolean> {
    return this.track(async () => {
      this.changeError.set(null);
      const before = this.items();
      this.items.update((items) => items.map((item) => (!appId || item.appId === appId ? { ...item, read: true } : item)));
      const counts = this.store.counts();
      this.store.applyAllRead(appId);
      try {
        await firstValueFrom(this.api.readAll(appId));
        this.afterChange();
        return true;
      } catch (error) {
        this.items.set(before);
        if (counts) {
          this.store.set(counts);
        }
        this.changeError.set(failureMessageKey(toApiFailure(error)));
        return false;
      }
    });
  }

  private change(alert: AlertView, request: { read?: boolean; dismissed?: boolean }, apply: () => () => void): Promise<void> {
    return this.track(async () => {
      this.changeError.set(null);
      const undo = apply();
      try {
        await firstValueFrom(this.api.update(alert.id, request));
        this.afterChange();
      } catch (error) {
        undo();
        this.changeError.set(failureMessageKey(toApiFailure(error)));
      }
    });
  }

  /** The stream normally brings the server's counts; without it, ask. */
  private afterChange(): void {
    if (this.stream.connection() !== 'live') {
      this.stream.refreshCounts();
    }
  }

  private patch(id: string, change: Partial<AlertView>): void {
    this.items.update((items) => items.map((item) => (item.id === id ? { ...item, ...change } : item)));
  }

  /** A live alert: replaces the one shown, or goes in by date if the filter wants it. */
  private upsert(alert: AlertView): void {
    if (this.status() !== 'ready') {
      return;
    }
    const index = this.items().findIndex((item) => item.id === alert.id);
    if (index >= 0 && this.items()[index].updatedAt === alert.updatedAt) {
      this.items.update((items) => items.map((item, i) => (i === index ? alert : item)));
      return;
    }
    // New, or changed by its app: placed by its last change, as the server orders the list.
    const items = this.items().filter((item) => item.id !== alert.id);
    if (!this.matches(alert)) {
      this.items.set(items);
      return;
    }
    const at = items.findIndex((item) => item.updatedAt <= alert.updatedAt);
    if (at < 0 && this.nextCursor()) {
      // Older than everything shown while older pages remain: it comes with "load older".
      return;
    }
    const position = at < 0 ? items.length : at;
    this.items.set([...items.slice(0, position), alert, ...items.slice(position)]);
  }

  private applyState(state: AlertStateEvent): void {
    const ids = new Set(state.ids);
    if (state.dismissed) {
      this.items.update((items) => items.filter((item) => !ids.has(item.id)));
      return;
    }
    if (state.read !== undefined) {
      const read = state.read;
      // Kept in the list even under "unread only": a row vanishing under the pointer is worse.
      this.items.update((items) => items.map((item) => (ids.has(item.id) && item.read !== read ? { ...item, read } : item)));
    }
  }

  private matches(alert: AlertView): boolean {
    const { appId, severity, unread } = this.filter;
    return (!appId || alert.appId === appId) && (!severity || alert.severity === severity) && (!unread || !alert.read);
  }
}
