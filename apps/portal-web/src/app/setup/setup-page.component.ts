import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  type CreateFirstAdminRequest,
  type CreateFirstAdminResponse,
  EMAIL_MAX_LENGTH,
  type Locale,
  NAME_MAX_LENGTH,
  ORGANISATION_NAME_MAX_LENGTH,
} from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { FormFeedback } from '../shared/forms/form-feedback';
import { NEW_PASSWORD_GROUP_ERRORS, newPasswordControls, newPasswordsMatch } from '../shared/forms/new-password-fields.component';
import { emailAddress, notBlank } from '../shared/forms/validators';
import { LINK_PAGE_IMPORTS } from '../shared/setup-link/link-page';
import { ADMIN_CLI_COMMAND, OneTimeLink } from '../shared/setup-link/setup-link';
import { SetupApiService } from './setup-api.service';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';

type SetupField = 'organisationName' | 'name' | 'email' | 'password' | 'passwordConfirm' | 'locale';

/** Order of fields on screen, used to list server errors for fields in the same order. */
const FIELDS: readonly SetupField[] = ['organisationName', 'name', 'email', 'password', 'passwordConfirm', 'locale'];

/**
 * `/setup#token=…`: checks the one-time link, then creates the first administrator.
 * The token is read from the URL fragment once, then removed from the address bar and history.
 */
@Component({
  selector: 'psl-setup-page',
  imports: [ReactiveFormsModule, TranslatePipe, LINK_PAGE_IMPORTS, FieldComponent, FieldControlDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './setup-page.component.html',
})
export class SetupPageComponent {
  private readonly api = inject(SetupApiService);
  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly cliCommand = ADMIN_CLI_COMMAND;
  protected readonly limits = {
    organisationName: ORGANISATION_NAME_MAX_LENGTH,
    name: NAME_MAX_LENGTH,
    email: EMAIL_MAX_LENGTH,
  };
  protected readonly localeOptions: readonly { value: Locale; label: string }[] = [
    { value: 'en', label: 'English' },
    { value: 'fr', label: 'Français' },
  ];

  protected readonly link = new OneTimeLink('setup');
  protected readonly result = signal<CreateFirstAdminResponse | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      organisationName: ['', [Validators.required, notBlank, Validators.maxLength(ORGANISATION_NAME_MAX_LENGTH)]],
      name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
      email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
      ...newPasswordControls(),
      locale: [this.i18n.locale() as Locale],
    },
    { validators: newPasswordsMatch },
  );

  protected readonly feedback = new FormFeedback<SetupField>({
    form: this.form,
    fields: FIELDS,
    idPrefix: 'setup',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: NEW_PASSWORD_GROUP_ERRORS,
    codeFields: { email_taken: 'email' },
  });

  constructor() {
    void this.link.check();
  }

  protected formatExpiry(value: string): string {
    return this.i18n.formatDateTime(value);
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const token = this.link.token;
      if (!token) {
        return;
      }
      const values = this.form.getRawValue();
      const request: CreateFirstAdminRequest = {
        token,
        organisationName: values.organisationName.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale: values.locale,
      };
      const created = await firstValueFrom(this.api.createFirstAdmin(request));
      this.instance.markSetupDone(created.organisationName);
      this.result.set(created);
      this.link.spent();
    });
  }
}
