import { ChangeDetectionStrategy, Component, computed, effect, input, output, signal, untracked } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { DialogComponent } from './dialog.component';

/**
 * "Are you sure?" for an action that is hard to undo: what will happen (projected), an optional name
 * to type first, the error of a failed attempt, Cancel (focused first) and the confirm button.
 * The parent runs the action on `confirmed` and closes it by setting `open` to false.
 */
@Component({
  selector: 'psl-confirm-dialog',
  imports: [TranslatePipe, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './ui.css',
  template: `
    <psl-dialog [open]="open()" [heading]="heading()" [testId]="testId()" (closed)="cancel()">
      <ng-content />
      @if (typeToConfirm(); as expected) {
        <div class="field">
          <label class="field__label" [for]="inputId">{{ 'account.confirm.typeLabel' | t: { text: expected } }}</label>
          <input
            class="field__input"
            type="text"
            autocomplete="off"
            spellcheck="false"
            data-autofocus
            [id]="inputId"
            [value]="typed()"
            (input)="typed.set($any($event.target).value)"
            (keydown.enter)="confirm($event)"
          />
        </div>
      }
      @if (error(); as message) {
        <p class="notice notice--error" role="alert">{{ message | t }}</p>
      }
      <div class="actions confirm__actions">
        <button type="button" class="button button--secondary" [attr.data-autofocus]="typeToConfirm() ? null : ''" (click)="cancel()">
          {{ 'account.confirm.cancel' | t }}
        </button>
        <button
          type="button"
          class="button"
          [class.button--danger]="danger()"
          [class.button--primary]="!danger()"
          [disabled]="busy() || !matches()"
          [attr.aria-busy]="busy() ? 'true' : null"
          data-testid="confirm-dialog-confirm"
          (click)="confirm($event)"
        >
          @if (busy()) {
            <span class="spinner spinner--on-primary" aria-hidden="true"></span>
          }
          {{ confirmLabel() | t }}
        </button>
      </div>
    </psl-dialog>
  `,
  styles: `
    .confirm__actions {
      justify-content: flex-end;
      padding-top: var(--space-2);
    }
  `,
})
export class ConfirmDialogComponent {
  readonly open = input.required<boolean>();
  readonly heading = input.required<string>();
  readonly confirmLabel = input.required<MessageKey>();
  readonly danger = input(true);
  readonly busy = input(false);
  readonly error = input<MessageKey | null>(null);
  /** When set, the confirm button stays disabled until exactly this text is typed. */
  readonly typeToConfirm = input<string | null>(null);
  readonly testId = input<string | null>('confirm-dialog');

  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  private static count = 0;
  protected readonly inputId = `psl-confirm-${++ConfirmDialogComponent.count}-text`;
  protected readonly typed = signal('');
  protected readonly matches = computed(() => {
    const expected = this.typeToConfirm();
    return !expected || this.typed().trim() === expected.trim();
  });

  constructor() {
    // A fresh start each time it opens.
    effect(() => {
      if (!this.open()) {
        untracked(() => this.typed.set(''));
      }
    });
  }

  protected confirm(event: Event): void {
    event.preventDefault();
    if (this.busy() || !this.matches()) {
      return;
    }
    this.confirmed.emit();
  }

  protected cancel(): void {
    if (this.busy()) {
      return;
    }
    this.typed.set('');
    this.cancelled.emit();
  }
}
