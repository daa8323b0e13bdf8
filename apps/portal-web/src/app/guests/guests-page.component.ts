import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { type BulkGuestRequest, type GuestFilter, GuestFilters, type GuestList, type GuestView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { NOW } from '../account/browser';
import { ConfirmDialogComponent } from '../account/confirm-dialog.component';
import { DialogComponent } from '../account/dialog.component';
import { Loadable, pendingWork } from '../account/loadable';
import { SEARCH_DEBOUNCE_MS } from '../admin/search-debounce';
import { focusAfterRender } from './focus-after-render';
import { dayValue, endOfDayIso, parseDay } from './guest-dates';
import { LoadStateComponent } from '../admin/load-state.component';
import { GuestStatusBadgeComponent } from './guest-status-badge.component';
import { type GuestNote, GuestTime } from './guest-time';
import { GuestsApiService } from './guests-api.service';
import { GuestsNoticeService } from './guests-notice.service';

export const FILTER_TEXT: Record<GuestFilter, MessageKey> = {
  all: 'guests.filter.all',
  invited: 'guests.filter.invited',
  starting: 'guests.filter.starting',
  active: 'guests.filter.active',
  ending: 'guests.filter.ending',
  ended: 'guests.filter.ended',
};

interface BulkFailure {
  id: string;
  name: string;
  message: string;
}

/**
 * `/admin/guests` (administrators: every guest) and `/guests` (sponsors: the guests they sponsor):
 * filters with counts, search, the guests (table, cards on phones) with their status, sponsor, apps
 * and time left; several at once can be extended or revoked.
 */
@Component({
  selector: 'psl-guests-page',
  imports: [RouterLink, TranslatePipe, DialogComponent, ConfirmDialogComponent, LoadStateComponent, GuestStatusBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './guests-page.component.html',
  styleUrls: ['../account/ui.css', '../admin/admin-page.css', './guests.css', './guests-page.component.css'],
})
export class GuestsPageComponent {
  private readonly api = inject(GuestsApiService);
  private readonly now = inject(NOW);
  private readonly debounceMs = inject(SEARCH_DEBOUNCE_MS);
  private readonly focusLater = focusAfterRender();
  private readonly track = pendingWork();
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  protected readonly time = inject(GuestTime);

  protected readonly filters = GuestFilters;
  protected readonly filterText = FILTER_TEXT;
  protected readonly filter = signal<GuestFilter>('all');
  protected readonly search = signal('');
  protected readonly list = new Loadable<GuestList>();
  protected readonly items = computed(() => this.list.value()?.items ?? []);
  /** No guest at all (not just none matching): the page invites to invite one. */
  protected readonly none = computed(() => this.list.value()?.counts.all === 0);
  protected readonly notice = signal<GuestNote | null>(inject(GuestsNoticeService).take());

  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly allSelected = computed(() => this.items().length > 0 && this.items().every((guest) => this.selected().has(guest.id)));
  protected readonly someSelected = computed(() => this.selected().size > 0 && !this.allSelected());

  protected readonly extending = signal(false);
  protected readonly extendDate = signal('');
  protected readonly extendError = signal<MessageKey | null>(null);
  protected readonly revoking = signal(false);
  protected readonly bulkBusy = signal(false);
  protected readonly bulkError = signal<MessageKey | null>(null);
  protected readonly bulkFailures = signal<BulkFailure[]>([]);
  protected readonly today = () => dayValue(this.now());

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => clearTimeout(this.searchTimer));
  }

  protected load(): Promise<void> {
    const [filter, search] = [this.filter(), this.search()];
    return this.list.load(() => this.api.list(filter, search), { quiet: this.list.value() !== null });
  }

  protected choose(filter: GuestFilter): void {
    if (filter === this.filter()) {
      return;
    }
    this.filter.set(filter);
    this.selected.set(new Set());
    void this.load();
  }

  protected searchChanged(value: string): void {
    this.search.set(value);
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.selected.set(new Set());
      void this.load();
    }, this.debounceMs);
  }

  protected count(filter: GuestFilter): number | null {
    return this.list.value()?.counts[filter] ?? null;
  }

  protected appNames(guest: GuestView): string {
    return guest.apps.map((app) => app.name).join(', ');
  }

  protected toggle(id: string, checked: boolean): void {
    const next = new Set(this.selected());
    if (checked) {
      next.add(id);
    } else {
      next.delete(id);
    }
    this.selected.set(next);
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(checked ? new Set(this.items().map((guest) => guest.id)) : new Set());
  }

  protected askExtend(): void {
    this.extendError.set(null);
    this.bulkError.set(null);
    this.extendDate.set('');
    this.extending.set(true);
  }

  protected closeExtend(): void {
    if (!this.bulkBusy()) {
      this.extending.set(false);
    }
  }

  protected askRevoke(): void {
    this.bulkError.set(null);
    this.revoking.set(true);
  }

  protected closeRevoke(): void {
    if (!this.bulkBusy()) {
      this.revoking.set(false);
    }
  }

  protected extend(event: Event): Promise<void> {
    event.preventDefault();
    const day = this.extendDate().trim();
    if (!day) {
      this.extendError.set('validation.required');
      return Promise.resolve();
    }
    if (!parseDay(day)) {
      this.extendError.set('guests.form.dateInvalid');
      return Promise.resolve();
    }
    if (day < this.today()) {
      this.extendError.set('guests.form.endPast');
      return Promise.resolve();
    }
    return this.runBulk({ action: 'extend', ids: [...this.selected()], endsAt: endOfDayIso(day) ?? day }, day);
  }

  protected revoke(): Promise<void> {
    return this.runBulk({ action: 'revoke', ids: [...this.selected()] }, null);
  }

  /** Sends the bulk change; keeps the ones that failed selected and says why, next to their names. */
  private runBulk(request: BulkGuestRequest, day: string | null): Promise<void> {
    return this.track(async () => {
      this.bulkBusy.set(true);
      this.bulkError.set(null);
      this.notice.set(null);
      this.bulkFailures.set([]);
      try {
        const { results } = await firstValueFrom(this.api.bulk(request));
        const names = new Map(this.items().map((guest) => [guest.id, guest.name]));
        const changed = new Map<string, GuestView>();
        const failures: BulkFailure[] = [];
        for (const result of results) {
          if (result.ok) {
            changed.set(result.id, result.guest);
          } else {
            failures.push({ id: result.id, name: names.get(result.id) ?? result.id, message: result.message });
          }
        }
        this.list.value.update((list) => (list ? { ...list, items: list.items.map((guest) => changed.get(guest.id) ?? guest) } : list));
        this.selected.set(new Set(failures.map((failure) => failure.id)));
        this.bulkFailures.set(failures);
        this.notice.set(changed.size ? this.doneText(request.action, changed.size, day) : null);
        this.bulkBusy.set(false);
        this.extending.set(false);
        this.revoking.set(false);
        this.focusLater('[data-testid="guests-bulk-result"]');
        // Statuses and counts changed: ask again, keeping the list on screen meanwhile.
        void this.load();
      } catch (error) {
        const key = failureMessageKey(toApiFailure(error));
        if (request.action === 'extend') {
          this.extendError.set(key);
        } else {
          this.bulkError.set(key);
        }
      } finally {
        this.bulkBusy.set(false);
      }
    });
  }

  private doneText(action: BulkGuestRequest['action'], count: number, day: string | null): GuestNote {
    if (action === 'extend') {
      return { key: count === 1 ? 'guests.bulk.extendedOne' : 'guests.bulk.extended', params: { count }, date: endOfDayIso(day ?? '') ?? undefined };
    }
    return { key: count === 1 ? 'guests.bulk.revokedOne' : 'guests.bulk.revoked', params: { count } };
  }
}
