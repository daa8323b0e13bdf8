import { PendingTasks, inject, signal } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import type { MessageKey } from '../core/i18n';

export type LoadStatus = 'loading' | 'ready' | 'error';

/** Something a page shows once the server answered: loading, the value, or the error message. */
export class Loadable<T> {
  readonly value = signal<T | null>(null);
  readonly status = signal<LoadStatus>('loading');
  readonly error = signal<MessageKey | null>(null);
  private latest = 0;
  private readonly track = pendingWork();

  /**
   * Loads from `source`; keeps the previous value visible while reloading when `quiet`. Only the
   * latest call counts: an older answer arriving late is ignored.
   */
  load(source: () => Observable<T>, options: { quiet?: boolean } = {}): Promise<void> {
    return this.track(() => this.fetch(source, options));
  }

  private async fetch(source: () => Observable<T>, options: { quiet?: boolean }): Promise<void> {
    const call = ++this.latest;
    if (!options.quiet) {
      this.status.set('loading');
    }
    this.error.set(null);
    try {
      const value = await firstValueFrom(source());
      if (call === this.latest) {
        this.value.set(value);
        this.status.set('ready');
      }
    } catch (error) {
      if (call !== this.latest) {
        return;
      }
      this.error.set(failureMessageKey(toApiFailure(error)));
      this.status.set('error');
    }
  }
}

/**
 * Runs async work as a pending task, so the app (and a spec's whenStable) counts as busy until it
 * has finished and updated its signals. Call in an injection context (a field initializer).
 */
export function pendingWork(): <R>(work: () => Promise<R>) => Promise<R> {
  const tasks = inject(PendingTasks);
  return async <R>(work: () => Promise<R>): Promise<R> => {
    const done = tasks.add();
    try {
      return await work();
    } finally {
      done();
    }
  };
}
