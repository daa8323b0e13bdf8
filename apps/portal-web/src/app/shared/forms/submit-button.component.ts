import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../../core/i18n';

/** A form's full-width submit button, disabled with a spinner while busy, which screen readers hear about. */
@Component({
  selector: 'psl-submit-button',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: contents; }',
  template: `
    <button type="submit" class="button button--primary button--block" [disabled]="busy()" [attr.data-testid]="testId()">
      @if (busy()) {
        <span class="spinner spinner--on-primary" aria-hidden="true"></span>
        {{ busyLabel() | t }}
      } @else {
        {{ label() | t }}
      }
    </button>
    <p class="visually-hidden" role="status">
      @if (busy()) {
        {{ busyLabel() | t }}
      }
    </p>
  `,
})
export class SubmitButtonComponent {
  readonly busy = input.required<boolean>();
  readonly label = input.required<MessageKey>();
  readonly busyLabel = input.required<MessageKey>();
  readonly testId = input<string | null>(null);
}
