import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  PendingTasks,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, WebRoutes } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { clientErrorMessage, focusFirstInvalid } from '../shared/forms/field-errors';
import { emailAddress } from '../shared/forms/validators';
import { SignInApiService } from './sign-in-api.service';

type SignInField = 'email' | 'password';

/** What to show above the form after a submit. `info` is calm (not the user's fault), `error` is not. */
interface SignInOutcome {
  tone: 'info' | 'error' | 'success';
  key: MessageKey;
  titleKey?: MessageKey;
}

@Component({
  selector: 'psl-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.component.html',
})
export class SignInPageComponent {
  private readonly api = inject(SignInApiService);
  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly outcomeBanner = viewChild<ElementRef<HTMLElement>>('outcomeBanner');

  protected readonly homeRoute = WebRoutes.home;
  protected readonly limits = { email: EMAIL_MAX_LENGTH, password: PASSWORD_MAX_LENGTH };
  protected readonly organisationName = this.instance.organisationName;
  protected readonly nameLoading = computed(() => !this.instance.info() && this.instance.status() !== 'error');
  protected readonly setupRequired = computed(() => this.instance.info()?.setupRequired === true);
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly outcome = signal<SignInOutcome | null>(null);
  protected readonly serverErrors = signal<Partial<Record<SignInField, readonly string[]>>>({});

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  constructor() {
    this.instance.load().catch(() => undefined);
  }

  protected errorsFor(field: SignInField): string[] | null {
    const server = this.serverErrors()[field];
    if (server?.length) {
      return [...server];
    }
    const control = this.form.controls[field];
    if (!(this.submitted() || (control.touched && control.dirty))) {
      return null;
    }
    const client = clientErrorMessage(control);
    return client ? [this.i18n.translate(client.key, client.params)] : null;
  }

  protected describedBy(field: SignInField): string | null {
    return this.errorsFor(field) ? `sign-in-${field}-error` : null;
  }

  protected clearServerErrors(field: SignInField): void {
    if (this.serverErrors()[field]) {
      this.serverErrors.update(({ [field]: _removed, ...rest }) => rest);
    }
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) {
      return;
    }
    this.submitted.set(true);
    this.outcome.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.afterRender(() => focusFirstInvalid(this.formElement()?.nativeElement));
      return;
    }
    const { email, password } = this.form.getRawValue();
    this.submitting.set(true);
    const done = this.pendingTasks.add();
    try {
      await firstValueFrom(this.api.signIn({ email: email.trim(), password }));
      this.outcome.set({ tone: 'success', key: 'signIn.success' });
    } catch (error) {
      this.showFailure(error);
    } finally {
      this.submitting.set(false);
      done();
    }
    this.afterRender(() => {
      if (!focusFirstInvalid(this.formElement()?.nativeElement)) {
        this.outcomeBanner()?.nativeElement.focus();
      }
    });
  }

  private showFailure(error: unknown): void {
    const failure = toApiFailure(error);
    if (failure.status === 404 || failure.status === 501) {
      // The identity module is not installed yet: say so plainly, without blaming the user.
      this.outcome.set({ tone: 'info', titleKey: 'signIn.unavailable.title', key: 'signIn.unavailable.body' });
      return;
    }
    if (failure.status === 401 || failure.code === 'unauthorized') {
      this.outcome.set({ tone: 'error', key: 'signIn.invalidCredentials' });
      return;
    }
    this.serverErrors.set({
      ...(failure.fields['email'] ? { email: failure.fields['email'] } : {}),
      ...(failure.fields['password'] ? { password: failure.fields['password'] } : {}),
    });
    this.outcome.set({ tone: 'error', key: failureMessageKey(failure) });
  }

  private afterRender(action: () => void): void {
    afterNextRender({ read: action }, { injector: this.injector });
  }
}
