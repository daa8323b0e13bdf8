import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { type AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, type ValidationErrors, Validators } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { GUEST_LIMITS, type GuestAppRef, type GuestOptions, type GuestView, type InviteGuestResponse, NAME_MAX_LENGTH, type UpdateGuestRequest } from '@passerelle/contracts';
import { firstValueFrom, forkJoin } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { NOW } from '../account/browser';
import { withFormFieldNames } from '../account/api-fields';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { Loadable, pendingWork } from '../account/loadable';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { notBlank } from '../shared/forms/validators';
import { focusAfterRender } from './focus-after-render';
import { GuestAppsFieldComponent } from './guest-apps-field.component';
import { dayOfInstant, dayValue, endOfDayIso, lastEndDay } from './guest-dates';
import { GuestFormFeedback, guestDatesRule } from './guest-form-rules';
import { LoadStateComponent } from '../admin/load-state.component';
import { GuestSponsorFieldComponent } from './guest-sponsor-field.component';
import { GuestStatusBadgeComponent } from './guest-status-badge.component';
import { type GuestNote, GuestTime } from './guest-time';
import { GuestsApiService } from './guests-api.service';
import { GuestsNoticeService } from './guests-notice.service';
import { InvitationLinkPanelComponent } from './invitation-link-panel.component';

type EditField = 'name' | 'company' | 'note' | 'sponsor' | 'endDate' | 'apps';

interface DetailData {
  guest: GuestView;
  options: GuestOptions;
}

type Confirming = 'revoke' | 'cancel';

const CONFIRM_TEXT: Record<Confirming, { title: MessageKey; body: MessageKey; confirm: MessageKey }> = {
  revoke: { title: 'guests.detail.revokeTitle', body: 'guests.detail.revokeBody', confirm: 'guests.detail.revokeConfirm' },
  cancel: { title: 'guests.detail.cancelTitle', body: 'guests.detail.cancelBody', confirm: 'guests.detail.cancelConfirm' },
};

/**
 * `/admin/guests/:guestId` and `/guests/:guestId`: one guest — where they are in their access,
 * changing it (dates, apps, sponsor…), ending it now, and for a pending invitation sending it again
 * or cancelling it. An ended guest's end date reactivates them.
 */
@Component({
  selector: 'psl-guest-detail-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    TranslatePipe,
    ConfirmDialogComponent,
    FieldComponent,
    FieldControlDirective,
    FormErrorBannerComponent,
    SubmitButtonComponent,
    GuestAppsFieldComponent,
    LoadStateComponent,
    GuestSponsorFieldComponent,
    GuestStatusBadgeComponent,
    InvitationLinkPanelComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './guest-detail-page.component.html',
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './guests.css', './guest-detail-page.component.css'],
})
export class GuestDetailPageComponent {
  private readonly api = inject(GuestsApiService);
  private readonly i18n = inject(I18nService);
  private readonly now = inject(NOW);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly notices = inject(GuestsNoticeService);
  private readonly focusLater = focusAfterRender();
  private readonly track = pendingWork();
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });
  protected readonly time = inject(GuestTime);

  protected readonly limits = { name: NAME_MAX_LENGTH, company: GUEST_LIMITS.companyMax, note: GUEST_LIMITS.noteMax };
  private guestId = '';
  protected readonly data = new Loadable<DetailData>();
  protected readonly guest = computed(() => this.data.value()?.guest ?? null);
  protected readonly options = computed(() => this.data.value()?.options ?? null);
  protected readonly ended = computed(() => this.guest()?.status === 'ended');
  /** The apps that may be ticked: those the caller may give, plus any the guest has that aren't among them. */
  protected readonly appChoices = computed((): GuestAppRef[] => {
    const offered = this.options()?.apps ?? [];
    const extra = (this.guest()?.apps ?? []).filter((app) => !offered.some((o) => o.id === app.id));
    return [...offered, ...extra];
  });
  protected readonly chosenApps = signal<ReadonlySet<string>>(new Set());

  protected readonly message = signal<GuestNote | null>(null);
  protected readonly invitation = signal<InviteGuestResponse | null>(null);
  protected readonly resending = signal(false);
  protected readonly actionError = signal<MessageKey | null>(null);
  protected readonly confirming = signal<Confirming | null>(null);
  protected readonly confirmText = computed(() => {
    const which = this.confirming();
    return which ? CONFIRM_TEXT[which] : null;
  });
  protected readonly confirmBusy = signal(false);
  protected readonly confirmError = signal<MessageKey | null>(null);

  protected readonly today = signal(dayValue(this.now()));
  /** The last end day the server accepts: the longest access, from the start or from today once started. */
  protected readonly lastEnd = computed(() => {
    const guest = this.guest();
    const maxDays = this.options()?.maxDays;
    if (!guest || !maxDays) {
      return null;
    }
    const start = dayOfInstant(guest.startsAt);
    return lastEndDay(start > this.today() ? start : this.today(), maxDays);
  });
  protected readonly form = inject(NonNullableFormBuilder).group(
    {
      name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
      company: ['', [Validators.maxLength(GUEST_LIMITS.companyMax)]],
      note: ['', [Validators.maxLength(GUEST_LIMITS.noteMax)]],
      sponsor: [''],
      // An ended guest's field starts empty: left so, saving changes the rest and doesn't reactivate.
      endDate: ['', [(control: AbstractControl): ValidationErrors | null => (this.ended() ? null : Validators.required(control))]],
      apps: [''],
    },
    {
      validators: guestDatesRule({
        today: () => this.today(),
        maxDays: () => this.options()?.maxDays ?? null,
        fixedStart: () => {
          const guest = this.guest();
          return guest ? dayOfInstant(guest.startsAt) : null;
        },
        savedEnd: () => {
          const guest = this.guest();
          return guest ? dayOfInstant(guest.endsAt) : null;
        },
      }),
    },
  );
  protected readonly formFeedback = new FormFeedback<EditField>({
    form: this.form,
    fields: ['name', 'company', 'note', 'sponsor', 'endDate', 'apps'],
    idPrefix: 'guest-edit',
    formElement: this.formElement,
    banner: this.errorBanner,
  });
  protected readonly feedback = new GuestFormFeedback<EditField>(this.formFeedback, this.form, this.i18n);

  constructor() {
    const subscription = this.route.paramMap.subscribe((params) => {
      this.guestId = params.get('guestId') ?? '';
      this.invitation.set(null);
      this.message.set(null);
      void this.load();
    });
    inject(DestroyRef).onDestroy(() => subscription.unsubscribe());
  }

  protected async load(): Promise<void> {
    const id = this.guestId;
    await this.data.load(() => forkJoin({ guest: this.api.guest(id), options: this.api.options() }), { quiet: this.data.value() !== null });
    const guest = this.guest();
    if (guest) {
      this.fill(guest);
    }
  }

  /** The form shows the guest as saved. */
  private fill(guest: GuestView): void {
    this.form.reset({
      name: guest.name,
      company: guest.company,
      note: guest.note,
      sponsor: guest.sponsor?.email ?? '',
      // An ended guest's old end is past: the field waits for a new one (it reactivates them).
      endDate: guest.status === 'ended' ? '' : dayOfInstant(guest.endsAt),
      apps: '',
    });
    this.chosenApps.set(new Set(guest.apps.map((app) => app.id)));
    this.formFeedback.submitted.set(false);
  }

  private replace(guest: GuestView): void {
    this.data.value.update((data) => (data ? { ...data, guest } : data));
    this.fill(guest);
  }

  /** Only what changed is sent: the server changes exactly that (a new end date, fewer apps…). */
  private changes(guest: GuestView): UpdateGuestRequest {
    const values = this.form.getRawValue();
    const request: UpdateGuestRequest = {};
    if (values.name.trim() !== guest.name) {
      request.name = values.name.trim();
    }
    if (values.company.trim() !== guest.company) {
      request.company = values.company.trim();
    }
    if (values.note.trim() !== guest.note) {
      request.note = values.note.trim();
    }
    if (this.options()?.anySponsor && values.sponsor.trim() && values.sponsor.trim().toLowerCase() !== guest.sponsor?.email.toLowerCase()) {
      request.sponsor = values.sponsor.trim();
    }
    if (values.endDate && values.endDate !== dayOfInstant(guest.endsAt)) {
      request.endsAt = endOfDayIso(values.endDate) ?? values.endDate;
    }
    const before = guest.apps.map((app) => app.id).sort();
    const after = this.appChoices().filter((app) => this.chosenApps().has(app.id)).map((app) => app.id);
    if (before.join() !== [...after].sort().join()) {
      request.apps = after;
    }
    return request;
  }

  protected save(): Promise<void> {
    const guest = this.guest();
    if (!guest) {
      return Promise.resolve();
    }
    this.message.set(null);
    this.today.set(dayValue(this.now()));
    this.form.updateValueAndValidity();
    return this.formFeedback.submit(async () => {
      const request = this.changes(guest);
      if (Object.keys(request).length === 0) {
        this.message.set({ key: 'guests.detail.nothingChanged' });
        return;
      }
      try {
        const updated = await firstValueFrom(this.api.update(guest.id, request));
        this.replace(updated);
        const reactivated = guest.status === 'ended' && updated.status !== 'ended';
        this.message.set({ key: reactivated ? 'guests.detail.reactivated' : 'guests.detail.saved', params: { name: updated.name }, date: updated.endsAt });
      } catch (error) {
        throw withFormFieldNames(error, { endsAt: 'endDate' });
      }
    });
  }

  protected resend(): Promise<void> {
    const guest = this.guest();
    if (!guest || this.resending()) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.resending.set(true);
      this.actionError.set(null);
      this.message.set(null);
      try {
        const result = await firstValueFrom(this.api.resendInvitation(guest.id));
        this.data.value.update((data) => (data ? { ...data, guest: result.guest } : data));
        this.invitation.set(result);
      } catch (error) {
        this.actionError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.resending.set(false);
      }
    });
  }

  protected ask(which: Confirming): void {
    this.confirmError.set(null);
    this.actionError.set(null);
    this.confirming.set(which);
  }

  protected closeConfirm(): void {
    if (!this.confirmBusy()) {
      this.confirming.set(null);
    }
  }

  protected confirm(): Promise<void> {
    const guest = this.guest();
    const which = this.confirming();
    if (!guest || !which) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.confirmBusy.set(true);
      this.confirmError.set(null);
      this.message.set(null);
      try {
        if (which === 'cancel') {
          await firstValueFrom(this.api.cancelInvitation(guest.id));
          this.notices.leave({ key: 'guests.detail.cancelled', params: { name: guest.name } });
          this.confirmBusy.set(false);
          this.confirming.set(null);
          await this.router.navigate(['..'], { relativeTo: this.route });
          return;
        }
        const updated = await firstValueFrom(this.api.revoke(guest.id));
        this.replace(updated);
        this.invitation.set(null);
        this.confirmBusy.set(false);
        this.confirming.set(null);
        this.message.set({ key: 'guests.detail.revoked', params: { name: updated.name } });
        // The button that opened the dialog is gone with the access: continue from the message.
        this.focusLater('[data-testid="guest-message"]');
      } catch (error) {
        this.confirmError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.confirmBusy.set(false);
      }
    });
  }
}
