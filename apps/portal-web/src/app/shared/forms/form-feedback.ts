import { DestroyRef, ElementRef, Injector, PendingTasks, type Signal, afterNextRender, inject, signal } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { Observable } from 'rxjs';
import type { ApiErrorCode } from '@passerelle/contracts';
import { type ApiFailure, failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey } from '../../core/i18n';
import { clientErrorMessage, type FieldMessage, focusFirstInvalid } from './field-errors';

/** The parts of a FormGroup the feedback needs (any typed FormGroup fits). */
interface FeedbackForm<F extends string> {
  readonly controls: Record<F, AbstractControl>;
  readonly invalid: boolean;
  hasError(code: string): boolean;
  markAllAsTouched(): void;
  /** Value and status changes of the form (every FormGroup has them). */
  readonly events?: Observable<unknown>;
}

export interface FormFeedbackOptions<F extends string> {
  form: FeedbackForm<F>;
  /** The fields in screen order; server errors for other names are ignored. */
  fields: readonly F[];
  /** Field ids are `<idPrefix>-<field>`, their error paragraphs `<idPrefix>-<field>-error`. */
  idPrefix: string;
  formElement: Signal<ElementRef<HTMLElement> | undefined>;
  banner: Signal<ElementRef<HTMLElement> | undefined>;
  /** Form-level errors shown under a field, e.g. `{ passwordConfirm: ['mismatch', 'validation.passwordMismatch'] }`. */
  groupErrors?: Partial<Record<F, readonly [string, MessageKey]>>;
  /** Error codes that concern one field, shown next to it too, e.g. `{ email_taken: 'email' }`. */
  codeFields?: Partial<Record<ApiErrorCode, F>>;
  /** The banner message for a failed submit; defaults to the generic message for the error code. */
  messageFor?: (failure: ApiFailure) => MessageKey;
}

export interface FormBanner {
  key: MessageKey;
  code: ApiErrorCode | null;
  /** The error's params from the server (e.g. a guest's end date), for banners that word them. */
  params?: Readonly<Record<string, string>>;
}

/**
 * Errors of a form that is sent to the API: client-side problems once relevant, server field errors
 * next to their fields (until the field is edited), a banner for the rest, and focus moved to what
 * needs attention. Create it in an injection context (a field initializer).
 */
export class FormFeedback<F extends string> {
  private readonly i18n = inject(I18nService);
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly serverErrors = signal<Partial<Record<F, readonly (string | FieldMessage)[]>>>({});
  readonly submitted = signal(false);
  readonly banner = signal<FormBanner | null>(null);
  /** True while a submit waits for the server. */
  readonly submitting = signal(false);
  /**
   * Bumped on every change of the form: a control's validity is not a signal, so without this an
   * OnPush field would keep showing "required" after the person filled it in.
   */
  private readonly formChanges = signal(0);

  constructor(private readonly options: FormFeedbackOptions<F>) {
    const subscription = options.form.events?.subscribe(() => this.formChanges.update((n) => n + 1));
    inject(DestroyRef).onDestroy(() => subscription?.unsubscribe());
  }

  /**
   * Sends the form with `send` once it is valid (else shows and focuses the first problem); a second
   * submit while busy is ignored, the app counts as busy meanwhile, and a failure is shown with `fail`.
   */
  async submit(send: () => Promise<void>): Promise<void> {
    if (this.submitting() || !this.begin()) {
      return;
    }
    this.submitting.set(true);
    const done = this.pendingTasks.add();
    try {
      await send();
    } catch (error) {
      this.fail(error);
    } finally {
      this.submitting.set(false);
      done();
    }
  }

  /** Starts a submit: true when the form may be sent, else marks and focuses the first problem. */
  begin(): boolean {
    this.submitted.set(true);
    this.banner.set(null);
    if (!this.options.form.invalid) {
      return true;
    }
    this.options.form.markAllAsTouched();
    this.afterRender(() => focusFirstInvalid(this.options.formElement()?.nativeElement));
    return false;
  }

  /** Shows a failed submit: field errors by their fields, the message in the banner; keeps the values. */
  fail(error: unknown): ApiFailure {
    const failure = toApiFailure(error);
    const fields: Partial<Record<F, (string | FieldMessage)[]>> = {};
    for (const field of this.options.fields) {
      if (failure.fields[field]) {
        fields[field] = failure.fields[field];
      }
    }
    const codeField = failure.code ? this.options.codeFields?.[failure.code] : undefined;
    if (failure.code && codeField && !fields[codeField]) {
      fields[codeField] = [{ key: `error.${failure.code}` }];
    }
    this.serverErrors.set(fields);
    this.banner.set({ key: (this.options.messageFor ?? failureMessageKey)(failure), code: failure.code, params: failure.params });
    this.afterRender(() => {
      if (!focusFirstInvalid(this.options.formElement()?.nativeElement)) {
        this.options.banner()?.nativeElement.focus();
      }
    });
    return failure;
  }

  /** Messages to show under a field: the server's, else the first client-side problem once relevant. */
  errorsFor(field: F): string[] | null {
    this.formChanges();
    const server = this.serverErrors()[field];
    if (server?.length) {
      return server.map((entry) => (typeof entry === 'string' ? entry : this.i18n.translate(entry.key, entry.params)));
    }
    const control = this.options.form.controls[field];
    if (!(this.submitted() || (control.touched && control.dirty))) {
      return null;
    }
    const client = clientErrorMessage(control);
    if (client) {
      return [this.i18n.translate(client.key, client.params)];
    }
    const group = this.options.groupErrors?.[field];
    return group && this.options.form.hasError(group[0]) ? [this.i18n.translate(group[1])] : null;
  }

  /** The id of the field's control; its error paragraph is this id plus `-error`. */
  idFor(field: F): string {
    return `${this.options.idPrefix}-${field}`;
  }

  /** The field's aria-describedby: its hints, plus its error paragraph while it shows one. */
  describedBy(field: F, ...hintIds: string[]): string | null {
    const ids = [...hintIds];
    if (this.errorsFor(field)) {
      ids.push(`${this.idFor(field)}-error`);
    }
    return ids.length ? ids.join(' ') : null;
  }

  /** Forgets the server's complaint about a field once the person edits it. */
  clearServerErrors(field: F): void {
    if (this.serverErrors()[field]) {
      this.serverErrors.update((errors) => {
        const rest = { ...errors };
        delete rest[field];
        return rest;
      });
    }
  }

  afterRender(action: () => void): void {
    afterNextRender({ read: action }, { injector: this.injector });
  }
}
