import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { CATALOG_LIMITS, type RequestableApp } from '@passerelle/contracts';
import { DialogComponent } from '../account/dialog.component';
import { type ApiFailure, failureMessageKey } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { DashboardStore } from './dashboard.store';

/**
 * Asking IT for an app: an optional reason (up to 500 characters), then the request is filed and
 * the app shows "Request sent". Open while `app` is set; the parent clears it on `closed`.
 */
@Component({
  selector: 'psl-request-access-dialog',
  imports: [TranslatePipe, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .reason {
      min-height: 6rem;
      resize: vertical;
    }
    .counter {
      text-align: right;
    }
    .counter--over {
      color: var(--color-danger);
      font-weight: 600;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: flex-end;
      gap: var(--space-3);
    }
    @media (max-width: 480px) {
      .actions .button {
        flex: 1 1 100%;
      }
    }
  `,
  template: `
    <psl-dialog
      [open]="!!app()"
      [heading]="'dashboard.request.title' | t: { name: app()?.name ?? '' }"
      testId="request-access-dialog"
      (closed)="cancel()"
    >
      <p>{{ 'dashboard.request.body' | t }}</p>
      <form class="form" novalidate (submit)="submit($event)">
        <div class="field">
          <label class="field__label" for="request-access-reason">{{ 'dashboard.request.reason' | t }}</label>
          <textarea
            id="request-access-reason"
            class="field__input reason"
            rows="4"
            data-autofocus
            aria-describedby="request-access-counter"
            [attr.aria-invalid]="tooLong() ? 'true' : null"
            [value]="reason()"
            (input)="reason.set($any($event.target).value)"
            data-testid="request-access-reason"
          ></textarea>
          <p id="request-access-counter" class="field__hint counter" [class.counter--over]="tooLong()">
            {{ 'dashboard.request.counter' | t: { count: reason().length, max: maxLength } }}
          </p>
        </div>
        @if (error(); as message) {
          <p class="notice notice--error" role="alert" data-testid="request-access-error">{{ message | t: { max: maxLength } }}</p>
        }
        <div class="actions">
          <button type="button" class="button button--secondary" (click)="cancel()">{{ 'dashboard.request.cancel' | t }}</button>
          <button
            type="submit"
            class="button button--primary"
            [disabled]="busy()"
            [attr.aria-busy]="busy() ? 'true' : null"
            data-testid="request-access-submit"
          >
            @if (busy()) {
              <span class="spinner spinner--on-primary" aria-hidden="true"></span>
              {{ 'dashboard.request.submitting' | t }}
            } @else {
              {{ 'dashboard.request.submit' | t }}
            }
          </button>
        </div>
      </form>
    </psl-dialog>
  `,
})
export class RequestAccessDialogComponent {
  readonly app = input<RequestableApp | null>(null);
  readonly closed = output<void>();
  /** The request was filed (the store already shows it on the app). */
  readonly sent = output<RequestableApp>();

  private readonly store = inject(DashboardStore);
  protected readonly maxLength = CATALOG_LIMITS.reasonMax;
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal<MessageKey | null>(null);
  protected readonly tooLong = computed(() => this.reason().length > this.maxLength);

  constructor() {
    // A fresh form for every app.
    effect(() => {
      this.app();
      untracked(() => {
        this.reason.set('');
        this.error.set(null);
        this.busy.set(false);
      });
    });
  }

  protected async submit(event: Event): Promise<void> {
    event.preventDefault();
    const app = this.app();
    if (!app || this.busy()) {
      return;
    }
    if (this.tooLong()) {
      this.error.set('dashboard.request.tooLong');
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.requestAccess(app.id, this.reason());
      this.busy.set(false);
      this.sent.emit(app);
    } catch (failure) {
      this.busy.set(false);
      this.error.set(this.messageFor(failure as ApiFailure));
    }
  }

  protected cancel(): void {
    if (!this.busy()) {
      this.closed.emit();
    }
  }

  private messageFor(failure: ApiFailure): MessageKey {
    // The server explains a refusal in English only; say it plainly in the person's language.
    if (failure.status === 400 || failure.status === 404 || failure.status === 409) {
      return 'dashboard.request.refusedByServer';
    }
    return failureMessageKey(failure);
  }
}
