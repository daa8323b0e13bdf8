import { ChangeDetectionStrategy, Component, Directive, inject, input } from '@angular/core';

/** What a field needs from the page's FormFeedback (any FormFeedback fits). */
export interface FieldFeedback {
  idFor(field: string): string;
  errorsFor(field: string): string[] | null;
  describedBy(field: string, ...hintIds: string[]): string | null;
  clearServerErrors(field: string): void;
}

/**
 * One form field: label, optional hint, the projected control (marked `pslFieldControl`), anything
 * projected after it (e.g. a meter), and its error paragraph. Ids follow the FormFeedback's
 * scheme: `<prefix>-<name>`, `-hint`, `-error`.
 *
 *   <psl-field [feedback]="feedback" name="email" [label]="'setup.field.email' | t">
 *     <input pslFieldControl type="email" formControlName="email" />
 *   </psl-field>
 */
@Component({
  selector: 'psl-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'field' },
  template: `
    <label class="field__label" [for]="controlId()">{{ label() }}</label>
    @if (hint()) {
      <p class="field__hint" [id]="controlId() + '-hint'">{{ hint() }}</p>
    }
    <ng-content />
    @if (errors(); as messages) {
      <p class="field__error" [id]="controlId() + '-error'">{{ messages.join(' ') }}</p>
    }
  `,
})
export class FieldComponent {
  readonly feedback = input.required<FieldFeedback>();
  readonly name = input.required<string>();
  readonly label = input.required<string>();
  readonly hint = input<string | null>(null);
  /** Ids of other elements that describe the control, e.g. a live meter. */
  readonly describedByIds = input<readonly string[]>([]);

  // Methods, not computed(): errors depend on control state (touched, dirty) that is not a signal.
  controlId(): string {
    return this.feedback().idFor(this.name());
  }

  errors(): string[] | null {
    return this.feedback().errorsFor(this.name());
  }

  describedBy(): string | null {
    const hints = this.hint() ? [`${this.controlId()}-hint`] : [];
    return this.feedback().describedBy(this.name(), ...hints, ...this.describedByIds());
  }

  edited(): void {
    this.feedback().clearServerErrors(this.name());
  }
}

/** The control inside a <psl-field>: gets its id, styling, aria state, and forgets server errors when edited. */
@Directive({
  selector: '[pslFieldControl]',
  host: {
    class: 'field__input',
    '[id]': 'field.controlId()',
    '[attr.aria-invalid]': "field.errors() ? 'true' : null",
    '[attr.aria-describedby]': 'field.describedBy()',
    '(input)': 'field.edited()',
  },
})
export class FieldControlDirective {
  protected readonly field = inject(FieldComponent);
}
