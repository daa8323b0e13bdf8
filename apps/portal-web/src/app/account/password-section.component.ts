import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey } from '../core/http/api-error';
import { TranslatePipe } from '../core/i18n';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import {
  NEW_PASSWORD_GROUP_ERRORS,
  NewPasswordFieldsComponent,
  newPasswordControls,
  newPasswordsMatch,
} from '../shared/forms/new-password-fields.component';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { AccountApiService } from './account-api.service';
import { withFormFieldNames } from './api-fields';

type PasswordField = 'currentPassword' | 'password' | 'passwordConfirm';

/** Change the password: the current one, then the new one twice (POST /api/account/password). */
@Component({
  selector: 'psl-password-section',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    FieldComponent,
    FieldControlDirective,
    FormErrorBannerComponent,
    SubmitButtonComponent,
    NewPasswordFieldsComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="muted">{{ 'account.password.intro' | t }}</p>
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="password-error" />
      }
      @if (changed()) {
        <p class="notice notice--success" role="status" data-testid="password-changed">{{ 'account.password.changed' | t }}</p>
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement>
      <psl-field [feedback]="feedback" name="currentPassword" [label]="'account.password.current' | t">
        <input pslFieldControl type="password" formControlName="currentPassword" autocomplete="current-password" [attr.maxlength]="max" />
      </psl-field>
      <psl-new-password-fields [feedback]="feedback" />
      <div>
        <psl-submit-button [busy]="feedback.submitting()" label="account.password.submit" busyLabel="account.password.submitting" testId="password-submit" />
      </div>
    </form>
  `,
})
export class PasswordSectionComponent {
  private readonly api = inject(AccountApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly max = PASSWORD_MAX_LENGTH;
  protected readonly changed = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      currentPassword: ['', [Validators.required]],
      ...newPasswordControls(),
    },
    { validators: newPasswordsMatch },
  );

  protected readonly feedback = new FormFeedback<PasswordField>({
    form: this.form,
    fields: ['currentPassword', 'password', 'passwordConfirm'],
    idPrefix: 'account-password',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: NEW_PASSWORD_GROUP_ERRORS,
    messageFor: (failure) =>
      failure.code === 'invalid_credentials' ? 'account.password.wrongCurrent' : failureMessageKey(failure),
  });

  protected submit(): Promise<void> {
    this.changed.set(false);
    return this.feedback.submit(async () => {
      const { currentPassword, password } = this.form.getRawValue();
      try {
        await firstValueFrom(this.api.changePassword({ currentPassword, newPassword: password }));
      } catch (error) {
        throw withFormFieldNames(error, { newPassword: 'password' });
      }
      this.form.reset();
      this.feedback.submitted.set(false);
      this.changed.set(true);
    });
  }
}
