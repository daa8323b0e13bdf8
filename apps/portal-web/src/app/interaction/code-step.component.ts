import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { TranslatePipe } from '../core/i18n';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { RECOVERY_CODE_MAX_LENGTH, TOTP_INPUT, compactCode, totpCodeFormat, totpGroupErrors } from './code-format';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionFlow } from './interaction-flow';

/** Step 'totp': the code from the authenticator app, or a recovery code instead. */
@Component({
  selector: 'psl-code-step',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, SubmitButtonComponent, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  template: `
    @if (flow.codeMode() === 'totp') {
      <p class="card__intro">{{ 'interaction.totp.intro' | t }}</p>
    } @else {
      <p class="card__intro">{{ 'interaction.recovery.intro' | t }}</p>
    }

    <div class="form-banner-slot">
      @if (feedback().banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" [retryAfter]="flow.retryAfter()" data-testid="interaction-error" />
      }
    </div>

    @if (flow.codeMode() === 'totp') {
      <form class="form" [formGroup]="totpForm" (ngSubmit)="submitTotp()" #formElement novalidate>
        <psl-field [feedback]="totpFeedback" name="code" [label]="'interaction.totp.field' | t" [hint]="'interaction.totp.hint' | t">
          <input
            pslFieldControl
            class="code-input"
            type="text"
            inputmode="numeric"
            autocomplete="one-time-code"
            spellcheck="false"
            [attr.pattern]="totpInput.pattern"
            [attr.maxlength]="totpInput.maxLength"
            formControlName="code"
          />
        </psl-field>
        <psl-submit-button [busy]="totpFeedback.submitting()" label="interaction.verify" busyLabel="interaction.verifying" testId="totp-submit" />
      </form>
      <button type="button" class="link-button" (click)="useMode('recovery')" data-testid="use-recovery">
        {{ 'interaction.totp.useRecovery' | t }}
      </button>
    } @else {
      <form class="form" [formGroup]="recoveryForm" (ngSubmit)="submitRecovery()" #formElement novalidate>
        <psl-field [feedback]="recoveryFeedback" name="code" [label]="'interaction.recovery.field' | t">
          <input
            pslFieldControl
            class="code-input"
            type="text"
            autocomplete="off"
            autocapitalize="none"
            spellcheck="false"
            [attr.maxlength]="recoveryMaxLength"
            formControlName="code"
          />
        </psl-field>
        <psl-submit-button [busy]="recoveryFeedback.submitting()" label="interaction.verify" busyLabel="interaction.verifying" testId="recovery-submit" />
      </form>
      <button type="button" class="link-button" (click)="useMode('totp')" data-testid="use-totp">
        {{ 'interaction.recovery.useTotp' | t }}
      </button>
    }
  `,
})
export class CodeStepComponent {
  protected readonly flow = inject(InteractionFlow);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly totpInput = TOTP_INPUT;
  protected readonly recoveryMaxLength = RECOVERY_CODE_MAX_LENGTH;

  protected readonly totpForm = this.fb.group({ code: ['', [Validators.required]] }, { validators: totpCodeFormat('code') });
  protected readonly recoveryForm = this.fb.group({
    code: ['', [Validators.required, Validators.maxLength(RECOVERY_CODE_MAX_LENGTH)]],
  });

  protected readonly totpFeedback = new FormFeedback<'code'>({
    form: this.totpForm,
    fields: ['code'],
    idPrefix: 'interaction-totp',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: totpGroupErrors('code'),
    codeFields: { totp_invalid: 'code', totp_reused: 'code' },
  });

  protected readonly recoveryFeedback = new FormFeedback<'code'>({
    form: this.recoveryForm,
    fields: ['code'],
    idPrefix: 'interaction-recovery',
    formElement: this.formElement,
    banner: this.errorBanner,
    codeFields: { recovery_code_invalid: 'code' },
  });

  protected feedback(): FormFeedback<'code'> {
    return this.flow.codeMode() === 'totp' ? this.totpFeedback : this.recoveryFeedback;
  }

  protected useMode(mode: 'totp' | 'recovery'): void {
    this.totpFeedback.banner.set(null);
    this.recoveryFeedback.banner.set(null);
    this.flow.codeMode.set(mode);
  }

  protected submitTotp(): Promise<void> {
    return this.totpFeedback.submit(async () => {
      const code = compactCode(this.totpForm.getRawValue().code);
      await this.flow.send((api, uid) => api.totp(uid, { code }));
    });
  }

  protected submitRecovery(): Promise<void> {
    return this.recoveryFeedback.submit(async () => {
      const code = this.recoveryForm.getRawValue().code.trim();
      await this.flow.send((api, uid) => api.recovery(uid, { code }));
    });
  }
}
