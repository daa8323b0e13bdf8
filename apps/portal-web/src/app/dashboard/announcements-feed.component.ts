import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { AnnouncementView } from '@passerelle/contracts';
import { merge } from 'rxjs';
import { I18nService, TranslatePipe } from '../core/i18n';
import { longDate } from '../core/i18n/date-format';
import { Loadable } from '../account/loadable';
import { AlertStreamService } from '../alerts/alert-stream.service';
import { AnnouncementsApiService } from '../announcements/announcements-api.service';

/** How many announcements show before "Show N more". */
export const FEED_VISIBLE = 3;
/** Bodies longer than this (characters or lines) start folded, with "Read more". */
const LONG_BODY_CHARS = 360;
const LONG_BODY_LINES = 6;

/**
 * The dashboard's company announcements: pinned first, then the newest, each with its image,
 * author and date and its body as the server rendered it (sanitised there; Angular sanitises
 * `[innerHTML]` again). Hidden while there are none; a discreet line if they can't be loaded.
 * Reloads when the live stream says an announcement changed, or through `reload()`.
 */
@Component({
  selector: 'psl-announcements-feed',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './announcements-feed.component.css',
  template: `
    @if (items().length) {
      <section class="feed" aria-labelledby="announcements-feed-title" data-testid="announcements-feed">
        <h2 id="announcements-feed-title" class="feed__title">{{ 'dashboard.announcements.title' | t }}</h2>
        <ul class="feed__list">
          @for (item of shown(); track item.id) {
            <li>
              <article
                class="announcement"
                [class.announcement--pinned]="item.pinned"
                [class.announcement--with-image]="!!item.imageUrl"
                [attr.aria-labelledby]="'announcement-title-' + item.id"
                data-testid="announcement"
                [attr.data-announcement-id]="item.id"
              >
                @if (item.imageUrl) {
                  <img class="announcement__image" [src]="item.imageUrl" [alt]="item.imageAlt" loading="lazy" decoding="async" data-testid="announcement-image" />
                }
                <div class="announcement__content">
                  <p class="announcement__meta">
                    @if (item.pinned) {
                      <span class="announcement__pin" data-testid="announcement-pin">
                        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M15 3l6 6-3 1-4 4 1 5-2 2-4-4-5 5-1-1 5-5-4-4 2-2 5 1 4-4z" /></svg>
                        {{ 'dashboard.announcements.pinned' | t }}
                      </span>
                    }
                    <span>{{ 'dashboard.announcements.by' | t: { name: item.authorName } }}</span>
                    <time [attr.datetime]="item.publishAt">{{ dateOf(item.publishAt) }}</time>
                  </p>
                  <h3 class="announcement__title" [id]="'announcement-title-' + item.id">{{ item.title }}</h3>
                  @if (item.bodyHtml) {
                    <div
                      class="announcement__body"
                      [class.announcement__body--folded]="isLong(item) && !expanded().has(item.id)"
                      [id]="'announcement-body-' + item.id"
                      data-testid="announcement-body"
                      [innerHTML]="item.bodyHtml"
                    ></div>
                    @if (isLong(item)) {
                      <button
                        type="button"
                        class="announcement__more"
                        [attr.aria-expanded]="expanded().has(item.id)"
                        [attr.aria-controls]="'announcement-body-' + item.id"
                        data-testid="announcement-more"
                        (click)="toggle(item.id)"
                      >
                        {{ (expanded().has(item.id) ? 'dashboard.announcements.readLess' : 'dashboard.announcements.readMore') | t }}
                      </button>
                    }
                  }
                </div>
              </article>
            </li>
          }
        </ul>
        @if (items().length > visible) {
          <button type="button" class="feed__all" [attr.aria-expanded]="showAll()" data-testid="announcements-show-all" (click)="showAll.set(!showAll())">
            {{ showAll() ? ('dashboard.announcements.showFewer' | t) : ('dashboard.announcements.showMore' | t: { count: items().length - visible }) }}
          </button>
        }
      </section>
    } @else if (feed.status() === 'error') {
      <p class="feed__error" data-testid="announcements-error">
        {{ 'dashboard.announcements.loadFailed' | t }}
        <button type="button" class="feed__retry" (click)="reload()">{{ 'common.retry' | t }}</button>
      </p>
    }
  `,
})
export class AnnouncementsFeedComponent {
  private readonly api = inject(AnnouncementsApiService);
  private readonly i18n = inject(I18nService);

  protected readonly feed = new Loadable<AnnouncementView[]>();
  protected readonly visible = FEED_VISIBLE;
  protected readonly showAll = signal(false);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  /** The last list that loaded stays on screen while a reload is on its way or fails. */
  protected readonly items = computed(() => this.feed.value() ?? []);
  protected readonly shown = computed(() => (this.showAll() ? this.items() : this.items().slice(0, FEED_VISIBLE)));

  constructor() {
    void this.reload();
    const stream = inject(AlertStreamService);
    // `resynced`: the stream was opened afresh and may have missed an `announcement` event.
    merge(stream.announcements, stream.resynced)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => void this.reload());
  }

  /** Asks the server again, keeping what is shown until the answer is there. */
  reload(): Promise<void> {
    return this.feed.load(() => this.api.feed(), { quiet: this.feed.value() !== null });
  }

  protected isLong(item: AnnouncementView): boolean {
    return item.body.length > LONG_BODY_CHARS || item.body.split('\n').filter((line) => line.trim()).length > LONG_BODY_LINES;
  }

  protected toggle(id: string): void {
    const next = new Set(this.expanded());
    if (next.has(id)) {
      next.delete(id);
    } else {
      next.add(id);
    }
    this.expanded.set(next);
  }

  protected dateOf(value: string): string {
    return longDate(value, this.i18n.locale()) ?? value;
  }
}
