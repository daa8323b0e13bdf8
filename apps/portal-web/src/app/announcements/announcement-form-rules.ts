import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { ANNOUNCEMENT_LIMITS } from '@passerelle/contracts';
import type { I18nService, MessageKey, MessageParams } from '../core/i18n';
import type { FieldFeedback } from '../shared/forms/field.component';
import type { FormFeedback } from '../shared/forms/form-feedback';

const DAY_MS = 24 * 60 * 60 * 1000;

export type AnnouncementField = 'title' | 'body' | 'publishAt' | 'expiresAt' | 'audienceGroups' | 'image' | 'imageAlt' | 'pinned';

interface Problem {
  key: MessageKey;
  params?: MessageParams;
}

/** Group error `announcementRules`: what is wrong with each field the controls can't judge alone. */
export type AnnouncementProblems = Partial<Record<'publishAt' | 'expiresAt' | 'imageAlt', Problem>>;

/** `<input type="datetime-local">` value (local time, minutes) for an ISO instant. */
export function localDateTimeValue(iso: string | null | undefined): string {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The ISO instant of a datetime-local value (read in the browser's time zone), or null when empty or not a date. */
export function instantOf(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value.trim())) {
    return null;
  }
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export interface AnnouncementRuleOptions {
  now: () => Date;
  /** The dates already saved: left as they are, they aren't checked again (an expiry already past). */
  saved: () => { publishAt: string; expiresAt: string } | null;
  /** Whether an image is chosen or kept: it then needs its description. */
  hasImage: () => boolean;
}

/**
 * Group validator mirroring the server's rules so people hear about them before sending: real
 * dates, a publication within a year, an expiry after the publication and in the future, and a
 * description for the image.
 */
export function announcementRules(options: AnnouncementRuleOptions): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const problems: AnnouncementProblems = {};
    const now = options.now().getTime();
    const saved = options.saved();
    const publishText = String(group.get('publishAt')?.value ?? '').trim();
    const expiryText = String(group.get('expiresAt')?.value ?? '').trim();
    const publish = publishText ? instantOf(publishText) : null;
    const expiry = expiryText ? instantOf(expiryText) : null;
    if (publishText && !publish) {
      problems.publishAt = { key: 'announcements.form.dateInvalid' };
    } else if (publish && publishText !== saved?.publishAt && Date.parse(publish) > now + ANNOUNCEMENT_LIMITS.publishAheadMaxDays * DAY_MS) {
      problems.publishAt = { key: 'announcements.form.publishTooFar', params: { days: ANNOUNCEMENT_LIMITS.publishAheadMaxDays } };
    }
    const publishTime = publish ? Date.parse(publish) : now;
    if (expiryText && !expiry) {
      problems.expiresAt = { key: 'announcements.form.dateInvalid' };
    } else if (expiry && expiryText !== saved?.expiresAt && Date.parse(expiry) <= now) {
      problems.expiresAt = { key: 'announcements.form.expiryPast' };
    } else if (expiry && Date.parse(expiry) <= publishTime) {
      problems.expiresAt = { key: 'announcements.form.expiryBeforePublish' };
    }
    if (options.hasImage() && !String(group.get('imageAlt')?.value ?? '').trim()) {
      problems.imageAlt = { key: 'announcements.form.altRequired' };
    }
    return Object.keys(problems).length ? { announcementRules: problems } : null;
  };
}

/** The form's FormFeedback, plus the problems `announcementRules` found, shown under their field. */
export class AnnouncementFormFeedback implements FieldFeedback {
  constructor(
    readonly inner: FormFeedback<AnnouncementField>,
    private readonly form: AbstractControl,
    private readonly i18n: I18nService,
  ) {}

  idFor(field: AnnouncementField): string {
    return this.inner.idFor(field);
  }

  errorsFor(field: AnnouncementField): string[] | null {
    const errors = this.inner.errorsFor(field);
    if (errors) {
      return errors;
    }
    const problem = (this.form.getError('announcementRules') as AnnouncementProblems | null)?.[field as keyof AnnouncementProblems];
    const control = this.form.get(field);
    if (!problem || !control || !(this.inner.submitted() || control.dirty)) {
      return null;
    }
    return [this.i18n.translate(problem.key, problem.params)];
  }

  describedBy(field: AnnouncementField, ...hintIds: string[]): string | null {
    const ids = [...hintIds];
    if (this.errorsFor(field)) {
      ids.push(`${this.idFor(field)}-error`);
    }
    return ids.length ? ids.join(' ') : null;
  }

  clearServerErrors(field: AnnouncementField): void {
    this.inner.clearServerErrors(field);
  }
}
