import { ChangeDetectionStrategy, Component, ElementRef, type OnInit, inject, input, output, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { CATALOG_LIMITS, type GroupView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey } from '../../core/http/api-error';
import { TranslatePipe } from '../../core/i18n';
import { FieldComponent, FieldControlDirective } from '../../shared/forms/field.component';
import { FormErrorBannerComponent } from '../../shared/forms/form-error-banner.component';
import { FormFeedback } from '../../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../../shared/forms/submit-button.component';
import { notBlank } from '../../shared/forms/validators';
import { CatalogAdminApiService } from '../catalog-admin-api.service';

/** A group's name and description: creates one, or edits `group`. */
@Component({
  selector: 'psl-group-form',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, FormErrorBannerComponent, SubmitButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../account/ui.css',
  styles: `
    textarea {
      min-height: 4rem;
      resize: vertical;
    }
  `,
  template: `
    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-form-error-banner #errorBanner [banner]="error" data-testid="group-form-error" />
      }
    </div>
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      <psl-field [feedback]="feedback" name="name" [label]="'admin.groups.name' | t">
        <input pslFieldControl type="text" autocomplete="off" formControlName="name" data-autofocus [attr.maxlength]="limits.groupNameMax" />
      </psl-field>
      <psl-field [feedback]="feedback" name="description" [label]="'admin.groups.description' | t" [hint]="'admin.groups.descriptionHint' | t">
        <textarea pslFieldControl formControlName="description" rows="2" [attr.maxlength]="limits.groupDescriptionMax"></textarea>
      </psl-field>
      <div class="actions">
        <psl-submit-button
          [busy]="feedback.submitting()"
          [label]="group() ? 'admin.groups.save' : 'admin.groups.create'"
          busyLabel="admin.groups.saving"
          testId="group-form-submit"
        />
        <button type="button" class="button button--secondary button--block" (click)="closed.emit()">{{ 'admin.cancel' | t }}</button>
      </div>
    </form>
  `,
})
export class GroupFormComponent implements OnInit {
  private readonly api = inject(CatalogAdminApiService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  readonly group = input<GroupView | null>(null);
  readonly saved = output<GroupView>();
  readonly closed = output<void>();

  protected readonly limits = CATALOG_LIMITS;
  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [Validators.required, notBlank, Validators.maxLength(CATALOG_LIMITS.groupNameMax)]],
    description: ['', [Validators.maxLength(CATALOG_LIMITS.groupDescriptionMax)]],
  });
  protected readonly feedback = new FormFeedback<'name' | 'description'>({
    form: this.form,
    fields: ['name', 'description'],
    idPrefix: 'group',
    formElement: this.formElement,
    banner: this.errorBanner,
    // 409: another group has this name (when the server names no field).
    messageFor: (failure) => (failure.code === 'conflict' ? 'admin.groups.nameTaken' : failureMessageKey(failure)),
  });

  ngOnInit(): void {
    const group = this.group();
    if (group) {
      this.form.setValue({ name: group.name, description: group.description });
    }
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const values = this.form.getRawValue();
      const input = { name: values.name.trim(), description: values.description.trim() };
      const group = this.group();
      const saved = await firstValueFrom(group ? this.api.updateGroup(group.id, input) : this.api.createGroup(input));
      this.saved.emit(saved);
    });
  }
}
