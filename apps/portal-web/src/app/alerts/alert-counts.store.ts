import { Injectable, computed, signal } from '@angular/core';
import type { AlertCounts, AlertView } from '@passerelle/contracts';

/** What a badge shows: nothing at 0, the number up to 99, then "99+". */
export function badgeText(count: number | null | undefined): string | null {
  if (!count || count < 0) {
    return null;
  }
  return count > 99 ? '99+' : String(count);
}

/**
 * The signed-in person's unread counts: the bell's badge and each tile's. Plain state, no request of
 * its own (AlertStreamService fills it), so any component may read it without starting anything.
 */
@Injectable({ providedIn: 'root' })
export class AlertCountsStore {
  private readonly state = signal<AlertCounts | null>(null);

  /** Null until the server first answered (or after sign-out). */
  readonly counts = this.state.asReadonly();
  readonly unread = computed(() => this.state()?.unread ?? 0);
  readonly critical = computed(() => this.state()?.critical ?? 0);

  unreadFor(appId: string): number {
    return this.state()?.byApp[appId] ?? 0;
  }

  set(counts: AlertCounts): void {
    this.state.set(counts);
  }

  clear(): void {
    this.state.set(null);
  }

  /**
   * Applies a read/unread change at once, so badges follow the click; the server's next `counts`
   * event replaces the guess.
   */
  applyRead(alert: Pick<AlertView, 'appId' | 'severity'>, read: boolean): void {
    const delta = read ? -1 : 1;
    this.state.update((counts) => {
      if (!counts) {
        return counts;
      }
      const byApp = { ...counts.byApp };
      if (alert.appId) {
        const next = Math.max(0, (byApp[alert.appId] ?? 0) + delta);
        if (next) {
          byApp[alert.appId] = next;
        } else {
          delete byApp[alert.appId];
        }
      }
      return {
        unread: Math.max(0, counts.unread + delta),
        critical: alert.severity === 'critical' ? Math.max(0, counts.critical + delta) : counts.critical,
        byApp,
      };
    });
  }

  /** After "mark all read" (for one app, or all). */
  applyAllRead(appId?: string): void {
    this.state.update((counts) => {
      if (!counts) {
        return counts;
      }
      if (!appId) {
        return { unread: 0, critical: 0, byApp: {} };
      }
      // Which of the app's alerts were critical isn't known here: the server's counts will say.
      const { [appId]: cleared = 0, ...byApp } = counts.byApp;
      return { ...counts, unread: Math.max(0, counts.unread - cleared), byApp };
    });
  }
}
