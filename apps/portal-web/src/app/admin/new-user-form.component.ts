import { ChangeDetectionStrategy, Component, ElementRef, inject, output, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { type AdminCreateUserResponse, EMAIL_MAX_LENGTH, NAME_MAX_LENGTH } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { CopyButtonComponent } from '../account/copy-button.component';
import { DateFormatter } from '../account/dates';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { emailAddress, notBlank } from '../shared/forms/validators';
import { AdminApiService } from './admin-api.service';

type NewUserField = 'email' | 'name' | 'groups';

/** Comma-separated group names → a clean list (no blanks, no duplicates). */
export function parseGroups(value: string): string[] {
  return [...new Set(value.split(',').map((group) => group.trim()).filter(Boolean))];
}

/** "New user": email, name, administrator, groups → the one-time activation link to pass on. */
@Component({
  selector: 'psl-new-user-form',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
    }
    .link {
      padding: var(--space-3);
      border-radius: var(--radius-sm);
      background: var(--color-surface-muted);
      font-size: var(--font-size-sm);
    }
  `,
  template: `
    @if (created(); as result) {
      <div class="notice notice--success" role="status" tabindex="-1" #createdNotice data-testid="new-user-created">
        <p class="notice__title">{{ 'admin.newUser.created' | t: { name: result.user.name } }}</p>
        <p>{{ 'admin.newUser.linkIntro' | t: { time: dates.dateTime(result.activationLinkExpiresAt) } }}</p>
      </div>
      <p class="link mono" data-testid="new-user-link">{{ result.activationLink }}</p>
      <div class="actions">
        <psl-copy-button [value]="result.activationLink" accessibleLabel="admin.newUser.copyLink" testId="new-user-copy" />
        <button type="button" class="button button--secondary button--small" (click)="another()">{{ 'admin.newUser.another' | t }}</button>
        <button type="button" class="button button--secondary button--small" data-testid="new-user-close" (click)="closed.emit()">{{ 'admin.newUser.close' | t }}</button>
      </div>
    } @else {
      <div class="form-banner-slot">
        @if (feedback.banner(); as error) {
          <psl-form-error-banner #errorBanner [banner]="error" data-testid="new-user-error" />
        }
      </div>
      <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement>
        <psl-field [feedback]="feedback" name="email" [label]="'admin.newUser.email' | t">
          <input pslFieldControl type="email" inputmode="email" spellcheck="false" autocomplete="off" formControlName="email" [attr.maxlength]="limits.email" />
        </psl-field>
        <psl-field [feedback]="feedback" name="name" [label]="'admin.newUser.name' | t">
          <input pslFieldControl type="text" autocomplete="off" formControlName="name" [attr.maxlength]="limits.name" />
        </psl-field>
        <psl-field [feedback]="feedback" name="groups" [label]="'admin.newUser.groups' | t" [hint]="'admin.newUser.groupsHint' | t">
          <input pslFieldControl type="text" autocomplete="off" formControlName="groups" />
        </psl-field>
        <label class="check">
          <input type="checkbox" formControlName="isAdmin" data-testid="new-user-admin" />
          <span><span class="check__label">{{ 'admin.newUser.isAdmin' | t }}</span><br /><span class="small muted">{{ 'admin.newUser.isAdminHint' | t }}</span></span>
        </label>
        <div class="actions">
          <psl-submit-button [busy]="feedback.submitting()" label="admin.newUser.submit" busyLabel="admin.newUser.submitting" testId="new-user-submit" />
          <button type="button" class="button button--secondary button--block" (click)="closed.emit()">{{ 'admin.cancel' | t }}</button>
        </div>
      </form>
    }
  `,
})
export class NewUserFormComponent {
  private readonly api = inject(AdminApiService);
  protected readonly dates = inject(DateFormatter);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });
  private readonly createdNotice = viewChild<ElementRef<HTMLElement>>('createdNotice');

  /** A user was created (the list should refresh). */
  readonly userCreated = output<AdminCreateUserResponse>();
  readonly closed = output<void>();

  protected readonly limits = { email: EMAIL_MAX_LENGTH, name: NAME_MAX_LENGTH };
  protected readonly created = signal<AdminCreateUserResponse | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, emailAddress, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    name: ['', [Validators.required, notBlank, Validators.maxLength(NAME_MAX_LENGTH)]],
    groups: [''],
    isAdmin: [false],
  });

  protected readonly feedback = new FormFeedback<NewUserField>({
    form: this.form,
    fields: ['email', 'name', 'groups'],
    idPrefix: 'new-user',
    formElement: this.formElement,
    banner: this.errorBanner,
    codeFields: { email_taken: 'email' },
  });

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const values = this.form.getRawValue();
      const result = await firstValueFrom(
        this.api.createUser({
          email: values.email.trim(),
          name: values.name.trim(),
          isAdmin: values.isAdmin,
          groups: parseGroups(values.groups),
        }),
      );
      this.created.set(result);
      this.userCreated.emit(result);
      this.feedback.afterRender(() => this.createdNotice()?.nativeElement.focus());
    });
  }

  protected another(): void {
    this.created.set(null);
    this.form.reset();
    this.feedback.submitted.set(false);
  }
}
