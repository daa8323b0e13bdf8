import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, signal } from '@angular/core';
import type { AdminUser } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { pendingWork } from '../account/loadable';
import { AdminApiService } from './admin-api.service';
import { problemText } from './problem-text';
import { SEARCH_DEBOUNCE_MS } from './search-debounce';

let nextId = 0;

/**
 * "Add a person by email": suggestions from the people with an account as one types, then the
 * parent's `add` runs for the person whose email matches exactly. Says so when nobody has that email.
 */
@Component({
  selector: 'psl-person-picker',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .picker__row {
      display: flex;
      gap: var(--space-2);
    }
    .picker__row .field__input {
      flex: 1 1 auto;
      min-width: 0;
    }
    .picker__row .button {
      flex: none;
    }
  `,
  template: `
    <form class="field" (submit)="submit($event)" [attr.data-testid]="testId()" novalidate>
      <label class="field__label" [for]="inputId">{{ label() | t }}</label>
      <div class="picker__row">
        <input
          class="field__input"
          type="email"
          inputmode="email"
          autocomplete="off"
          spellcheck="false"
          [id]="inputId"
          [attr.list]="listId"
          [attr.aria-invalid]="error() ? 'true' : null"
          [attr.aria-describedby]="error() ? inputId + '-error' : inputId + '-hint'"
          [value]="value()"
          (input)="typed($any($event.target).value)"
          data-testid="person-picker-input"
        />
        <button type="submit" class="button button--secondary" data-testid="person-picker-add" [disabled]="busy()">
          @if (busy()) {
            <span class="spinner" aria-hidden="true"></span>
          }
          {{ 'admin.picker.add' | t }}
        </button>
      </div>
      <datalist [id]="listId">
        @for (person of suggestions(); track person.id) {
          <option [value]="person.email">{{ person.name }}</option>
        }
      </datalist>
      <p class="field__hint" [id]="inputId + '-hint'">{{ 'admin.picker.hint' | t }}</p>
      @if (error(); as text) {
        <p class="field__error" [id]="inputId + '-error'" data-testid="person-picker-error">{{ text }}</p>
      }
    </form>
  `,
})
export class PersonPickerComponent {
  private readonly api = inject(AdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private latest = 0;

  readonly label = input.required<MessageKey>();
  /** Adds the person (the parent's API call); a rejection is shown under the field. */
  readonly add = input.required<(person: AdminUser) => Promise<void>>();
  /** Ids already there: picking one of them says so instead of calling `add`. */
  readonly present = input<ReadonlySet<string>>(new Set());
  readonly testId = input<string | null>(null);

  protected readonly inputId = `psl-person-picker-${++nextId}`;
  protected readonly listId = `${this.inputId}-list`;
  protected readonly value = signal('');
  protected readonly suggestions = signal<AdminUser[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected typed(value: string): void {
    this.value.set(value);
    this.error.set(null);
    clearTimeout(this.timer);
    if (value.trim().length < 2) {
      return;
    }
    this.timer = setTimeout(() => void this.suggest(value.trim()), this.debounceMs);
  }

  private suggest(search: string): Promise<void> {
    return this.track(async () => {
      const call = ++this.latest;
      try {
        const page = await firstValueFrom(this.api.users({ search, page: 1, pageSize: 10 }));
        if (call === this.latest) {
          this.suggestions.set(page.items);
        }
      } catch {
        // Suggestions are a help; adding still looks the person up.
      }
    });
  }

  protected submit(event: Event): Promise<void> {
    event.preventDefault();
    return this.track(async () => {
      const email = this.value().trim().toLowerCase();
      if (!email) {
        this.error.set(this.i18n.translate('validation.required'));
        return;
      }
      this.busy.set(true);
      this.error.set(null);
      try {
        const person = await this.find(email);
        if (!person) {
          this.error.set(this.i18n.translate('admin.picker.noOne', { email }));
        } else if (this.present().has(person.id)) {
          this.error.set(this.i18n.translate('admin.picker.already', { name: person.name }));
        } else {
          await this.add()(person);
          this.value.set('');
          this.suggestions.set([]);
        }
      } catch (error) {
        this.error.set(problemText(error, this.i18n));
      } finally {
        this.busy.set(false);
      }
    });
  }

  private async find(email: string): Promise<AdminUser | null> {
    const exact = (people: AdminUser[]) => people.find((person) => person.email.toLowerCase() === email) ?? null;
    const known = exact(this.suggestions());
    if (known) {
      return known;
    }
    clearTimeout(this.timer);
    const page = await firstValueFrom(this.api.users({ search: email, page: 1, pageSize: 10 }));
    return exact(page.items);
  }
}
