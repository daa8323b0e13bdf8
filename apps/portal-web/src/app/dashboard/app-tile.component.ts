import { CdkDragHandle } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { AppHealth, DashboardApp } from '@passerelle/contracts';
import { AlertCountsStore, badgeText } from '../alerts/alert-counts.store';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { AppIconComponent } from './app-icon.component';

/** Where a favourite should go: one place earlier or later, or to either end. */
export type ReorderMove = -1 | 1 | 'first' | 'last';

export interface TilePlace {
  position: number;
  count: number;
}

const HEALTH_TEXT: Record<AppHealth, MessageKey> = {
  up: 'dashboard.health.up',
  down: 'dashboard.health.down',
  unknown: 'dashboard.health.unknown',
};

const MOVE_KEYS: Record<string, ReorderMove> = {
  ArrowLeft: -1,
  ArrowUp: -1,
  ArrowRight: 1,
  ArrowDown: 1,
  Home: 'first',
  End: 'last',
};

/**
 * One app: a plain link to its launch URL (so middle-click and Ctrl/Cmd+click open a new tab as
 * usual), with the icon, name, description and health; beside the link, not inside it, the
 * favourite toggle and — in the favourites row — the handle to drag it or move it with the keys
 * (in that order for the keyboard: link, handle, star).
 */
@Component({
  selector: 'psl-app-tile',
  imports: [TranslatePipe, AppIconComponent, CdkDragHandle],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './app-tile.component.css',
  template: `
    <div class="tile" [attr.data-app-id]="app().id" data-testid="tile">
      <a class="tile__link" [href]="app().launchUrl" data-testid="tile-link">
        <span class="tile__icon">
          <psl-app-icon [name]="app().name" [iconUrl]="app().iconUrl" [seed]="app().id" />
          @if (app().health; as health) {
            <span class="tile__health" [attr.data-health]="health" data-testid="tile-health">
              <span class="visually-hidden">{{ healthText[health] | t }}</span>
            </span>
          }
          @if (badgeLabel(); as label) {
            <span class="tile__badge" aria-hidden="true" data-testid="tile-badge">{{ label }}</span>
          }
        </span>
        <span class="tile__name">{{ app().name }}</span>
        <!-- After the name, so the link reads "CRM, 3 unread notifications". -->
        @if (unread()) {
          <span class="visually-hidden" data-testid="tile-unread">, {{ (unread() === 1 ? 'alerts.unreadCount.one' : 'alerts.unreadCount.other') | t: { count: unread() } }}</span>
        }
        @if (app().description) {
          <span class="tile__description" [title]="app().description">{{ app().description }}</span>
        }
      </a>
      @if (place(); as at) {
        <button
          type="button"
          class="tile__action tile__handle"
          cdkDragHandle
          [attr.aria-label]="'dashboard.tile.move' | t: { name: app().name, position: at.position, count: at.count }"
          [attr.aria-describedby]="reorderHintId()"
          [attr.data-handle-for]="app().id"
          (keydown)="onHandleKeydown($event)"
          data-testid="tile-handle"
        >
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <circle cx="9" cy="6" r="1.6" /><circle cx="15" cy="6" r="1.6" /><circle cx="9" cy="12" r="1.6" />
            <circle cx="15" cy="12" r="1.6" /><circle cx="9" cy="18" r="1.6" /><circle cx="15" cy="18" r="1.6" />
          </svg>
        </button>
      }
      <button
        type="button"
        class="tile__action tile__pin"
        [attr.aria-pressed]="pinned()"
        [attr.aria-label]="'dashboard.tile.pin' | t: { name: app().name }"
        (click)="pinToggle.emit()"
        data-testid="tile-pin"
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 3.2l2.6 5.5 6 .8-4.4 4.2 1.1 6-5.3-2.9-5.3 2.9 1.1-6-4.4-4.2 6-.8z" />
        </svg>
      </button>
    </div>
  `,
})
export class AppTileComponent {
  readonly app = input.required<DashboardApp>();
  readonly pinned = input(false);
  /** Unread alerts; by default the app's unread count from the alert stream. Nothing shows for 0. */
  readonly badge = input<number | null>(null);
  /** Set in the favourites row: the tile's place, shown by its reorder handle. */
  readonly place = input<TilePlace | null>(null);
  /** Id of the text explaining how to reorder, read with the handle. */
  readonly reorderHintId = input<string | null>(null);

  readonly pinToggle = output<void>();
  readonly move = output<ReorderMove>();

  protected readonly healthText = HEALTH_TEXT;
  private readonly alertCounts = inject(AlertCountsStore);
  protected readonly unread = computed(() => this.badge() ?? this.alertCounts.unreadFor(this.app().id));
  /** "99+" past 99. */
  protected readonly badgeLabel = computed(() => badgeText(this.unread()));

  /** Arrow keys (with or without Alt) move one place; Home and End to either end. */
  protected onHandleKeydown(event: KeyboardEvent): void {
    const move = MOVE_KEYS[event.key];
    if (move === undefined || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    this.move.emit(move);
  }
}
