import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  EMAIL_MAX_LENGTH,
  GUEST_LIMITS,
  type GuestOptions,
  type InviteGuestRequest,
  type InviteGuestResponse,
  type Locale,
  NAME_MAX_LENGTH,
} from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, TranslatePipe } from '../core/i18n';
import { NOW } from '../account/browser';
import { withFormFieldNames } from '../account/api-fields';
import { Loadable } from '../account/loadable';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { emailAddress, notBlank } from '../shared/forms/validators';
import { GuestAppsFieldComponent } from './guest-apps-field.component';
import { addDays, addMonths, dayValue, endOfDayIso, lastEndDay, startOfDayIso } from './guest-dates';
import { GuestFormFeedback, guestDatesRule } from './guest-form-rules';
import { LoadStateComponent } from '../admin/load-state.component';
import { GuestSponsorFieldComponent } from './guest-sponsor-field.component';
import { GuestsApiService } from './guests-api.service';
import { InvitationLinkPanelComponent } from './invitation-link-panel.component';

type InviteField = 'email' | 'name' | 'company' | 'sponsor' | 'startDate' | 'endDate' | 'apps' | 'locale' | 'note';

const FIELDS: readonly InviteField[] = ['email', 'name', 'company', 'sponsor', 'startDate', 'endDate', 'apps', 'locale', 'note'];

/** Quick end dates, counted from the start day. */
const QUICK_ENDS = [
  { label: 'guests.form.plusWeek', end: (start: string) => addDays(start, 7) },
  { label: 'guests.form.plusMonth', end: (start: string) => addMonths(start, 1) },
  { label: 'guests.form.plusThreeMonths', end: (start: string) => addMonths(start, 3) },
] as const;

/**
 * `/admin/guests/new` and `/guests/new`: invite a guest — who, their sponsor, from when until when,
 * which apps, the language of their invitation. Then the one-time link to copy (it is mailed too).
 */
@Component({
  selector: 'psl-guest-invite-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    FieldComponent,
    FieldControlDirective,
    FormErrorBannerComponent,
    SubmitButtonComponent,
    GuestAppsFieldComponent,
    LoadStateComponent,
    GuestSponsorFieldComponent,
    InvitationLinkPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './guest-invite-page.component.html',
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './guests.css'],
})
export class GuestInvitePageComponent {
  private readonly api = inject(GuestsApiService);
  private readonly i18n = inject(I18nService);
  private readonly now = inject(NOW);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly limits = { email: EMAIL_MAX_LENGTH, name: NAME_MAX_LENGTH, company: GUEST_LIMITS.companyMax, note: GUEST_LIMITS.noteMax };
  protected readonly quickEnds = QUICK_ENDS;
  protected readonly options = new Loadable<GuestOptions>();
  protected readonly chosenApps = signal<ReadonlySet<string>>(new Set());
  protected readonly invited = signal<InviteGuestResponse | null>(null);
  protected readonly today = signal(dayValue(this.now()));
  /** The start day the end buttons and limits count from (today when the field is empty). */
  protected readonly startDay = signal(this.today());
  protected readonly lastEnd = computed(() => {
    const options = this.options.value();
    return options ? lastEndDay(this.startDay(), options.maxDays) : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
      name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
      company: ['', [Validators.maxLength(GUEST_LIMITS.companyMax)]],
      sponsor: [''],
      startDate: [this.today()],
      endDate: ['', [Validators.required]],
      apps: [''],
      locale: [this.i18n.locale() as Locale],
      note: ['', [Validators.maxLength(GUEST_LIMITS.noteMax)]],
    },
    { validators: guestDatesRule({ today: () => this.today(), maxDays: () => this.options.value()?.maxDays ?? null }) },
  );

  protected readonly formFeedback = new FormFeedback<InviteField>({
    form: this.form,
    fields: FIELDS,
    idPrefix: 'guest',
    formElement: this.formElement,
    banner: this.errorBanner,
    codeFields: { email_taken: 'email' },
  });
  protected readonly feedback = new GuestFormFeedback<InviteField>(this.formFeedback, this.form, this.i18n);

  constructor() {
    void this.loadOptions();
    this.form.controls.startDate.valueChanges.subscribe((value) => this.startDay.set(value && value >= this.today() ? value : this.today()));
  }

  protected async loadOptions(): Promise<void> {
    await this.options.load(() => this.api.options());
    const options = this.options.value();
    if (options) {
      this.form.controls.sponsor.setValue(options.anySponsor ? options.self.email : '', { emitEvent: false });
      // The date rules depend on the options (the longest access): check again now they are here.
      this.form.updateValueAndValidity();
    }
  }

  protected setEnd(end: (start: string) => string): void {
    const last = this.lastEnd();
    const day = end(this.startDay());
    const control = this.form.controls.endDate;
    control.setValue(last && day > last ? last : day);
    control.markAsDirty();
    control.markAsTouched();
    this.formFeedback.clearServerErrors('endDate');
  }

  protected submit(): Promise<void> {
    return this.formFeedback.submit(async () => {
      try {
        this.invited.set(await firstValueFrom(this.api.invite(this.request())));
      } catch (error) {
        throw withFormFieldNames(error, { startsAt: 'startDate', endsAt: 'endDate' });
      }
    });
  }

  private request(): InviteGuestRequest {
    const values = this.form.getRawValue();
    const options = this.options.value();
    const request: InviteGuestRequest = {
      email: values.email.trim(),
      name: values.name.trim(),
      endsAt: endOfDayIso(values.endDate) ?? values.endDate,
      apps: (options?.apps ?? []).filter((app) => this.chosenApps().has(app.id)).map((app) => app.id),
      locale: values.locale,
    };
    // Today (or nothing): no start is sent and the server starts the access now.
    if (values.startDate && values.startDate > this.today()) {
      request.startsAt = startOfDayIso(values.startDate) ?? undefined;
    }
    if (values.company.trim()) {
      request.company = values.company.trim();
    }
    if (values.note.trim()) {
      request.note = values.note.trim();
    }
    if (options?.anySponsor && values.sponsor.trim()) {
      request.sponsor = values.sponsor.trim();
    }
    return request;
  }

  /** "Invite another": the same sponsor and language, everything else fresh. */
  protected inviteAnother(): void {
    const options = this.options.value();
    this.invited.set(null);
    this.today.set(dayValue(this.now()));
    this.form.reset({
      email: '',
      name: '',
      company: '',
      sponsor: options?.anySponsor ? options.self.email : '',
      startDate: this.today(),
      endDate: '',
      apps: '',
      locale: this.form.controls.locale.value,
      note: '',
    });
    this.chosenApps.set(new Set());
    this.formFeedback.submitted.set(false);
    this.formFeedback.afterRender(() => this.formElement()?.nativeElement.querySelector<HTMLElement>('#guest-email')?.focus());
  }
}
