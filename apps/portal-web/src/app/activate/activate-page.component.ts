import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { longDate, longDateTime } from '../core/i18n/date-format';
import { FormFeedback } from '../shared/forms/form-feedback';
import {
  type NewPasswordField,
  NEW_PASSWORD_GROUP_ERRORS,
  newPasswordControls,
  newPasswordsMatch,
} from '../shared/forms/new-password-fields.component';
import { LINK_PAGE_IMPORTS } from '../shared/setup-link/link-page';
import { OneTimeLink, deadLinkMessages, isDeadLinkReason } from '../shared/setup-link/setup-link';
import { ActivateApiService, type ActivatedAccount } from './activate-api.service';

/**
 * `/activate#token=…`: the person an administrator created an account for sets its password through
 * the one-time link. The token is read from the URL fragment once, then removed from the address bar.
 * A first-administrator link opened here is sent on to /setup. A guest's invitation link says what the
 * access is (from when, until when, who sponsors it) and that an authenticator app comes next.
 */
@Component({
  selector: 'psl-activate-page',
  imports: [ReactiveFormsModule, TranslatePipe, LINK_PAGE_IMPORTS],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './activate-page.component.html',
  styleUrl: './activate-page.component.css',
})
export class ActivatePageComponent {
  private readonly api = inject(ActivateApiService);
  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly organisationName = this.instance.organisationName;
  protected readonly link = new OneTimeLink('activate');
  protected readonly result = signal<ActivatedAccount | null>(null);
  /** Set when the link is a guest's invitation. */
  protected readonly guest = computed(() => this.link.status()?.account?.guest ?? null);

  protected readonly form = inject(NonNullableFormBuilder).group(newPasswordControls(), { validators: newPasswordsMatch });

  protected readonly feedback = new FormFeedback<NewPasswordField>({
    form: this.form,
    fields: ['password', 'passwordConfirm'],
    idPrefix: 'activate',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: NEW_PASSWORD_GROUP_ERRORS,
    // A link that died meanwhile is explained in this page's words, not the first-setup ones.
    messageFor: (failure) =>
      isDeadLinkReason(failure.code) ? deadLinkMessages('activate', failure.code).body : failureMessageKey(failure),
  });

  constructor() {
    this.instance.load().catch(() => undefined);
    void this.link.check();
  }

  protected formatExpiry(value: string): string {
    // A guest reads every date of their invitation the same way (see core/i18n/date-format).
    return this.guest() ? (longDateTime(value, this.i18n.locale()) ?? value) : this.i18n.formatDateTime(value);
  }

  /** "31 March 2027" in the current language, for a guest's access window. */
  protected day(value: string): string {
    return longDate(value, this.i18n.locale()) ?? value;
  }

  /** The title above the banner's message, when the submit failed because the link is dead. */
  protected bannerTitle(code: string | null): MessageKey | null {
    return isDeadLinkReason(code) ? deadLinkMessages('activate', code).title : null;
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const token = this.link.token;
      if (!token) {
        return;
      }
      const account = await firstValueFrom(this.api.activate({ token, password: this.form.getRawValue().password }));
      this.form.reset();
      this.result.set(account);
      this.link.spent();
    });
  }
}
