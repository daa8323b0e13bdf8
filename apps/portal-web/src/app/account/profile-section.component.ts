import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { type Locale, NAME_MAX_LENGTH, SUPPORTED_LOCALES, isLocale } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { SessionService } from '../core/session';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { notBlank } from '../shared/forms/validators';
import { AccountApiService } from './account-api.service';

type ProfileField = 'name' | 'locale';

/** Name and preferred language (PATCH /api/account/profile). */
@Component({
  selector: 'psl-profile-section',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './ui.css',
  template: `
    <p class="muted">{{ 'account.profile.intro' | t }}</p>
    @if (user(); as me) {
      <p class="small">
        <!-- The space is inside the span: Angular drops whitespace-only text between elements. -->
        <span class="muted">{{ 'account.profile.email' | t }} </span>
        <strong class="mono" data-testid="profile-email">{{ me.email }}</strong>
      </p>
    }
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="profile-error" />
      }
      @if (saved()) {
        <p class="notice notice--success" role="status" data-testid="profile-saved">{{ 'account.profile.saved' | t }}</p>
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement>
      <psl-field [feedback]="feedback" name="name" [label]="'account.profile.name' | t">
        <input pslFieldControl type="text" formControlName="name" autocomplete="name" [attr.maxlength]="nameMax" />
      </psl-field>
      <psl-field [feedback]="feedback" name="locale" [label]="'account.profile.locale' | t" [hint]="'account.profile.localeHint' | t">
        <select pslFieldControl class="field__select" formControlName="locale">
          @for (locale of locales; track locale) {
            <option [value]="locale" [attr.lang]="locale">{{ localeLabel(locale) | t }}</option>
          }
        </select>
      </psl-field>
      <div>
        <psl-submit-button [busy]="feedback.submitting()" label="account.profile.submit" busyLabel="account.profile.submitting" testId="profile-submit" />
      </div>
    </form>
  `,
})
export class ProfileSectionComponent {
  private readonly api = inject(AccountApiService);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly nameMax = NAME_MAX_LENGTH;
  protected readonly locales = SUPPORTED_LOCALES;
  protected readonly user = this.session.currentUser;
  protected readonly saved = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [this.user()?.name ?? '', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
    locale: [(isLocale(this.user()?.locale) ? this.user()?.locale : this.i18n.locale()) as Locale],
  });

  protected readonly feedback = new FormFeedback<ProfileField>({
    form: this.form,
    fields: ['name', 'locale'],
    idPrefix: 'profile',
    formElement: this.formElement,
    banner: this.errorBanner,
  });

  constructor() {
    this.form.valueChanges.subscribe(() => this.saved.set(false));
  }

  protected localeLabel(locale: Locale): MessageKey {
    return `locale.${locale}`;
  }

  protected submit(): Promise<void> {
    this.saved.set(false);
    return this.feedback.submit(async () => {
      const { name, locale } = this.form.getRawValue();
      await firstValueFrom(this.api.updateProfile({ name: name.trim(), locale }));
      this.i18n.setLocale(locale);
      this.form.markAsPristine();
      this.saved.set(true);
      // The header and other pages show the name: ask who is signed in again.
      await this.session.load({ refresh: true }).catch(() => undefined);
    });
  }
}
