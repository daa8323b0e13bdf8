import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, PendingTasks, computed, inject, signal } from '@angular/core';
import { AuthRoutes, type CurrentUser } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { BrowserService } from './browser.service';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Who is signed in to the portal in this browser (GET /api/auth/me; 401 means nobody). Loaded once
 * and shared by the header, the home page and the guards; `load({ refresh: true })` asks again.
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly browser = inject(BrowserService);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly userState = signal<CurrentUser | null>(null);
  private readonly statusState = signal<SessionStatus>('idle');
  private pending: Promise<CurrentUser | null> | null = null;

  /** The signed-in person, or null (signed out, or not known yet: see `status`). */
  readonly currentUser = this.userState.asReadonly();
  /** 'ready' once the server answered (signed in or not); 'error' when it could not be asked. */
  readonly status = this.statusState.asReadonly();
  readonly signedIn = computed(() => this.userState() !== null);
  readonly isAdmin = computed(() => this.userState()?.isAdmin === true);

  /**
   * Resolves with the signed-in person or null when signed out; rejects when the server could not
   * answer (network, 5xx), leaving `status` at 'error'.
   */
  load(options: { refresh?: boolean } = {}): Promise<CurrentUser | null> {
    if (this.statusState() === 'ready' && !options.refresh) {
      return Promise.resolve(this.userState());
    }
    if (this.pending) {
      return this.pending;
    }
    // Not a pending task: the header loads it in the background; pages that wait for it hold their own.
    this.statusState.set('loading');
    this.pending = firstValueFrom(this.http.get<CurrentUser>(AuthRoutes.me))
      .then(
        (user) => this.settle(user),
        (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            return this.settle(null);
          }
          this.statusState.set('error');
          throw error;
        },
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /**
   * Ends this browser's session, then reloads the app at '/'. A 401 means it had already ended,
   * which is fine; other failures reject and the person stays where they are.
   */
  async signOut(): Promise<void> {
    const done = this.pendingTasks.add();
    try {
      await firstValueFrom(this.http.post<void>(AuthRoutes.signOut, {}));
    } catch (error) {
      if (!(error instanceof HttpErrorResponse && error.status === 401)) {
        throw error;
      }
    } finally {
      done();
    }
    this.settle(null);
    this.browser.assign('/');
  }

  private settle(user: CurrentUser | null): CurrentUser | null {
    this.userState.set(user);
    this.statusState.set('ready');
    return user;
  }
}
