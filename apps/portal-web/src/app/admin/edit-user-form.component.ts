import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, computed, inject, input, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { type AdminUpdateUserRequest, type AdminUser, EMAIL_MAX_LENGTH, type GroupView, NAME_MAX_LENGTH, type Permission } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { withFormFieldNames } from '../account/api-fields';
import { DateFormatter } from '../account/dates';
import { Loadable } from '../account/loadable';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { emailAddress, notBlank } from '../shared/forms/validators';
import { AdminApiService } from './admin-api.service';
import { CatalogAdminApiService } from './catalog-admin-api.service';

type EditUserField = 'name' | 'email' | 'isAdmin' | 'sponsor' | 'communication' | 'support' | 'groups';

/**
 * "Edit" on a person: name, email, administrator, may invite guests (sponsor), may publish
 * announcements (communication), works the support queue (support), groups (ticked from
 * the groups list). An administrator can't take away their own administrator rights here. A guest
 * has only name and email here: no administrator rights, permissions or groups (their apps and
 * dates are managed on the guests pages).
 */
@Component({
  selector: 'psl-edit-user-form',
  imports: [ReactiveFormsModule, RouterLink, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  template: `
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="edit-user-error" />
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      <psl-field [feedback]="feedback" name="name" [label]="'admin.newUser.name' | t">
        <input pslFieldControl type="text" autocomplete="off" formControlName="name" [attr.maxlength]="limits.name" />
      </psl-field>
      <psl-field [feedback]="feedback" name="email" [label]="'admin.newUser.email' | t" [hint]="'admin.editUser.emailHint' | t">
        <input pslFieldControl type="email" inputmode="email" spellcheck="false" autocomplete="off" formControlName="email" [attr.maxlength]="limits.email" />
      </psl-field>
      @if (guest()) {
        <div class="notice notice--info" data-testid="edit-user-guest">
          <p>{{ 'admin.editUser.guest' | t: { date: user().accessEndsAt ? dates.date(user().accessEndsAt!) : '—' } }}</p>
          <p><a [routerLink]="['/admin/guests', user().id]" data-testid="edit-user-guest-link">{{ 'admin.editUser.guestLink' | t }}</a></p>
        </div>
      } @else {
        <label class="check">
          <input type="checkbox" formControlName="isAdmin" data-testid="edit-user-admin" aria-describedby="edit-user-admin-hint" />
          <span>
            <span class="check__label">{{ 'admin.newUser.isAdmin' | t }}</span><br />
            <span class="small muted" id="edit-user-admin-hint">{{ (self() ? 'admin.editUser.selfAdmin' : 'admin.newUser.isAdminHint') | t }}</span>
          </span>
        </label>
        @if (feedback.errorsFor('isAdmin'); as messages) {
          <p class="field__error">{{ messages.join(' ') }}</p>
        }

        <label class="check">
          <input type="checkbox" formControlName="sponsor" data-testid="edit-user-sponsor" aria-describedby="edit-user-sponsor-hint" />
          <span>
            <span class="check__label">{{ 'admin.editUser.sponsor' | t }}</span><br />
            <span class="small muted" id="edit-user-sponsor-hint">{{ 'admin.editUser.sponsorHint' | t }}</span>
          </span>
        </label>
        @if (feedback.errorsFor('sponsor'); as messages) {
          <p class="field__error">{{ messages.join(' ') }}</p>
        }

        <label class="check">
          <input type="checkbox" formControlName="communication" data-testid="edit-user-communication" aria-describedby="edit-user-communication-hint" />
          <span>
            <span class="check__label">{{ 'admin.editUser.communication' | t }}</span><br />
            <span class="small muted" id="edit-user-communication-hint">{{ 'admin.editUser.communicationHint' | t }}</span>
          </span>
        </label>

        <label class="check">
          <input type="checkbox" formControlName="support" data-testid="edit-user-support" aria-describedby="edit-user-support-hint" />
          <span>
            <span class="check__label">{{ 'admin.editUser.support' | t }}</span><br />
            <span class="small muted" id="edit-user-support-hint">{{ 'admin.editUser.supportHint' | t }}</span>
          </span>
        </label>

        <fieldset class="choice-set" [attr.aria-describedby]="feedback.errorsFor('groups') ? 'edit-user-groups-error' : null">
          <legend>{{ 'admin.newUser.groups' | t }}</legend>
          @switch (groups.status()) {
            @case ('loading') {
              <p class="progress-line"><span class="spinner" aria-hidden="true"></span>{{ 'common.loading' | t }}</p>
            }
            @case ('error') {
              <p class="notice notice--error" role="alert">{{ groups.error()! | t }}</p>
            }
            @case ('ready') {
              <div class="check-grid" data-testid="edit-user-groups">
                @for (name of groupNames(); track name) {
                  <label class="check">
                    <input type="checkbox" [attr.data-testid]="'edit-user-group-' + name" [checked]="chosen().has(name)" (change)="toggle(name, $any($event.target).checked)" />
                    <span>{{ name }}</span>
                  </label>
                } @empty {
                  <p class="small muted">{{ 'admin.editUser.noGroups' | t }}</p>
                }
              </div>
            }
          }
          @if (feedback.errorsFor('groups'); as messages) {
            <p class="field__error" id="edit-user-groups-error">{{ messages.join(' ') }}</p>
          }
        </fieldset>
      }

      <div class="actions">
        <psl-submit-button [busy]="feedback.submitting()" label="admin.editUser.submit" busyLabel="admin.editUser.submitting" testId="edit-user-submit" />
        <button type="button" class="button button--secondary button--block" (click)="closed.emit()">{{ 'admin.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class EditUserFormComponent implements OnInit {
  private readonly api = inject(AdminApiService);
  private readonly catalogApi = inject(CatalogAdminApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });
  protected readonly dates = inject(DateFormatter);

  readonly user = input.required<AdminUser>();
  /** The person editing is this person. */
  readonly self = input(false);
  readonly saved = output<AdminUser>();
  readonly closed = output<void>();

  protected readonly limits = { email: EMAIL_MAX_LENGTH, name: NAME_MAX_LENGTH };
  protected readonly guest = computed(() => this.user().kind === 'guest');
  protected readonly groups = new Loadable<GroupView[]>();
  protected readonly chosen = signal<ReadonlySet<string>>(new Set());
  /** Every group, plus any the person is in that the list doesn't have (kept, not silently dropped). */
  protected readonly groupNames = computed(() => {
    const names = (this.groups.value() ?? []).map((group) => group.name);
    const extra = this.user().groups.filter((name) => !names.includes(name));
    return [...names, ...extra].sort((a, b) => a.localeCompare(b));
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    isAdmin: [false],
    sponsor: [false],
    communication: [false],
    support: [false],
    groups: [''],
  });

  protected readonly feedback = new FormFeedback<EditUserField>({
    form: this.form,
    fields: ['name', 'email', 'isAdmin', 'sponsor', 'communication', 'support', 'groups'],
    idPrefix: 'edit-user',
    formElement: this.formElement,
    banner: this.errorBanner,
    codeFields: { email_taken: 'email' },
  });

  ngOnInit(): void {
    const user = this.user();
    this.form.patchValue({
      name: user.name,
      email: user.email,
      isAdmin: user.isAdmin,
      sponsor: user.permissions.includes('sponsor'),
      communication: user.permissions.includes('communication'),
      support: user.permissions.includes('support'),
    });
    if (this.self()) {
      this.form.controls.isAdmin.disable();
    }
    this.chosen.set(new Set(user.groups));
    if (!this.guest()) {
      void this.groups.load(() => this.catalogApi.groups());
    }
  }

  protected toggle(name: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) {
      next.add(name);
    } else {
      next.delete(name);
    }
    this.chosen.set(next);
    this.feedback.clearServerErrors('groups');
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const values = this.form.getRawValue();
      const request: AdminUpdateUserRequest = { name: values.name.trim(), email: values.email.trim() };
      if (this.guest()) {
        this.saved.emit(await firstValueFrom(this.api.updateUser(this.user().id, request)));
        return;
      }
      request.groups = this.groupNames().filter((name) => this.chosen().has(name));
      // Permissions this form doesn't show are kept as they are.
      const shown: Permission[] = ['sponsor', 'communication', 'support'];
      const others = this.user().permissions.filter((permission) => !shown.includes(permission));
      request.permissions = [...others, ...shown.filter((permission) => values[permission])];
      if (!this.self()) {
        request.isAdmin = values.isAdmin;
      }
      // The groups list could not be read: leave the person's groups as they are.
      if (this.groups.status() !== 'ready') {
        delete request.groups;
      }
      try {
        this.saved.emit(await firstValueFrom(this.api.updateUser(this.user().id, request)));
      } catch (error) {
        // Permission problems are shown under the first permission box.
        throw withFormFieldNames(error, { permissions: 'sponsor' });
      }
    });
  }
}
