import { Injectable, PendingTasks, computed, inject, signal } from '@angular/core';
import type { InteractionState } from '@passerelle/contracts';
import { type Observable, firstValueFrom } from 'rxjs';
import { toApiFailure } from '../core/http/api-error';
import { BrowserService } from '../core/session/browser.service';
import { retryAfterSeconds } from '../core/session/retry-after';
import { InteractionApiService } from './interaction-api.service';

/** What the page shows: the state being fetched, a step, or why there is none. */
export type InteractionView = 'loading' | 'step' | 'expired' | 'unreachable';

/** On the 'totp' step the person may use a recovery code instead. */
export type CodeMode = 'totp' | 'recovery';

/**
 * One sign-in in progress (provided by the interaction page): its current state, the requests that
 * move it on, and what happens when it expires or ends. Steps call `send`; a failure other than
 * expiry is rethrown for the step's FormFeedback to show.
 */
@Injectable()
export class InteractionFlow {
  private readonly api = inject(InteractionApiService);
  private readonly browser = inject(BrowserService);
  private readonly pendingTasks = inject(PendingTasks);
  private uid = '';

  readonly view = signal<InteractionView>('loading');
  readonly state = signal<InteractionState | null>(null);
  readonly codeMode = signal<CodeMode>('totp');
  /** Seconds to wait, from the last refusal for too many attempts. */
  readonly retryAfter = signal<number | null>(null);
  /** True while Cancel is on its way. */
  readonly aborting = signal(false);
  /** The app being signed in to, or null for the portal itself (no "to continue to …" then). */
  readonly appName = computed(() => {
    const client = this.state()?.client;
    if (!client || (client.firstParty && client.name === 'Passerelle')) {
      return null;
    }
    return client.name;
  });

  async load(uid: string): Promise<void> {
    this.uid = uid;
    this.view.set('loading');
    const done = this.pendingTasks.add();
    try {
      this.apply(await firstValueFrom(this.api.state(uid)));
    } catch (error) {
      this.view.set(isExpiry(error) ? 'expired' : 'unreachable');
    } finally {
      done();
    }
  }

  /**
   * Sends one step and shows the state that comes back. Expiry switches to the expired page and
   * resolves; other failures are rethrown (with `retryAfter` set for too many attempts).
   */
  async send(request: (api: InteractionApiService, uid: string) => Observable<InteractionState>): Promise<void> {
    this.retryAfter.set(null);
    let next: InteractionState;
    try {
      next = await firstValueFrom(request(this.api, this.uid));
    } catch (error) {
      if (isExpiry(error)) {
        this.view.set('expired');
        return;
      }
      this.retryAfter.set(retryAfterSeconds(error));
      throw error;
    }
    this.apply(next);
  }

  /** Cancel: tells the provider (the app hears "access denied") and follows it back to the app. */
  async abort(): Promise<void> {
    if (this.aborting()) {
      return;
    }
    this.aborting.set(true);
    const done = this.pendingTasks.add();
    try {
      const next = await firstValueFrom(this.api.abort(this.uid));
      if (next.redirectTo) {
        this.browser.assign(next.redirectTo);
      } else {
        this.apply(next);
        this.aborting.set(false);
      }
    } catch (error) {
      this.aborting.set(false);
      this.view.set(isExpiry(error) ? 'expired' : 'unreachable');
    } finally {
      done();
    }
  }

  /** Starting again from the portal's home page (which leads to a fresh sign-in). */
  restart(): void {
    this.browser.assign('/');
  }

  private apply(next: InteractionState): void {
    if (next.step !== this.state()?.step) {
      this.codeMode.set('totp');
    }
    this.state.set(next);
    this.view.set('step');
    if (next.step === 'done' && next.redirectTo) {
      this.browser.assign(next.redirectTo);
    }
  }
}

function isExpiry(error: unknown): boolean {
  const failure = toApiFailure(error);
  return failure.code === 'interaction_expired' || failure.status === 404;
}
