import { Location } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  PendingTasks,
  afterNextRender,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  type ApiErrorCode,
  type CreateFirstAdminRequest,
  type CreateFirstAdminResponse,
  EMAIL_MAX_LENGTH,
  type Locale,
  NAME_MAX_LENGTH,
  ORGANISATION_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  SETUP_TOKEN_FRAGMENT_KEY,
  type SetupLinkStatus,
  WebRoutes,
} from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { clientErrorMessage, type FieldMessage, focusFirstInvalid } from '../shared/forms/field-errors';
import { emailAddress, notBlank, sameAs } from '../shared/forms/validators';
import { SetupApiService } from './setup-api.service';

type SetupView = 'checking' | 'missing' | 'dead' | 'unreachable' | 'form' | 'done';
type DeadLinkReason = NonNullable<SetupLinkStatus['reason']>;
type SetupField = 'organisationName' | 'name' | 'email' | 'password' | 'passwordConfirm' | 'locale';

const DEAD_LINK_REASONS: readonly DeadLinkReason[] = [
  'setup_link_invalid',
  'setup_link_expired',
  'setup_link_used',
  'setup_already_done',
];

const REASON_MESSAGES: Readonly<Record<DeadLinkReason, { title: MessageKey; body: MessageKey }>> = {
  setup_link_invalid: { title: 'setup.reason.setup_link_invalid.title', body: 'setup.reason.setup_link_invalid.body' },
  setup_link_expired: { title: 'setup.reason.setup_link_expired.title', body: 'setup.reason.setup_link_expired.body' },
  setup_link_used: { title: 'setup.reason.setup_link_used.title', body: 'setup.reason.setup_link_used.body' },
  setup_already_done: { title: 'setup.reason.setup_already_done.title', body: 'setup.reason.setup_already_done.body' },
};

/** Reasons after which signing in is the way forward, rather than a fresh link. */
const SIGN_IN_REASONS: ReadonlySet<string> = new Set<ApiErrorCode>(['setup_link_used', 'setup_already_done']);

/** Order of fields on screen, used to list server errors for fields in the same order. */
const FIELDS: readonly SetupField[] = ['organisationName', 'name', 'email', 'password', 'passwordConfirm', 'locale'];

function isDeadLinkReason(value: unknown): value is DeadLinkReason {
  return typeof value === 'string' && (DEAD_LINK_REASONS as readonly string[]).includes(value);
}

/**
 * `/setup#token=…`: checks the one-time link, then creates the first administrator.
 * The token is read from the URL fragment once, then removed from the address bar and history.
 */
@Component({
  selector: 'psl-setup-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './setup-page.component.html',
  styleUrl: './setup-page.component.css',
})
export class SetupPageComponent {
  private readonly api = inject(SetupApiService);
  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly successHeading = viewChild<ElementRef<HTMLElement>>('successHeading');
  private readonly errorBanner = viewChild<ElementRef<HTMLElement>>('errorBanner');
  private token: string | null = null;

  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly cliCommand = 'npm run portal -- user create --admin';
  protected readonly limits = {
    organisationName: ORGANISATION_NAME_MAX_LENGTH,
    name: NAME_MAX_LENGTH,
    email: EMAIL_MAX_LENGTH,
    passwordMin: PASSWORD_MIN_LENGTH,
    passwordMax: PASSWORD_MAX_LENGTH,
  };
  protected readonly localeOptions: readonly { value: Locale; label: string }[] = [
    { value: 'en', label: 'English' },
    { value: 'fr', label: 'Français' },
  ];

  protected readonly view = signal<SetupView>('checking');
  protected readonly deadReason = signal<DeadLinkReason>('setup_link_invalid');
  protected readonly checkErrorKey = signal<MessageKey>('setup.unreachable.body');
  protected readonly expiresAt = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly formError = signal<{ key: MessageKey; code: ApiErrorCode | null } | null>(null);
  protected readonly serverErrors = signal<Partial<Record<string, readonly (string | FieldMessage)[]>>>({});
  protected readonly result = signal<CreateFirstAdminResponse | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      organisationName: ['', [Validators.required, notBlank, Validators.maxLength(ORGANISATION_NAME_MAX_LENGTH)]],
      name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
      email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
      password: [
        '',
        [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)],
      ],
      passwordConfirm: ['', [Validators.required]],
      locale: [this.i18n.locale() as Locale],
    },
    { validators: sameAs('password', 'passwordConfirm') },
  );

  constructor() {
    const location = inject(Location);
    const fragment = inject(ActivatedRoute).snapshot.fragment;
    if (fragment !== null) {
      this.token = new URLSearchParams(fragment).get(SETUP_TOKEN_FRAGMENT_KEY)?.trim() || null;
      // Keep the secret out of the address bar, history and anything copied from it.
      location.replaceState(location.path(false));
    }
    void this.checkLink();
  }

  protected reasonTitle(): MessageKey {
    return REASON_MESSAGES[this.deadReason()].title;
  }

  protected reasonBody(): MessageKey {
    return REASON_MESSAGES[this.deadReason()].body;
  }

  protected reasonLeadsToSignIn(code: string | null | undefined): boolean {
    return !!code && SIGN_IN_REASONS.has(code);
  }

  protected formatExpiry(value: string): string {
    return this.i18n.formatDateTime(value);
  }

  protected passwordLength(): number {
    return this.form.controls.password.value.length;
  }

  protected passwordProgress(): number {
    return Math.min(100, Math.round((this.passwordLength() / PASSWORD_MIN_LENGTH) * 100));
  }

  /** Messages to show under a field: the server's, else the first client-side problem once relevant. */
  protected errorsFor(field: SetupField): string[] | null {
    const server = this.serverErrors()[field];
    if (server?.length) {
      return server.map((entry) => (typeof entry === 'string' ? entry : this.i18n.translate(entry.key, entry.params)));
    }
    const control = this.form.controls[field];
    const relevant = this.submitted() || (control.touched && control.dirty);
    if (!relevant) {
      return null;
    }
    const client = clientErrorMessage(control);
    if (client) {
      return [this.i18n.translate(client.key, client.params)];
    }
    if (field === 'passwordConfirm' && this.form.hasError('mismatch')) {
      return [this.i18n.translate('validation.passwordMismatch')];
    }
    return null;
  }

  protected describedBy(field: SetupField, ...hintIds: string[]): string | null {
    const ids = [...hintIds];
    if (this.errorsFor(field)) {
      ids.push(`setup-${field}-error`);
    }
    return ids.length ? ids.join(' ') : null;
  }

  protected clearServerErrors(field: SetupField): void {
    if (this.serverErrors()[field]) {
      this.serverErrors.update(({ [field]: _removed, ...rest }) => rest);
    }
  }

  protected async checkLink(): Promise<void> {
    if (!this.token) {
      this.view.set('missing');
      return;
    }
    this.view.set('checking');
    const done = this.pendingTasks.add();
    try {
      const status = await firstValueFrom(this.api.checkLink(this.token));
      if (status.valid) {
        this.expiresAt.set(status.expiresAt ?? null);
        this.view.set('form');
      } else {
        this.showDeadLink(status.reason ?? 'setup_link_invalid');
      }
    } catch (error) {
      const failure = toApiFailure(error);
      if (isDeadLinkReason(failure.code)) {
        this.showDeadLink(failure.code);
      } else {
        this.checkErrorKey.set(failure.status === 0 ? 'setup.unreachable.body' : failureMessageKey(failure));
        this.view.set('unreachable');
      }
    } finally {
      done();
    }
  }

  protected async submit(): Promise<void> {
    if (this.submitting() || !this.token) {
      return;
    }
    this.submitted.set(true);
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.formElement()?.nativeElement));
      return;
    }

    const values = this.form.getRawValue();
    const request: CreateFirstAdminRequest = {
      token: this.token,
      organisationName: values.organisationName.trim(),
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
      locale: values.locale,
    };
    this.submitting.set(true);
    const done = this.pendingTasks.add();
    try {
      const created = await firstValueFrom(this.api.createFirstAdmin(request));
      this.token = null;
      this.instance.markSetupDone(created.organisationName);
      this.result.set(created);
      this.view.set('done');
      this.afterRender(() => this.successHeading()?.nativeElement.focus());
    } catch (error) {
      this.showSubmitFailure(error);
    } finally {
      this.submitting.set(false);
      done();
    }
  }

  private showSubmitFailure(error: unknown): void {
    const failure = toApiFailure(error);
    const fields: Record<string, (string | FieldMessage)[]> = {};
    for (const field of FIELDS) {
      if (failure.fields[field]) {
        fields[field] = failure.fields[field];
      }
    }
    if (failure.code === 'email_taken' && !fields['email']) {
      fields['email'] = [{ key: 'error.email_taken' }];
    }
    this.serverErrors.set(fields);
    this.formError.set({ key: failureMessageKey(failure), code: failure.code });
    this.afterRender(() => {
      if (!focusFirstInvalid(this.formElement()?.nativeElement)) {
        this.errorBanner()?.nativeElement.focus();
      }
    });
  }

  private showDeadLink(reason: DeadLinkReason): void {
    this.deadReason.set(reason);
    this.view.set('dead');
  }

  private afterRender(action: () => void): void {
    afterNextRender({ read: action }, { injector: this.injector });
  }
}
