import type { AbstractControl } from '@angular/forms';
import type { MessageKey, MessageParams } from '../../core/i18n';

export interface FieldMessage {
  key: MessageKey;
  params?: MessageParams;
}

/** Turns a control's client-side errors into translatable messages (first problem only, to keep it calm). */
export function clientErrorMessage(control: AbstractControl): FieldMessage | null {
  const errors = control.errors;
  if (!errors) {
    return null;
  }
  if (errors['required']) {
    return { key: 'validation.required' };
  }
  if (errors['email']) {
    return { key: 'validation.email' };
  }
  if (errors['minlength']) {
    return { key: 'validation.minLength', params: { min: (errors['minlength'] as { requiredLength: number }).requiredLength } };
  }
  if (errors['maxlength']) {
    return { key: 'validation.maxLength', params: { max: (errors['maxlength'] as { requiredLength: number }).requiredLength } };
  }
  return null;
}

/** Moves focus to the first field marked invalid inside `container`, in document order. */
export function focusFirstInvalid(container: HTMLElement | null | undefined): boolean {
  const target = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  target?.focus();
  return !!target;
}
