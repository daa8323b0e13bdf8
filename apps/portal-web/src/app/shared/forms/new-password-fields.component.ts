import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@passerelle/contracts';
import { TranslatePipe } from '../../core/i18n';
import { FieldComponent, FieldControlDirective, type FieldFeedback } from './field.component';
import { PasswordMeterComponent } from './password-meter.component';
import { sameAs } from './validators';

export type NewPasswordField = 'password' | 'passwordConfirm';

/** The controls behind <psl-new-password-fields>; spread them into a page's form group. */
export function newPasswordControls(): Record<NewPasswordField, FormControl<string>> {
  return {
    password: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
    }),
    passwordConfirm: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  };
}

/** Group validator for the form holding newPasswordControls(): the confirmation must match. */
export const newPasswordsMatch = sameAs('password', 'passwordConfirm');

/** For FormFeedback's `groupErrors`: the mismatch is shown under the confirmation. */
export const NEW_PASSWORD_GROUP_ERRORS = { passwordConfirm: ['mismatch', 'validation.passwordMismatch'] } as const;

/** What the fields need from the page's FormFeedback (any FormFeedback whose fields include these fits). */
export type NewPasswordFeedback = FieldFeedback;

/**
 * "Password" and "Confirm the password" for a new password: length hint, live length meter, and
 * client or server errors under each field. Field ids follow the FormFeedback's prefix: `<prefix>-password`, `<prefix>-passwordConfirm`.
 * Place it inside the page's `<form [formGroup]>`, whose group holds newPasswordControls().
 */
@Component({
  selector: 'psl-new-password-fields',
  imports: [ReactiveFormsModule, TranslatePipe, PasswordMeterComponent, FieldComponent, FieldControlDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: contents; }',
  // The controls bind to the page's own form group.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
  template: `
    <psl-field
      [feedback]="feedback()"
      name="password"
      [label]="'password.label' | t"
      [hint]="'password.hint' | t: { min: min }"
      [describedByIds]="[meterId()]"
    >
      <input pslFieldControl type="password" formControlName="password" autocomplete="new-password" [attr.maxlength]="max" />
      <psl-password-meter [length]="passwordLength()" [min]="min" [labelId]="meterId()" />
    </psl-field>

    <psl-field [feedback]="feedback()" name="passwordConfirm" [label]="'password.confirmLabel' | t">
      <input pslFieldControl type="password" formControlName="passwordConfirm" autocomplete="new-password" [attr.maxlength]="max" />
    </psl-field>
  `,
})
export class NewPasswordFieldsComponent {
  readonly feedback = input.required<NewPasswordFeedback>();

  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  private readonly container = inject(ControlContainer, { skipSelf: true });

  protected meterId(): string {
    return `${this.feedback().idFor('password')}-meter`;
  }

  protected passwordLength(): number {
    const value: unknown = this.container.control?.get('password')?.value;
    return typeof value === 'string' ? value.length : 0;
  }
}
