import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors } from '@angular/forms';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionFlow } from './interaction-flow';

export const RECOVERY_CODES_FILENAME = 'recovery-codes.txt';

function savedConfirmed(group: AbstractControl): ValidationErrors | null {
  return group.get('saved')?.value === true ? null : { notSaved: true };
}

/**
 * Step 'recovery-codes', right after enrolment: the codes, shown once, with ways to keep them and a
 * confirmation before going on. After a reload they are gone; the page says where to make new ones.
 */
@Component({
  selector: 'psl-recovery-codes-step',
  imports: [ReactiveFormsModule, TranslatePipe, SubmitButtonComponent, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  styles: `
    .codes {
      display: grid;
      /* A column is as wide as one whole code (12 characters): two columns when they fit, else one,
         so a code never wraps in the middle (it did at 360 px). */
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 12.5ch), 1fr));
      gap: var(--space-2) var(--space-4);
      margin: 0;
      padding: var(--space-4);
      list-style: none;
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: var(--color-surface-muted);
      font-family: var(--font-mono);
      font-size: var(--font-size-lg);
      font-variant-numeric: tabular-nums;
    }
    .codes li {
      overflow-wrap: anywhere;
    }
    .copy-status {
      min-height: 1.5em;
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
    }
    .check {
      display: flex;
      gap: var(--space-3);
      align-items: flex-start;
      font-weight: 600;
    }
    .check input {
      flex: none;
      width: 1.25rem;
      height: 1.25rem;
      margin: 0.15rem 0 0;
      accent-color: var(--color-primary);
    }
  `,
  template: `
    @if (codes(); as list) {
      <p class="card__intro">{{ 'interaction.codes.intro' | t }}</p>
      <h2 class="visually-hidden" id="recovery-codes-label">{{ 'interaction.codes.listLabel' | t }}</h2>
      <ul class="codes" aria-labelledby="recovery-codes-label" data-testid="recovery-codes">
        @for (code of list; track $index) {
          <li>{{ code }}</li>
        }
      </ul>
      <div class="button-row">
        <button type="button" class="button button--secondary" (click)="download()" data-testid="codes-download">
          {{ 'interaction.codes.download' | t }}
        </button>
        <button type="button" class="button button--secondary" (click)="copy()" data-testid="codes-copy">
          {{ 'interaction.codes.copy' | t }}
        </button>
        <button type="button" class="button button--secondary" (click)="print()" data-testid="codes-print">
          {{ 'interaction.codes.print' | t }}
        </button>
      </div>
      <p class="copy-status" role="status">
        @if (copyStatus(); as status) {
          {{ status | t }}
        }
      </p>
    } @else {
      <p class="notice notice--info" data-testid="recovery-codes-gone">{{ 'interaction.codes.gone' | t }}</p>
    }

    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" [retryAfter]="flow.retryAfter()" data-testid="interaction-error" />
      }
    </div>

    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      @if (codes()) {
        <div class="field">
          <label class="check">
            <input
              type="checkbox"
              id="interaction-codes-saved"
              formControlName="saved"
              [attr.aria-invalid]="feedback.errorsFor('saved') ? 'true' : null"
              [attr.aria-describedby]="feedback.describedBy('saved')"
              data-testid="codes-saved"
            />
            <span>{{ 'interaction.codes.saved' | t }}</span>
          </label>
          @if (feedback.errorsFor('saved'); as messages) {
            <p class="field__error" id="interaction-codes-saved-error">{{ messages.join(' ') }}</p>
          }
        </div>
      }
      <psl-submit-button [busy]="feedback.submitting()" label="interaction.continue" busyLabel="interaction.continuing" testId="codes-continue" />
    </form>
  `,
})
export class RecoveryCodesStepComponent {
  protected readonly flow = inject(InteractionFlow);
  private readonly browser = inject(BrowserService);
  private readonly i18n = inject(I18nService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly codes = computed(() => {
    const codes = this.flow.state()?.recoveryCodes;
    return codes?.length ? codes : null;
  });
  protected readonly copyStatus = signal<MessageKey | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    { saved: [false] },
    // Only while the codes are on screen: after a reload there is nothing to confirm.
    { validators: (group: AbstractControl) => (this.codes() ? savedConfirmed(group) : null) },
  );

  protected readonly feedback = new FormFeedback<'saved'>({
    form: this.form,
    fields: ['saved'],
    idPrefix: 'interaction-codes',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: { saved: ['notSaved', 'interaction.codes.mustConfirm'] },
  });

  /** The codes as a text file: a line saying what they are, then one code per line. */
  protected fileText(): string {
    const state = this.flow.state();
    const header = this.i18n.translate('interaction.codes.fileHeader', {
      account: state?.email ?? '',
      org: state?.organisationName ?? '',
    });
    return [header, '', ...(this.codes() ?? []), ''].join('\n');
  }

  protected download(): void {
    this.browser.downloadText(RECOVERY_CODES_FILENAME, this.fileText());
  }

  protected async copy(): Promise<void> {
    this.copyStatus.set(null);
    try {
      await this.browser.copyText(this.fileText());
      this.copyStatus.set('interaction.copied');
    } catch {
      this.copyStatus.set('interaction.copyFailed');
    }
  }

  protected print(): void {
    this.browser.print();
  }

  protected submit(): Promise<void> {
    this.form.updateValueAndValidity();
    return this.feedback.submit(() => this.flow.send((api, uid) => api.finish(uid)));
  }
}
