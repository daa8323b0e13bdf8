import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** Deliberately simple: something@something.tld, no spaces. The server has the last word. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailAddress: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null => {
  const value = (control.value ?? '').trim();
  return value === '' || EMAIL_PATTERN.test(value) ? null : { email: true };
};

/** Rejects values made only of spaces, which `Validators.required` lets through. */
export const notBlank: ValidatorFn = (control: AbstractControl<string>): ValidationErrors | null =>
  typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === '' ? { required: true } : null;

/** Group validator: `confirmName` must equal `name`; the error lands on the confirmation control. */
export function sameAs(name: string, confirmName: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const confirm = group.get(confirmName);
    const mismatch = !!confirm?.value && group.get(name)?.value !== confirm.value;
    return mismatch ? { mismatch: true } : null;
  };
}
