import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { SessionInfo } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session';
import { AccountApiService } from './account-api.service';
import { ConfirmDialogComponent } from './confirm-dialog.component';
import { Loadable, pendingWork } from './loadable';
import { SessionListComponent } from './session-list.component';

/** Where this person is signed in: end one other session, or all of them (then back to '/'). */
@Component({
  selector: 'psl-sessions-section',
  imports: [TranslatePipe, ConfirmDialogComponent, SessionListComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './ui.css',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
    }
    .sessions__skeleton {
      height: 6rem;
    }
  `,
  template: `
    <p class="muted">{{ 'account.sessions.intro' | t }}</p>
    <p class="visually-hidden" role="status">
      @if (message(); as text) {
        {{ text }}
      }
    </p>
    @if (actionError(); as error) {
      <p class="notice notice--error" role="alert" data-testid="sessions-action-error">{{ error | t }}</p>
    }
    @switch (sessions.status()) {
      @case ('loading') {
        <span class="skeleton sessions__skeleton" aria-busy="true"><span class="visually-hidden">{{ 'common.loading' | t }}</span></span>
      }
      @case ('error') {
        <div class="notice notice--error" role="alert" data-testid="sessions-load-error">
          <p>{{ sessions.error()! | t }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="reload()">{{ 'common.retry' | t }}</button></p>
        </div>
      }
      @case ('ready') {
        @if (list().length === 0) {
          <p class="empty" data-testid="sessions-empty">{{ 'account.sessions.empty' | t }}</p>
        } @else {
          <psl-session-list [sessions]="list()" [busyId]="endingId()" (endSession)="end($event)" />
          @if (onlyThisDevice()) {
            <p class="muted small">{{ 'account.sessions.onlyThis' | t }}</p>
          }
        }
        <div class="actions">
          <button type="button" class="button button--danger" data-testid="sessions-everywhere" (click)="confirmOpen.set(true)">
            {{ 'account.sessions.everywhere' | t }}
          </button>
        </div>
      }
    }
    <psl-confirm-dialog
      [open]="confirmOpen()"
      [heading]="'account.sessions.everywhereTitle' | t"
      confirmLabel="account.sessions.everywhereConfirm"
      [busy]="signingOut()"
      [error]="everywhereError()"
      (confirmed)="signOutEverywhere()"
      (cancelled)="closeConfirm()"
    >
      <p>{{ 'account.sessions.everywhereBody' | t }}</p>
    </psl-confirm-dialog>
  `,
})
export class SessionsSectionComponent {
  private readonly api = inject(AccountApiService);
  private readonly track = pendingWork();
  private readonly browser = inject(BrowserService);
  private readonly i18n = inject(I18nService);

  protected readonly sessions = new Loadable<SessionInfo[]>();
  protected readonly list = computed(() => this.sessions.value() ?? []);
  protected readonly onlyThisDevice = computed(() => this.list().length === 1 && this.list()[0].current);
  protected readonly endingId = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly actionError = signal<MessageKey | null>(null);
  protected readonly confirmOpen = signal(false);
  protected readonly signingOut = signal(false);
  protected readonly everywhereError = signal<MessageKey | null>(null);

  constructor() {
    void this.reload();
  }

  protected reload(): Promise<void> {
    return this.sessions.load(() => this.api.sessions());
  }

  protected end(session: SessionInfo): Promise<void> {
    return this.track(() => this.endNow(session));
  }

  private async endNow(session: SessionInfo): Promise<void> {
    if (this.endingId()) {
      return;
    }
    this.endingId.set(session.id);
    this.actionError.set(null);
    this.message.set(null);
    try {
      await firstValueFrom(this.api.endSession(session.id));
      this.sessions.value.update((list) => (list ?? []).filter((item) => item.id !== session.id));
      this.message.set(
        this.i18n.translate('account.sessions.ended', { device: this.i18n.translate('account.sessions.device', { browser: session.browser, os: session.os }) }),
      );
    } catch (error) {
      this.actionError.set(failureMessageKey(toApiFailure(error)));
    } finally {
      this.endingId.set(null);
    }
  }

  protected closeConfirm(): void {
    this.confirmOpen.set(false);
    this.everywhereError.set(null);
  }

  protected signOutEverywhere(): Promise<void> {
    return this.track(() => this.signOutEverywhereNow());
  }

  private async signOutEverywhereNow(): Promise<void> {
    this.signingOut.set(true);
    this.everywhereError.set(null);
    try {
      await firstValueFrom(this.api.signOutEverywhere());
      this.browser.assign('/');
    } catch (error) {
      this.everywhereError.set(failureMessageKey(toApiFailure(error)));
      this.signingOut.set(false);
    }
  }
}
