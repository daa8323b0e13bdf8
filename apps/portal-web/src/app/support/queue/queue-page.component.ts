import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { type QueueOptions, type QueueTicket, type TicketList, TicketStatuses, TicketUrgencies } from '@passerelle/contracts';
import { firstValueFrom, map } from 'rxjs';
import { NOW } from '../../account/browser';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { SEARCH_DEBOUNCE_MS } from '../../admin/search-debounce';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import { slaStanding } from '../sla-time';
import { STATUS_TEXT, URGENCY_TEXT, statusBadgeClass } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { DEFAULT_FILTERS, type QueueFilters, filtersFrom, filtersToParams, isDefault, queueQuery } from './queue-filters';
import { useSupportMessages } from '../support-messages';

/** A light refresh while the queue is open (only when the page is visible and no further page was loaded). */
export const QUEUE_POLL_MS = 60_000;

/**
 * `/support/queue`: the tickets support works on, filtered by status (open by default), category,
 * urgency, app, assignee, missed SLA and words; filters live in the URL so a view can be shared or
 * reloaded. A table on wide screens, one card per ticket on phones; "Load more" follows the cursor.
 */
@Component({
  selector: 'psl-queue-page',
  imports: [RouterLink, TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './queue-page.component.html',
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
})
export class QueuePageComponent {
  private readonly api = inject(SupportApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly now = inject(NOW);
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private readonly track = pendingWork();

  protected readonly statuses = TicketStatuses;
  protected readonly urgencies = TicketUrgencies;
  protected readonly statusText = STATUS_TEXT;
  protected readonly urgencyText = URGENCY_TEXT;
  protected readonly badgeClass = statusBadgeClass;

  protected readonly filters = toSignal(this.route.queryParamMap.pipe(map(filtersFrom)), { initialValue: DEFAULT_FILTERS });
  protected readonly filtered = computed(() => !isDefault(this.filters()));
  protected readonly options = new Loadable<QueueOptions>();
  protected readonly page = new Loadable<TicketList<QueueTicket>>();
  /** Tickets from "Load more", after the first page. */
  private readonly more = signal<QueueTicket[]>([]);
  private readonly moreCursor = signal<string | null | undefined>(undefined);
  protected readonly loadingMore = signal(false);
  protected readonly moreError = signal<MessageKey | null>(null);
  /** Bumped to recompute SLA times on each refresh. */
  private readonly clock = signal(0);

  protected readonly rows = computed(() => [...(this.page.value()?.items ?? []), ...this.more()]);
  protected readonly total = computed(() => this.page.value()?.total ?? 0);
  protected readonly nextCursor = computed(() => {
    const fromMore = this.moreCursor();
    return fromMore === undefined ? (this.page.value()?.nextCursor ?? null) : fromMore;
  });
  protected readonly standings = computed(() => {
    this.clock();
    const now = this.now();
    return new Map(this.rows().map((ticket) => [ticket.id, slaStanding(ticket.sla, ticket.status, now)]));
  });

  private searchTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    useSupportMessages();
    void this.options.load(() => this.api.queueOptions());
    effect(() => {
      const filters = this.filters();
      untracked(() => void this.load(filters));
    });
    const timer = setInterval(() => this.poll(), QUEUE_POLL_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      clearTimeout(this.searchTimer);
    });
  }

  protected load(filters = this.filters(), quiet = false): Promise<void> {
    this.more.set([]);
    this.moreCursor.set(undefined);
    this.moreError.set(null);
    this.clock.update((value) => value + 1);
    return this.page.load(() => this.api.queue(queueQuery(filters)), { quiet });
  }

  protected refresh(): Promise<void> {
    return this.load(this.filters(), true);
  }

  private poll(): void {
    const visible = typeof document === 'undefined' || document.visibilityState === 'visible';
    if (visible && this.page.status() === 'ready' && !this.more().length) {
      void this.refresh();
    }
  }

  protected loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.loadingMore.set(true);
      this.moreError.set(null);
      try {
        const next = await firstValueFrom(this.api.queue(queueQuery(this.filters(), cursor)));
        const seen = new Set(this.rows().map((ticket) => ticket.id));
        this.more.update((items) => [...items, ...next.items.filter((ticket) => !seen.has(ticket.id))]);
        this.moreCursor.set(next.nextCursor);
      } catch (error) {
        this.moreError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.loadingMore.set(false);
      }
    });
  }

  protected setFilter<K extends keyof QueueFilters>(key: K, value: QueueFilters[K]): void {
    this.navigate({ ...this.filters(), [key]: value });
  }

  protected search(value: string): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.setFilter('q', value), this.debounceMs);
  }

  protected searchNow(event: Event, value: string): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    this.setFilter('q', value);
  }

  protected clearFilters(): void {
    clearTimeout(this.searchTimer);
    this.navigate(DEFAULT_FILTERS);
  }

  private navigate(filters: QueueFilters): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: filtersToParams(filters), replaceUrl: true });
  }
}
