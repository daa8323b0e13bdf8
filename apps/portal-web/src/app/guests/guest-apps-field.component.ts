import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import type { GuestAppRef } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import type { FieldFeedback } from '../shared/forms/field.component';

/**
 * The apps a guest may open: one checkbox per app the caller may give (none ticked by default),
 * with the server's complaint about them (field `apps` of the form's feedback) underneath until they
 * change. The chosen ids are two-way bound: `[(chosen)]="chosenApps"`.
 */
@Component({
  selector: 'psl-guest-apps-field',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  styles: `
    :host {
      display: block;
    }
  `,
  template: `
    <fieldset class="choice-set" [attr.aria-describedby]="describedBy()" data-testid="guest-apps">
      <legend>{{ 'guests.form.apps' | t }}</legend>
      <p class="field__hint" [id]="id() + '-hint'">{{ 'guests.form.appsHint' | t }}</p>
      <div class="check-grid">
        @for (app of apps(); track app.id) {
          <label class="check">
            <input type="checkbox" [attr.data-testid]="'guest-app-' + app.id" [checked]="chosen().has(app.id)" (change)="toggle(app.id, $any($event.target).checked)" />
            <span>{{ app.name }}</span>
          </label>
        } @empty {
          <p class="small muted" data-testid="guest-apps-none">{{ 'guests.form.noApps' | t }}</p>
        }
      </div>
      @if (feedback().errorsFor('apps'); as messages) {
        <p class="field__error" [id]="id() + '-error'">{{ messages.join(' ') }}</p>
      }
    </fieldset>
  `,
})
export class GuestAppsFieldComponent {
  readonly apps = input.required<readonly GuestAppRef[]>();
  readonly chosen = model.required<ReadonlySet<string>>();
  readonly feedback = input.required<FieldFeedback>();

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.chosen());
    if (checked) {
      next.add(id);
    } else {
      next.delete(id);
    }
    this.chosen.set(next);
    this.feedback().clearServerErrors('apps');
  }

  /** `<prefix>-apps`: the hint and error ids hang off it, as for the other fields. */
  protected id(): string {
    return this.feedback().idFor('apps');
  }

  protected describedBy(): string | null {
    return this.feedback().describedBy('apps', `${this.id()}-hint`);
  }
}
