import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH, WebRoutes } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { FormFeedback } from '../shared/forms/form-feedback';
import { emailAddress } from '../shared/forms/validators';
import { SignInApiService } from './sign-in-api.service';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';

type SignInField = 'email' | 'password';

/** What to show above the form after a submit. `info` is calm (not the user's fault), `error` is not. */
interface SignInOutcome {
  tone: 'info' | 'error' | 'success';
  key: MessageKey;
  titleKey?: MessageKey;
}

@Component({
  selector: 'psl-sign-in-page',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldComponent, FieldControlDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sign-in-page.component.html',
})
export class SignInPageComponent {
  private readonly api = inject(SignInApiService);
  private readonly instance = inject(InstanceService);
  private readonly formElement = viewChild<ElementRef<HTMLFormElement>>('formElement');
  private readonly outcomeBanner = viewChild<ElementRef<HTMLElement>>('outcomeBanner');

  protected readonly homeRoute = WebRoutes.home;
  protected readonly limits = { email: EMAIL_MAX_LENGTH, password: PASSWORD_MAX_LENGTH };
  protected readonly organisationName = this.instance.organisationName;
  protected readonly nameLoading = computed(() => !this.instance.info() && this.instance.status() !== 'error');
  protected readonly setupRequired = computed(() => this.instance.info()?.setupRequired === true);
  protected readonly outcome = signal<SignInOutcome | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  /** Field errors, submit progress and focus, as on the other forms; the outcome banner is this page's own. */
  protected readonly feedback = new FormFeedback<SignInField>({
    form: this.form,
    fields: ['email', 'password'],
    idPrefix: 'sign-in',
    formElement: this.formElement,
    banner: this.outcomeBanner,
  });

  constructor() {
    this.instance.load().catch(() => undefined);
  }

  protected async submit(): Promise<void> {
    this.outcome.set(null);
    await this.feedback.submit(async () => {
      const { email, password } = this.form.getRawValue();
      try {
        await firstValueFrom(this.api.signIn({ email: email.trim(), password }));
        this.showOutcome({ tone: 'success', key: 'signIn.success' });
      } catch (error) {
        const failure = toApiFailure(error);
        if (failure.status === 404 || failure.status === 501) {
          // The identity module is not installed yet: say so plainly, without blaming the user.
          this.showOutcome({ tone: 'info', titleKey: 'signIn.unavailable.title', key: 'signIn.unavailable.body' });
        } else if (failure.status === 401 || failure.code === 'unauthorized') {
          this.showOutcome({ tone: 'error', key: 'signIn.invalidCredentials' });
        } else {
          // Field errors go next to their fields and focus moves there (FormFeedback.fail).
          this.outcome.set({ tone: 'error', key: failureMessageKey(failure) });
          throw error;
        }
      }
    });
  }

  private showOutcome(outcome: SignInOutcome): void {
    this.outcome.set(outcome);
    this.feedback.afterRender(() => this.outcomeBanner()?.nativeElement.focus());
  }
}
