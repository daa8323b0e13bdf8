import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe } from '../../core/i18n';

/** Live length hint under a new-password field: a small bar and "n of min characters". */
@Component({
  selector: 'psl-password-meter',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="meter" [class.meter--ok]="enough()">
      <span class="meter__track" aria-hidden="true">
        <span class="meter__fill" [style.width.%]="progress()"></span>
      </span>
      <span class="meter__label" [id]="labelId()" data-testid="password-meter">
        @if (enough()) {
          {{ 'password.enough' | t: { count: length() } }}
        } @else {
          {{ 'password.progress' | t: { count: length(), min: min() } }}
        }
      </span>
    </div>
  `,
  styles: `
    .meter {
      display: flex;
      align-items: center;
      gap: var(--space-3);
      margin-top: var(--space-2);
      min-height: 1.5rem;
    }
    .meter__track {
      flex: 0 0 6rem;
      height: 0.375rem;
      border-radius: var(--radius-pill);
      background: var(--color-border);
      overflow: hidden;
    }
    .meter__fill {
      display: block;
      height: 100%;
      width: 0;
      border-radius: inherit;
      background: var(--color-warning);
      transition: width 120ms ease-out;
    }
    .meter--ok .meter__fill {
      background: var(--color-success);
    }
    .meter__label {
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
      font-variant-numeric: tabular-nums;
    }
    .meter--ok .meter__label {
      color: var(--color-success);
    }
    @media (prefers-reduced-motion: reduce) {
      .meter__fill {
        transition: none;
      }
    }
  `,
})
export class PasswordMeterComponent {
  /** How many characters are typed. */
  readonly length = input.required<number>();
  readonly min = input.required<number>();
  /** Id of the text, for the password field's aria-describedby. */
  readonly labelId = input.required<string>();

  protected readonly enough = computed(() => this.length() >= this.min());
  protected readonly progress = computed(() => Math.min(100, Math.round((this.length() / this.min()) * 100)));
}
