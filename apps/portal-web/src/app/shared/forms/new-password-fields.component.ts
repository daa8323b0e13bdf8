import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@passerelle/contracts';
import { TranslatePipe } from '../../core/i18n';
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
export interface NewPasswordFeedback {
  errorsFor(field: NewPasswordField): string[] | null;
  describedBy(field: NewPasswordField, ...hintIds: string[]): string | null;
  clearServerErrors(field: NewPasswordField): void;
}

/**
 * "Password" and "Confirm the password" for a new password: length hint, live length meter, and
 * client or server errors under each field. Field ids are `<idPrefix>-password` and `<idPrefix>-passwordConfirm`.
 * Place it inside the page's `<form [formGroup]>`, whose group holds newPasswordControls().
 */
@Component({
  selector: 'psl-new-password-fields',
  imports: [ReactiveFormsModule, TranslatePipe, PasswordMeterComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: ':host { display: contents; }',
  // The controls bind to the page's own form group.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
  template: `
    <div class="field">
      <label class="field__label" [for]="id('password')">{{ 'password.label' | t }}</label>
      <p class="field__hint" [id]="id('password-hint')">{{ 'password.hint' | t: { min: min } }}</p>
      <input
        [id]="id('password')"
        class="field__input"
        type="password"
        formControlName="password"
        autocomplete="new-password"
        [attr.maxlength]="max"
        [attr.aria-invalid]="feedback().errorsFor('password') ? 'true' : null"
        [attr.aria-describedby]="feedback().describedBy('password', id('password-hint'), id('password-meter'))"
        (input)="feedback().clearServerErrors('password')"
      />
      <psl-password-meter [length]="passwordLength()" [min]="min" [labelId]="id('password-meter')" />
      @if (feedback().errorsFor('password'); as messages) {
        <p class="field__error" [id]="id('password-error')">{{ messages.join(' ') }}</p>
      }
    </div>

    <div class="field">
      <label class="field__label" [for]="id('passwordConfirm')">{{ 'password.confirmLabel' | t }}</label>
      <input
        [id]="id('passwordConfirm')"
        class="field__input"
        type="password"
        formControlName="passwordConfirm"
        autocomplete="new-password"
        [attr.maxlength]="max"
        [attr.aria-invalid]="feedback().errorsFor('passwordConfirm') ? 'true' : null"
        [attr.aria-describedby]="feedback().describedBy('passwordConfirm')"
        (input)="feedback().clearServerErrors('passwordConfirm')"
      />
      @if (feedback().errorsFor('passwordConfirm'); as messages) {
        <p class="field__error" [id]="id('passwordConfirm-error')">{{ messages.join(' ') }}</p>
      }
    </div>
  `,
})
export class NewPasswordFieldsComponent {
  readonly feedback = input.required<NewPasswordFeedback>();
  readonly idPrefix = input.required<string>();

  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  private readonly container = inject(ControlContainer, { skipSelf: true });

  protected id(suffix: string): string {
    return `${this.idPrefix()}-${suffix}`;
  }

  protected passwordLength(): number {
    const value: unknown = this.container.control?.get('password')?.value;
    return typeof value === 'string' ? value.length : 0;
  }
}
