import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { FieldFeedback } from '../shared/forms/field.component';
import type { FormFeedback } from '../shared/forms/form-feedback';
import type { I18nService, MessageKey, MessageParams } from '../core/i18n';
import { lastEndDay, parseDay } from './guest-dates';

export interface DateProblem {
  key: MessageKey;
  params?: MessageParams;
}

/** Group error `guestDates`: what is wrong with each date field, by field name. */
export type DateProblems = Partial<Record<'startDate' | 'endDate', DateProblem>>;

export interface GuestDateRuleOptions {
  /** Today's date as an <input type="date"> value (from the injected clock). */
  today: () => string;
  /** The longest access allowed, in days; null to leave that check to the server. */
  maxDays: () => number | null;
  /** The start when the form has no start field (editing an existing guest). */
  fixedStart?: () => string | null;
  /** The end day already saved: left as it is, it isn't checked again (an ended guest's end is past). */
  savedEnd?: () => string | null;
}

/**
 * Group validator mirroring the server's date rules so people hear about them before sending: a
 * start that isn't in the past, an end that is a real day, not in the past, not before the start,
 * and within the longest access allowed (from the start, or from today once it has started). Day
 * strings compare as dates ("2027-03-31").
 */
export function guestDatesRule(options: GuestDateRuleOptions): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const today = options.today();
    const problems: DateProblems = {};
    const startControl = group.get('startDate');
    let start = options.fixedStart?.() ?? today;
    if (startControl) {
      const value = String(startControl.value ?? '').trim();
      if (value && !parseDay(value)) {
        problems.startDate = { key: 'guests.form.dateInvalid' };
      } else if (value && value < today) {
        problems.startDate = { key: 'guests.form.startPast' };
      } else if (value) {
        start = value;
      }
    }
    const end = String(group.get('endDate')?.value ?? '').trim();
    const maxDays = options.maxDays();
    if (end && end === options.savedEnd?.()) {
      // Unchanged: nothing to check.
    } else if (end && !parseDay(end)) {
      problems.endDate = { key: 'guests.form.dateInvalid' };
    } else if (end && end < today) {
      problems.endDate = { key: 'guests.form.endPast' };
    } else if (end && end < start) {
      problems.endDate = { key: 'guests.form.endBeforeStart' };
    } else if (end && maxDays !== null && end > lastEndDay(start > today ? start : today, maxDays)) {
      // Counted from the start, or from today for an access already started (an extension).
      problems.endDate = { key: 'guests.form.endTooFar', params: { max: maxDays } };
    }
    return problems.startDate || problems.endDate ? { guestDates: problems } : null;
  };
}

/**
 * The form's FormFeedback, plus the date problems found by `guestDatesRule` shown under their date
 * field (FormFeedback's group errors have one fixed message per field; the end date has several).
 */
export class GuestFormFeedback<F extends string> implements FieldFeedback {
  constructor(
    readonly inner: FormFeedback<F>,
    private readonly form: AbstractControl,
    private readonly i18n: I18nService,
  ) {}

  idFor(field: F): string {
    return this.inner.idFor(field);
  }

  errorsFor(field: F): string[] | null {
    const errors = this.inner.errorsFor(field);
    if (errors) {
      return errors;
    }
    const problem = (this.form.getError('guestDates') as DateProblems | null)?.[field as keyof DateProblems];
    const control = this.form.get(field);
    if (!problem || !control || !(this.inner.submitted() || control.dirty)) {
      return null;
    }
    return [this.i18n.translate(problem.key, problem.params)];
  }

  describedBy(field: F, ...hintIds: string[]): string | null {
    const ids = [...hintIds];
    if (this.errorsFor(field)) {
      ids.push(`${this.idFor(field)}-error`);
    }
    return ids.length ? ids.join(' ') : null;
  }

  clearServerErrors(field: F): void {
    this.inner.clearServerErrors(field);
  }
}
