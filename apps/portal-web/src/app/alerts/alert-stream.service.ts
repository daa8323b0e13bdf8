import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, InjectionToken, effect, inject, signal, untracked } from '@angular/core';
import { type AlertCounts, type AlertEventName, AlertRoutes, type AlertStateEvent, type AlertView } from '@passerelle/contracts';
import { Subject } from 'rxjs';
import { SessionService } from '../core/session/session.service';
import { AlertCountsStore } from './alert-counts.store';
import { AlertsApiService } from './alerts-api.service';
import { type AlertEventSource, EVENT_SOURCE_CLOSED, EVENT_SOURCE_FACTORY } from './event-source';

/**
 * - `connecting`: opening (or the browser is resuming after a brief drop: nothing to say yet);
 * - `live`: events arrive;
 * - `interrupted`: down for longer than STREAM_QUIET_DROP_MS — pages may say so, quietly;
 * - `off`: nobody signed in.
 */
export type StreamConnection = 'off' | 'connecting' | 'live' | 'interrupted';

/** How long a drop may last before it is worth telling anyone. */
export const STREAM_QUIET_DROP_MS = new InjectionToken<number>('STREAM_QUIET_DROP_MS', { providedIn: 'root', factory: () => 15_000 });

/** The server sends the counts as a stream opens; if none came by then, they are asked for. */
export const STREAM_COUNTS_WAIT_MS = new InjectionToken<number>('STREAM_COUNTS_WAIT_MS', { providedIn: 'root', factory: () => 5_000 });

/** Waits before opening a new stream when the browser gave up on the old one (it retries brief drops itself). */
export const STREAM_REOPEN_DELAYS_MS = new InjectionToken<readonly number[]>('STREAM_REOPEN_DELAYS_MS', {
  providedIn: 'root',
  factory: () => [2_000, 5_000, 15_000, 30_000, 60_000],
});

/**
 * The signed-in person's live alerts: one EventSource on AlertRoutes.events, opened while someone
 * is signed in and closed when they sign out. Brief drops are the browser's business (it resumes
 * with Last-Event-ID, so nothing is missed); when it gives up (an error answer), a new stream is
 * opened after a growing delay, once the session is known to be still valid, resuming from the
 * last event id it saw (`?lastEventId=`). Only when there was none to resume from does `resynced`
 * tell lists on screen to reload.
 */
@Injectable({ providedIn: 'root' })
export class AlertStreamService {
  private readonly session = inject(SessionService);
  private readonly api = inject(AlertsApiService);
  private readonly store = inject(AlertCountsStore);
  private readonly openSource = inject(EVENT_SOURCE_FACTORY);
  private readonly quietDropMs = inject(STREAM_QUIET_DROP_MS);
  private readonly countsWaitMs = inject(STREAM_COUNTS_WAIT_MS);
  private readonly reopenDelays = inject(STREAM_REOPEN_DELAYS_MS);

  private source: AlertEventSource | null = null;
  private userId: string | null = null;
  private reopenTimer: ReturnType<typeof setTimeout> | undefined;
  private dropTimer: ReturnType<typeof setTimeout> | undefined;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  /** The id of the last event received, to resume from when the browser gave up on a stream. */
  private lastEventId = '';
  private reopenAttempts = 0;
  /** Bumped by every `counts` event: a counts request answered after one is older news. */
  private countsVersion = 0;

  private readonly connectionState = signal<StreamConnection>('off');
  private readonly alertEvents = new Subject<AlertView>();
  private readonly stateEvents = new Subject<AlertStateEvent>();
  private readonly announcementEvents = new Subject<void>();
  private readonly resyncEvents = new Subject<void>();

  readonly connection = this.connectionState.asReadonly();
  /** Unread counts (null until known): the bell's and the tiles' badges. */
  readonly counts = this.store.counts;
  /** A new or updated alert (AlertView). */
  readonly alerts = this.alertEvents.asObservable();
  /** Read or dismissed state changed, here or in another tab. */
  readonly states = this.stateEvents.asObservable();
  /** An announcement was published or changed: reload the feed. */
  readonly announcements = this.announcementEvents.asObservable();
  /** The stream was opened afresh after the browser gave up on it: reload lists, events may be missing. */
  readonly resynced = this.resyncEvents.asObservable();

  constructor() {
    effect(() => {
      const userId = this.session.currentUser()?.id ?? null;
      untracked(() => this.follow(userId));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  /** Asks the server for the counts now (after a change made while the stream is down, say). */
  refreshCounts(): void {
    if (!this.userId) {
      return;
    }
    const seen = this.countsVersion;
    const userId = this.userId;
    this.api.counts().subscribe({
      next: (counts) => {
        if (this.countsVersion === seen && this.userId === userId) {
          this.store.set(counts);
        }
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 401) {
          // The session ended (signed out elsewhere): let the session say so, which stops the stream.
          this.session.load({ refresh: true }).catch(() => undefined);
        }
      },
    });
  }

  private follow(userId: string | null): void {
    if (userId === this.userId) {
      return;
    }
    this.stop();
    this.userId = userId;
    if (userId) {
      this.connect(false);
    }
  }

  private connect(reopened: boolean): void {
    const resumeFrom = reopened ? this.lastEventId : '';
    const url = resumeFrom ? `${AlertRoutes.events}?lastEventId=${encodeURIComponent(resumeFrom)}` : AlertRoutes.events;
    const source = this.openSource(url);
    this.source = source;
    if (this.connectionState() !== 'interrupted') {
      this.connectionState.set('connecting');
    }
    source.addEventListener('open', () => this.onOpen(source, reopened && !resumeFrom));
    source.addEventListener('error', () => this.onError(source));
    this.on(source, 'alert', (alert: AlertView) => this.alertEvents.next(alert));
    this.on(source, 'alert-state', (state: AlertStateEvent) => this.stateEvents.next(state));
    this.on(source, 'counts', (counts: AlertCounts) => {
      this.countsVersion++;
      clearTimeout(this.countsTimer);
      this.store.set(counts);
    });
    source.addEventListener('announcement', (event) => {
      if (source === this.source) {
        this.remember(event);
        this.announcementEvents.next();
      }
    });
    // Too much was missed to replay it: lists reload, as after a fresh start.
    source.addEventListener('reset', (event) => {
      if (source === this.source) {
        this.remember(event);
        this.resyncEvents.next();
      }
    });
  }

  /** Delivers a named event's JSON object; anything else (a malformed event) is dropped, not fatal. */
  private on<T>(source: AlertEventSource, name: Exclude<AlertEventName, 'announcement' | 'reset'>, deliver: (data: T) => void): void {
    source.addEventListener(name, (event) => {
      if (source !== this.source) {
        return;
      }
      this.remember(event);
      const data = parseObject((event as MessageEvent<unknown>).data);
      if (data) {
        deliver(data as T);
      }
    });
  }

  private remember(event: Event): void {
    const id = (event as MessageEvent<unknown>).lastEventId;
    if (id) {
      this.lastEventId = id;
    }
  }

  /** `resync`: opened afresh with nothing to resume from, so lists should reload. */
  private onOpen(source: AlertEventSource, resync: boolean): void {
    if (source !== this.source) {
      return;
    }
    clearTimeout(this.dropTimer);
    this.dropTimer = undefined;
    this.reopenAttempts = 0;
    this.connectionState.set('live');
    // The server starts every stream with the counts; ask only if they don't come.
    const seen = this.countsVersion;
    clearTimeout(this.countsTimer);
    this.countsTimer = setTimeout(() => {
      if (this.countsVersion === seen && source === this.source) {
        this.refreshCounts();
      }
    }, this.countsWaitMs);
    if (resync) {
      this.resyncEvents.next();
    }
  }

  private onError(source: AlertEventSource): void {
    if (source !== this.source) {
      return;
    }
    if (this.dropTimer === undefined && this.connectionState() !== 'interrupted') {
      this.dropTimer = setTimeout(() => {
        this.dropTimer = undefined;
        if (this.connectionState() !== 'live') {
          this.connectionState.set('interrupted');
        }
      }, this.quietDropMs);
    }
    if (source.readyState !== EVENT_SOURCE_CLOSED) {
      // CONNECTING: the browser is already retrying, and will resume with Last-Event-ID.
      if (this.connectionState() === 'live') {
        this.connectionState.set('connecting');
      }
      return;
    }
    source.close();
    this.source = null;
    const delay = this.reopenDelays[Math.min(this.reopenAttempts, this.reopenDelays.length - 1)] ?? 60_000;
    this.reopenAttempts++;
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => void this.reopen(), delay);
  }

  /** The browser refused to go on (often: the session ended). Checks the session, then opens a new stream. */
  private async reopen(): Promise<void> {
    const userId = this.userId;
    const user = await this.session.load({ refresh: true }).catch(() => undefined);
    if (user === null || !userId || this.userId !== userId || this.source) {
      // Signed out (the session effect stops everything) or already reopened.
      return;
    }
    this.connect(true);
  }

  private stop(): void {
    clearTimeout(this.reopenTimer);
    clearTimeout(this.dropTimer);
    clearTimeout(this.countsTimer);
    this.reopenTimer = undefined;
    this.dropTimer = undefined;
    this.source?.close();
    this.source = null;
    this.reopenAttempts = 0;
    this.lastEventId = '';
    this.store.clear();
    this.connectionState.set('off');
  }
}

function parseObject(data: unknown): object | null {
  if (typeof data !== 'string') {
    return null;
  }
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}
