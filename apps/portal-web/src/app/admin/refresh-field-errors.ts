import { DestroyRef, type WritableSignal, inject } from '@angular/core';
import type { AbstractControl } from '@angular/forms';

/**
 * Keeps the error under each <psl-field> in step with its control after a failed submit.
 *
 * <psl-field> is OnPush and refreshes only when a signal FormFeedback reads changes; a control's
 * validity is not one of them, so "This field is required." stayed under a field already filled in.
 * Nudging `submitted` when the form changes refreshes them. Call in an injection context.
 * (The lasting fix belongs in FormFeedback.errorsFor: track the form's `events`.)
 */
export function refreshFieldErrors(form: AbstractControl, feedback: { readonly submitted: WritableSignal<boolean> }): void {
  const subscription = form.events.subscribe(() => {
    if (feedback.submitted()) {
      feedback.submitted.set(false);
      feedback.submitted.set(true);
    }
  });
  inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
}
