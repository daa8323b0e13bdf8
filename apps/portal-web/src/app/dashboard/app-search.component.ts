import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';
import type { DashboardApp } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { AppIconComponent } from './app-icon.component';
import { AppLauncherService } from './app-launcher.service';
import { searchApps } from './app-search';

let nextId = 0;

/**
 * The search box at the top of the dashboard, a combobox over a list of results: `/` focuses it
 * (unless typing in a field), typing filters (typos and accents forgiven), ↓/↑ move, Enter opens the
 * highlighted app here, Ctrl/Cmd+Enter in a new tab, Escape clears. The parent shows the results
 * instead of the usual rows while `query` is not blank.
 */
@Component({
  selector: 'psl-app-search',
  imports: [TranslatePipe, AppIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onDocumentKeydown($event)' },
  styleUrl: './app-search.component.css',
  template: `
    <div class="search" role="search">
      <label class="visually-hidden" [for]="inputId">{{ 'dashboard.search.label' | t }}</label>
      <div class="search__field">
        <svg class="search__glass" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="10.5" cy="10.5" r="6.5" />
          <path d="M15.5 15.5 21 21" />
        </svg>
        <input
          #input
          class="field__input search__input"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-keyshortcuts="/"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          enterkeyhint="go"
          [id]="inputId"
          [placeholder]="'dashboard.search.placeholder' | t"
          [value]="query()"
          [attr.aria-expanded]="expanded()"
          [attr.aria-controls]="expanded() ? listId : null"
          [attr.aria-activedescendant]="activeOptionId()"
          [attr.aria-describedby]="hintId"
          (input)="onInput($event)"
          (keydown)="onKeydown($event)"
          data-testid="app-search"
        />
        @if (!searching()) {
          <kbd class="search__key" aria-hidden="true">/</kbd>
        }
      </div>
      <p class="visually-hidden" [id]="hintId">{{ 'dashboard.search.hint' | t }}</p>
    </div>

    <!-- Always present, so screen readers hear the count change as the person types. -->
    <p class="results__count" [class.visually-hidden]="!searching()" role="status" data-testid="app-search-status">
      @if (searching()) {
        @if (results().length) {
          {{ (results().length === 1 ? 'dashboard.search.count.one' : 'dashboard.search.count.other') | t: { count: results().length } }}
        } @else {
          {{ 'dashboard.search.none' | t: { query: query().trim() } }}
        }
      }
    </p>
    @if (searching()) {
      <div class="results">
        @if (results().length) {
          <ul class="results__list" role="listbox" [id]="listId" [attr.aria-label]="'dashboard.search.resultsLabel' | t" data-testid="app-search-results">
            @for (app of results(); track app.id; let i = $index) {
              <li
                class="result"
                role="option"
                tabindex="-1"
                [id]="optionId(i)"
                [class.result--active]="i === activeIndex()"
                [attr.aria-selected]="i === activeIndex()"
                [attr.data-app-id]="app.id"
                (mousedown)="$event.preventDefault()"
                (mousemove)="highlight(i)"
                (click)="openFromPointer(app, $event)"
                (auxclick)="openFromPointer(app, $event)"
                (keydown.enter)="openFromPointer(app, $event)"
              >
                <psl-app-icon [name]="app.name" [iconUrl]="app.iconUrl" [seed]="app.id" />
                <span class="result__text">
                  <span class="result__name">{{ app.name }}</span>
                  @if (app.description) {
                    <span class="result__description">{{ app.description }}</span>
                  }
                </span>
                <span class="result__enter" aria-hidden="true">↵</span>
              </li>
            }
          </ul>
        } @else {
          <p class="results__empty muted" data-testid="app-search-empty">{{ 'dashboard.search.noneHint' | t }}</p>
        }
      </div>
    }
  `,
})
export class AppSearchComponent {
  readonly apps = input.required<DashboardApp[]>();
  /** What is typed; the parent hides its rows while it is not blank. */
  readonly query = model('');

  private readonly launcher = inject(AppLauncherService);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');

  private readonly uid = ++nextId;
  protected readonly inputId = `psl-app-search-${this.uid}`;
  protected readonly listId = `psl-app-search-${this.uid}-results`;
  protected readonly hintId = `psl-app-search-${this.uid}-hint`;

  protected readonly searching = computed(() => this.query().trim().length > 0);
  protected readonly results = computed(() => searchApps(this.apps(), this.query()));
  protected readonly expanded = computed(() => this.searching() && this.results().length > 0);
  private readonly active = signal(0);
  /** The highlighted result, kept in range when the results change. */
  protected readonly activeIndex = computed(() => Math.min(this.active(), Math.max(this.results().length - 1, 0)));
  protected readonly activeOptionId = computed(() => (this.expanded() ? this.optionId(this.activeIndex()) : null));

  /** Focuses the box (the `/` shortcut, or the parent). */
  focus(): void {
    const element = this.input().nativeElement;
    element.focus();
    element.select();
  }

  protected optionId(index: number): string {
    return `${this.listId}-${index}`;
  }

  protected highlight(index: number): void {
    this.active.set(index);
  }

  protected onInput(event: Event): void {
    this.query.set((event.target as HTMLInputElement).value);
    this.active.set(0);
  }

  protected onKeydown(event: KeyboardEvent): void {
    const count = this.results().length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (count) {
          event.preventDefault();
          const step = event.key === 'ArrowDown' ? 1 : -1;
          this.active.set((this.activeIndex() + step + count) % count);
          this.scrollActiveIntoView();
        }
        break;
      case 'Home':
      case 'End':
        if (count && event.ctrlKey) {
          event.preventDefault();
          this.active.set(event.key === 'Home' ? 0 : count - 1);
          this.scrollActiveIntoView();
        }
        break;
      case 'Enter':
        if (this.searching() && count) {
          event.preventDefault();
          this.open(this.results()[this.activeIndex()], event.ctrlKey || event.metaKey);
        }
        break;
      case 'Escape':
        if (this.query()) {
          event.preventDefault();
          this.query.set('');
          this.active.set(0);
        }
        break;
    }
  }

  /** A click opens here; Ctrl/Cmd+click or the middle button in a new tab, as on a link. */
  protected openFromPointer(app: DashboardApp, event: MouseEvent | Event): void {
    if (event instanceof MouseEvent && event.type === 'auxclick' && event.button !== 1) {
      return;
    }
    const newTab = event instanceof MouseEvent && (event.ctrlKey || event.metaKey || event.button === 1);
    event.preventDefault();
    this.open(app, newTab);
  }

  protected onDocumentKeydown(event: KeyboardEvent): void {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
      return;
    }
    const target = event.target instanceof HTMLElement ? event.target : null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) {
      return;
    }
    if (target?.closest('dialog[open]')) {
      return;
    }
    event.preventDefault();
    this.focus();
  }

  private open(app: DashboardApp | undefined, newTab: boolean): void {
    if (!app) {
      return;
    }
    if (newTab) {
      this.launcher.openInNewTab(app.launchUrl);
    } else {
      this.launcher.open(app.launchUrl);
    }
  }

  private scrollActiveIntoView(): void {
    afterNextRender(
      () => this.host.nativeElement.querySelector(`#${CSS.escape(this.optionId(this.activeIndex()))}`)?.scrollIntoView({ block: 'nearest' }),
      { injector: this.injector },
    );
  }
}
