import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { TOTP_CODE_LENGTH } from '@passerelle/contracts';
import type { MessageKey } from '../core/i18n';

/** A typed code without the spaces people copy or add for readability ("123 456"). */
export function compactCode(value: string): string {
  return value.replace(/[\s-]+/g, '');
}

const TOTP_PATTERN = new RegExp(`^\\d{${TOTP_CODE_LENGTH}}$`);

/**
 * Group validator: the control `name`, once filled in, must hold the authenticator's 6 digits.
 * A group error so FormFeedback shows it under the field (see TOTP_GROUP_ERRORS).
 */
export function totpCodeFormat(name: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const value: unknown = group.get(name)?.value;
    return typeof value === 'string' && value !== '' && !TOTP_PATTERN.test(compactCode(value)) ? { totpFormat: true } : null;
  };
}

export function totpGroupErrors<F extends string>(field: F): Partial<Record<F, readonly [string, MessageKey]>> {
  const errors: Partial<Record<F, readonly [string, MessageKey]>> = {};
  errors[field] = ['totpFormat', 'interaction.codeFormat'];
  return errors;
}

/** Attributes of a TOTP input: digits keyboard, one-time-code autofill, a space allowed ("123 456"). */
export const TOTP_INPUT = { maxLength: TOTP_CODE_LENGTH + 1, pattern: '[0-9 ]*' } as const;
export const RECOVERY_CODE_MAX_LENGTH = 64;
