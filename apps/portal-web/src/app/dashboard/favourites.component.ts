import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, type CdkDragDrop, CdkDragPlaceholder, CdkDropList } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, inject, input, output } from '@angular/core';
import type { DashboardApp } from '@passerelle/contracts';
import { I18nService, type MessageKey, TranslatePipe } from '../core/i18n';
import { AppTileComponent, type ReorderMove } from './app-tile.component';
import { DashboardStore } from './dashboard.store';

let nextId = 0;

/**
 * The pinned apps, in the person's order: reordered by dragging a tile's handle, or by focusing
 * the handle and pressing the arrow keys (Home/End: to either end). Each move is announced, and
 * saved by the store.
 */
@Component({
  selector: 'psl-favourites',
  imports: [TranslatePipe, AppTileComponent, CdkDropList, CdkDrag, CdkDragPlaceholder],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './tiles.css',
  template: `
    <ul
      class="tiles"
      cdkDropList
      cdkDropListOrientation="mixed"
      [attr.aria-labelledby]="labelledBy()"
      (cdkDropListDropped)="dropped($event)"
      data-testid="favourites"
    >
      @for (app of apps(); track app.id; let i = $index, count = $count) {
        <li class="tiles__item" cdkDrag [cdkDragData]="app.id">
          <psl-app-tile
            [app]="app"
            [pinned]="true"
            [place]="{ position: i + 1, count }"
            [reorderHintId]="hintId"
            (pinToggle)="unpin.emit(app)"
            (move)="move(app, i, $event)"
          />
          <div class="tiles__placeholder" *cdkDragPlaceholder></div>
        </li>
      }
    </ul>
    <p class="visually-hidden" [id]="hintId">{{ 'dashboard.favourites.reorderHint' | t }}</p>
  `,
})
export class FavouritesComponent {
  readonly apps = input.required<DashboardApp[]>();
  /** The id of the row's heading. */
  readonly labelledBy = input<string | null>(null);
  readonly unpin = output<DashboardApp>();

  protected readonly hintId = `psl-favourites-hint-${++nextId}`;
  private readonly store = inject(DashboardStore);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected dropped(event: CdkDragDrop<unknown, unknown, string>): void {
    if (event.previousIndex !== event.currentIndex) {
      this.moveTo(event.item.data, event.currentIndex, false);
    }
  }

  protected move(app: DashboardApp, index: number, move: ReorderMove): void {
    const last = this.apps().length - 1;
    const target = move === 'first' ? 0 : move === 'last' ? last : index + move;
    if (target < 0 || target > last || target === index) {
      // Already at that end: say where it is rather than nothing.
      this.announce('dashboard.favourites.position', app, index);
      return;
    }
    this.moveTo(app.id, target, true);
  }

  private moveTo(appId: string, index: number, keepFocus: boolean): void {
    const moved = this.store.movePin(appId, index);
    const app = this.apps().find((candidate) => candidate.id === appId);
    if (moved === null || !app) {
      return;
    }
    this.announce('dashboard.favourites.moved', app, moved);
    if (keepFocus) {
      // The tile's element moved in the list, which takes the focus away from its handle.
      afterNextRender(
        () => this.host.nativeElement.querySelector<HTMLElement>(`[data-handle-for="${CSS.escape(appId)}"]`)?.focus(),
        { injector: this.injector },
      );
    }
  }

  private announce(key: MessageKey, app: DashboardApp, index: number): void {
    const message = this.i18n.translate(key, { name: app.name, position: index + 1, count: this.apps().length });
    void this.announcer.announce(message, 'polite');
  }
}
