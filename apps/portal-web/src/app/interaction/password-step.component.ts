import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { SessionPaths } from '../core/session/return-to';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { emailAddress } from '../shared/forms/validators';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionFlow } from './interaction-flow';

/** Step 'password': work email (pre-filled when known) and password. */
@Component({
  selector: 'psl-password-step',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldComponent, FieldControlDirective, SubmitButtonComponent, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  styles: `
    .password-input {
      position: relative;
      display: flex;
      gap: var(--space-2);
      align-items: stretch;
    }
    .password-input input {
      flex: 1 1 auto;
      min-width: 0;
    }
    .forgot {
      align-self: flex-start;
    }
    .password-toggle {
      flex: none;
      min-height: 2.75rem;
      padding: 0 var(--space-3);
      border: 1px solid var(--color-border-strong);
      border-radius: var(--radius-sm);
      background: var(--color-surface);
      color: var(--color-text);
      font: inherit;
      font-size: var(--font-size-sm);
      font-weight: 600;
      cursor: pointer;
    }
  `,
  template: `
    <p class="card__intro">{{ 'interaction.password.intro' | t }}</p>

    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" [retryAfter]="flow.retryAfter()" data-testid="interaction-error" />
      }
    </div>

    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      <psl-field [feedback]="feedback" name="email" [label]="'signIn.field.email' | t">
        <input
          pslFieldControl
          type="email"
          inputmode="email"
          spellcheck="false"
          autocapitalize="none"
          autocomplete="username"
          formControlName="email"
          [attr.maxlength]="limits.email"
        />
      </psl-field>

      <psl-field [feedback]="feedback" name="password" [label]="'signIn.field.password' | t">
        <div class="password-input">
          <input
            pslFieldControl
            [type]="showPassword() ? 'text' : 'password'"
            autocomplete="current-password"
            spellcheck="false"
            autocapitalize="none"
            formControlName="password"
            [attr.maxlength]="limits.password"
          />
          <button
            type="button"
            class="password-toggle"
            [attr.aria-controls]="feedback.idFor('password')"
            (click)="showPassword.set(!showPassword())"
            data-testid="password-toggle"
          >
            {{ (showPassword() ? 'interaction.password.hide' : 'interaction.password.show') | t }}
          </button>
        </div>
      </psl-field>

      <psl-submit-button
        [busy]="feedback.submitting()"
        label="interaction.continue"
        busyLabel="interaction.password.submitting"
        testId="password-submit"
      />
    </form>

    <a class="forgot" [routerLink]="resetPasswordPath">{{ 'interaction.password.forgot' | t }}</a>
  `,
})
export class PasswordStepComponent {
  protected readonly flow = inject(InteractionFlow);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly resetPasswordPath = SessionPaths.resetPassword;
  protected readonly limits = { email: EMAIL_MAX_LENGTH, password: PASSWORD_MAX_LENGTH };
  protected readonly showPassword = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: [this.flow.state()?.email ?? '', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected readonly feedback = new FormFeedback<'email' | 'password'>({
    form: this.form,
    fields: ['email', 'password'],
    idPrefix: 'interaction',
    formElement: this.formElement,
    banner: this.errorBanner,
  });

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const { email, password } = this.form.getRawValue();
      await this.flow.send((api, uid) => api.password(uid, { email: email.trim(), password }));
    });
  }
}
