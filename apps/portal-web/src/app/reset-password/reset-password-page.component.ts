import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  PendingTasks,
  afterNextRender,
  effect,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { type CompletePasswordReset, EMAIL_MAX_LENGTH, type PasswordResetLinkStatus, WebRoutes } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { toApiFailure } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { retryAfterSeconds } from '../core/session/retry-after';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import {
  NEW_PASSWORD_GROUP_ERRORS,
  NewPasswordFieldsComponent,
  newPasswordControls,
  newPasswordsMatch,
} from '../shared/forms/new-password-fields.component';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { emailAddress } from '../shared/forms/validators';
import { LinkCheckingComponent } from '../shared/setup-link/link-checking.component';
import { takeLinkToken } from '../shared/setup-link/setup-link';
import { RECOVERY_CODE_MAX_LENGTH, TOTP_INPUT, compactCode, totpCodeFormat } from '../interaction/code-format';
import { FlowErrorBannerComponent } from '../interaction/flow-error-banner.component';
import { ResetPasswordApiService } from './reset-password-api.service';

export type ResetView = 'request' | 'sent' | 'checking' | 'dead' | 'unreachable' | 'form' | 'done';
type DeadReason = NonNullable<PasswordResetLinkStatus['reason']>;
type CompleteField = 'password' | 'passwordConfirm' | 'code' | 'recoveryCode';

const DEAD_REASONS: readonly string[] = ['reset_link_invalid', 'reset_link_expired', 'reset_link_used'];

function isDeadReason(value: unknown): value is DeadReason {
  return typeof value === 'string' && DEAD_REASONS.includes(value);
}

/**
 * `/reset-password`: without a link, asks for the email address to send one to. Opened from the
 * link (`#token=…`, removed from the address bar once read), checks it, then sets the new password
 * — with a code from the authenticator app or a recovery code when the account has one.
 */
@Component({
  selector: 'psl-reset-password-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldComponent,
    FieldControlDirective,
    NewPasswordFieldsComponent,
    SubmitButtonComponent,
    LinkCheckingComponent,
    FlowErrorBannerComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reset-password-page.component.html',
  styleUrls: ['../interaction/interaction-controls.css', './reset-password-page.component.css'],
})
export class ResetPasswordPageComponent {
  private readonly api = inject(ResetPasswordApiService);
  private readonly pendingTasks = inject(PendingTasks);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly requestFormElement = viewChild<ElementRef<HTMLElement>>('requestFormElement');
  private readonly requestBanner = viewChild('requestBanner', { read: ElementRef<HTMLElement> });
  private readonly completeFormElement = viewChild<ElementRef<HTMLElement>>('completeFormElement');
  private readonly completeBanner = viewChild('completeBanner', { read: ElementRef<HTMLElement> });

  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly emailMaxLength = EMAIL_MAX_LENGTH;
  protected readonly totpInput = TOTP_INPUT;
  protected readonly recoveryMaxLength = RECOVERY_CODE_MAX_LENGTH;

  private token: string | null = takeLinkToken();
  protected readonly view = signal<ResetView>(this.token ? 'checking' : 'request');
  protected readonly deadReason = signal<DeadReason>('reset_link_invalid');
  protected readonly needsSecondFactor = signal(false);
  protected readonly codeMode = signal<'totp' | 'recovery'>('totp');
  protected readonly retryAfter = signal<number | null>(null);

  protected readonly requestForm = this.fb.group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
  });
  protected readonly requestFeedback = new FormFeedback<'email'>({
    form: this.requestForm,
    fields: ['email'],
    idPrefix: 'reset-request',
    formElement: this.requestFormElement,
    banner: this.requestBanner,
  });

  protected readonly completeForm = this.fb.group(
    { ...newPasswordControls(), code: [''], recoveryCode: [''] },
    { validators: [newPasswordsMatch, totpCodeFormat('code')] },
  );
  protected readonly completeFeedback = new FormFeedback<CompleteField>({
    form: this.completeForm,
    fields: ['password', 'passwordConfirm', 'code', 'recoveryCode'],
    idPrefix: 'reset',
    formElement: this.completeFormElement,
    banner: this.completeBanner,
    groupErrors: { ...NEW_PASSWORD_GROUP_ERRORS, code: ['totpFormat', 'interaction.codeFormat'] },
    codeFields: {
      totp_invalid: 'code',
      totp_reused: 'code',
      recovery_code_invalid: 'recoveryCode',
    },
  });

  constructor() {
    if (this.token) {
      void this.check();
    }

    // A new view replaces the card: move focus to its heading (not on the first view shown).
    let shown: ResetView | null = null;
    effect(() => {
      const view = this.view();
      if (view === 'checking') {
        return;
      }
      if (shown !== null && view !== shown) {
        afterNextRender({ read: () => this.heading()?.nativeElement.focus() }, { injector: this.injector });
      }
      shown = view;
    });
  }

  /** Title and body of the dead-link card. */
  protected deadMessages(reason: DeadReason): { title: MessageKey; body: MessageKey } {
    return { title: `resetPassword.reason.${reason}.title`, body: `resetPassword.reason.${reason}.body` };
  }

  protected async check(): Promise<void> {
    const token = this.token;
    if (!token) {
      return;
    }
    this.view.set('checking');
    const done = this.pendingTasks.add();
    try {
      const status = await firstValueFrom(this.api.check(token));
      if (!status.valid) {
        this.showDead(status.reason ?? 'reset_link_invalid');
        return;
      }
      this.needsSecondFactor.set(status.needsSecondFactor);
      this.useMode('totp');
      this.view.set('form');
    } catch (error) {
      const failure = toApiFailure(error);
      if (isDeadReason(failure.code)) {
        this.showDead(failure.code);
      } else {
        this.view.set('unreachable');
      }
    } finally {
      done();
    }
  }

  protected askAgain(): void {
    this.requestFeedback.banner.set(null);
    this.view.set('request');
  }

  protected useMode(mode: 'totp' | 'recovery'): void {
    this.codeMode.set(mode);
    const { code, recoveryCode } = this.completeForm.controls;
    code.setValidators(this.needsSecondFactor() && mode === 'totp' ? [Validators.required] : []);
    recoveryCode.setValidators(
      this.needsSecondFactor() && mode === 'recovery' ? [Validators.required, Validators.maxLength(RECOVERY_CODE_MAX_LENGTH)] : [],
    );
    code.reset('');
    recoveryCode.reset('');
    this.completeFeedback.clearServerErrors('code');
    this.completeFeedback.clearServerErrors('recoveryCode');
  }

  protected submitRequest(): Promise<void> {
    return this.requestFeedback.submit(async () => {
      const email = this.requestForm.getRawValue().email.trim();
      await this.withRetryAfter(() => firstValueFrom(this.api.request({ email })));
      this.view.set('sent');
    });
  }

  protected submitComplete(): Promise<void> {
    return this.completeFeedback.submit(async () => {
      const token = this.token;
      if (!token) {
        return;
      }
      const values = this.completeForm.getRawValue();
      const request: CompletePasswordReset = { token, password: values.password };
      if (this.needsSecondFactor()) {
        if (this.codeMode() === 'totp') {
          request.code = compactCode(values.code);
        } else {
          request.recoveryCode = values.recoveryCode.trim();
        }
      }
      try {
        await this.withRetryAfter(() => firstValueFrom(this.api.complete(request)));
      } catch (error) {
        const failure = toApiFailure(error);
        if (isDeadReason(failure.code)) {
          this.showDead(failure.code);
          return;
        }
        throw error;
      }
      this.token = null;
      this.completeForm.reset();
      this.view.set('done');
    });
  }

  private showDead(reason: DeadReason): void {
    this.token = null;
    this.deadReason.set(reason);
    this.view.set('dead');
  }

  private async withRetryAfter<T>(send: () => Promise<T>): Promise<T> {
    this.retryAfter.set(null);
    try {
      return await send();
    } catch (error) {
      this.retryAfter.set(retryAfterSeconds(error));
      throw error;
    }
  }
}
