import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ControlContainer, ReactiveFormsModule } from '@angular/forms';
import { TranslatePipe } from '../core/i18n';
import { type FieldFeedback, FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { SponsorSuggestions } from './sponsor-suggestions';

/**
 * The sponsor field of the guest forms (for administrators, who may pick any employee): the
 * parent form's `sponsor` control, with employees matching what is typed offered in a <datalist>.
 */
@Component({
  selector: 'psl-guest-sponsor-field',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // formControlName below binds to the parent's form.
  viewProviders: [{ provide: ControlContainer, useFactory: () => inject(ControlContainer, { skipSelf: true }) }],
  styles: `
    :host {
      display: contents;
    }
  `,
  template: `
    <psl-field [feedback]="feedback()" name="sponsor" [label]="'guests.form.sponsor' | t" [hint]="'guests.form.sponsorHint' | t">
      <input
        pslFieldControl
        type="email"
        inputmode="email"
        spellcheck="false"
        autocomplete="off"
        formControlName="sponsor"
        [attr.list]="listId()"
        (input)="sponsors.typed($any($event.target).value)"
      />
    </psl-field>
    <datalist [id]="listId()">
      @for (person of sponsors.people(); track person.id) {
        <option [value]="person.email">{{ person.name }}</option>
      }
    </datalist>
  `,
})
export class GuestSponsorFieldComponent {
  readonly feedback = input.required<FieldFeedback>();
  protected readonly sponsors = new SponsorSuggestions();

  protected listId(): string {
    return `${this.feedback().idFor('sponsor')}-list`;
  }
}
