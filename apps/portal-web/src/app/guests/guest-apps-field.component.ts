import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { GuestAppRef } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';

/**
 * The apps a guest may open: one checkbox per app the caller may give (none ticked by default),
 * with the server's complaint about them underneath. The parent owns the chosen ids.
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
    fieldset {
      min-width: 0;
      margin: 0;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      font-weight: 600;
    }
    .apps {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0 var(--space-3);
    }
  `,
  template: `
    <fieldset [attr.aria-describedby]="describedBy()" data-testid="guest-apps">
      <legend>{{ 'guests.form.apps' | t }}</legend>
      <p class="field__hint" [id]="idPrefix() + '-apps-hint'">{{ 'guests.form.appsHint' | t }}</p>
      <div class="apps">
        @for (app of apps(); track app.id) {
          <label class="check">
            <input type="checkbox" [attr.data-testid]="'guest-app-' + app.id" [checked]="chosen().has(app.id)" (change)="toggled.emit({ id: app.id, checked: $any($event.target).checked })" />
            <span>{{ app.name }}</span>
          </label>
        } @empty {
          <p class="small muted" data-testid="guest-apps-none">{{ 'guests.form.noApps' | t }}</p>
        }
      </div>
      @if (errors(); as messages) {
        <p class="field__error" [id]="idPrefix() + '-apps-error'">{{ messages.join(' ') }}</p>
      }
    </fieldset>
  `,
})
export class GuestAppsFieldComponent {
  readonly apps = input.required<readonly GuestAppRef[]>();
  readonly chosen = input.required<ReadonlySet<string>>();
  readonly errors = input<string[] | null>(null);
  /** Ids are `<idPrefix>-apps-hint` and `-apps-error`. */
  readonly idPrefix = input.required<string>();
  readonly toggled = output<{ id: string; checked: boolean }>();

  protected describedBy(): string {
    const hint = `${this.idPrefix()}-apps-hint`;
    return this.errors() ? `${hint} ${this.idPrefix()}-apps-error` : hint;
  }
}
