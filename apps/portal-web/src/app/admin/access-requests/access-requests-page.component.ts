import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { type AccessRequestView, CATALOG_LIMITS, type Page } from '@passerelle/contracts';
import { firstValueFrom, forkJoin, map } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { DateFormatter } from '../../account/dates';
import { DialogComponent } from '../../account/dialog.component';
import { Loadable, pendingWork } from '../../account/loadable';
import { CatalogAdminApiService } from '../catalog-admin-api.service';
import { PendingRequestsService } from './pending-requests.service';

export const REQUESTS_PAGE_SIZE = 50;

type Tab = 'pending' | 'decided';
type Decision = 'approve' | 'refuse';

/** Approved and refused requests together, most recently decided first. */
function decidedHistory(approved: Page<AccessRequestView>, refused: Page<AccessRequestView>): AccessRequestView[] {
  return [...approved.items, ...refused.items].sort((a, b) => (b.decidedAt ?? b.createdAt).localeCompare(a.decidedAt ?? a.createdAt));
}

/**
 * `/admin/access-requests`: requests waiting for a decision (oldest first), each approved or refused
 * with an optional note for the person; and the decided ones.
 */
@Component({
  selector: 'psl-access-requests-page',
  imports: [TranslatePipe, DialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './access-requests-page.component.html',
  styleUrls: ['../../account/ui.css', '../admin-page.css', './access-requests-page.component.css'],
})
export class AccessRequestsPageComponent {
  private readonly api = inject(CatalogAdminApiService);
  private readonly i18n = inject(I18nService);
  private readonly pendingCount = inject(PendingRequestsService);
  private readonly injector = inject(Injector);
  private readonly host: HTMLElement = inject(ElementRef).nativeElement;
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly reasonMax = CATALOG_LIMITS.reasonMax;
  protected readonly tab = signal<Tab>('pending');
  protected readonly pending = new Loadable<Page<AccessRequestView>>();
  protected readonly pendingList = computed(() => [...(this.pending.value()?.items ?? [])].sort((a, b) => a.createdAt.localeCompare(b.createdAt)));
  protected readonly moreToLoad = computed(() => {
    const page = this.pending.value();
    return !!page && page.items.length < page.total;
  });
  protected readonly loadingMore = signal(false);
  protected readonly decided = new Loadable<AccessRequestView[]>();
  private decidedLoaded = false;
  protected readonly message = signal<string | null>(null);

  protected readonly deciding = signal<{ request: AccessRequestView; decision: Decision } | null>(null);
  protected readonly note = signal('');
  protected readonly decideBusy = signal(false);
  protected readonly decideError = signal<MessageKey | null>(null);

  constructor() {
    void this.loadPending();
  }

  protected loadPending(): Promise<void> {
    return this.track(async () => {
      await this.pending.load(() => this.api.accessRequests('pending', 1, REQUESTS_PAGE_SIZE), { quiet: this.pending.value() !== null });
      const page = this.pending.value();
      if (page) {
        this.pendingCount.set(page.total);
      }
    });
  }

  protected loadMore(): Promise<void> {
    const current = this.pending.value();
    if (!current) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.loadingMore.set(true);
      try {
        const next = await firstValueFrom(this.api.accessRequests('pending', Math.floor(current.items.length / REQUESTS_PAGE_SIZE) + 1, REQUESTS_PAGE_SIZE));
        const known = new Set(current.items.map((item) => item.id));
        this.pending.value.set({ ...next, items: [...current.items, ...next.items.filter((item) => !known.has(item.id))] });
      } catch (error) {
        this.message.set(this.i18n.translate(failureMessageKey(toApiFailure(error))));
      } finally {
        this.loadingMore.set(false);
      }
    });
  }

  protected loadDecided(): Promise<void> {
    this.decidedLoaded = true;
    return this.decided.load(
      () =>
        forkJoin([this.api.accessRequests('approved', 1, REQUESTS_PAGE_SIZE), this.api.accessRequests('refused', 1, REQUESTS_PAGE_SIZE)]).pipe(
          map(([approved, refused]) => decidedHistory(approved, refused)),
        ),
      { quiet: this.decided.value() !== null },
    );
  }

  protected select(tab: Tab): void {
    this.tab.set(tab);
    if (tab === 'decided' && !this.decidedLoaded) {
      void this.loadDecided();
    }
  }

  /** Arrow keys move between the two tabs (the tab pattern), Home/End to the first/last. */
  protected tabKeydown(event: KeyboardEvent): void {
    const order: Tab[] = ['pending', 'decided'];
    let next: Tab | null = null;
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      next = order[(order.indexOf(this.tab()) + 1) % 2];
    } else if (event.key === 'Home') {
      next = 'pending';
    } else if (event.key === 'End') {
      next = 'decided';
    }
    if (next) {
      event.preventDefault();
      this.select(next);
      afterNextRender({ read: () => this.host.querySelector<HTMLElement>(`#requests-tab-${next}`)?.focus() }, { injector: this.injector });
    }
  }

  protected ask(request: AccessRequestView, decision: Decision): void {
    this.decideError.set(null);
    this.note.set('');
    this.deciding.set({ request, decision });
  }

  protected closeDecision(): void {
    if (!this.decideBusy()) {
      this.deciding.set(null);
    }
  }

  protected decide(event: Event): Promise<void> {
    event.preventDefault();
    const current = this.deciding();
    if (!current) {
      return Promise.resolve();
    }
    const { request, decision } = current;
    return this.track(async () => {
      this.decideBusy.set(true);
      this.decideError.set(null);
      this.message.set(null);
      const note = this.note().trim();
      const body = note ? { note } : {};
      try {
        await firstValueFrom(decision === 'approve' ? this.api.approve(request.id, body) : this.api.refuse(request.id, body));
        const index = this.pendingList().findIndex((item) => item.id === request.id);
        this.pending.value.update((page) => (page ? { ...page, items: page.items.filter((item) => item.id !== request.id), total: Math.max(0, page.total - 1) } : page));
        this.pendingCount.set(this.pending.value()?.total ?? 0);
        this.decidedLoaded = false;
        this.decideBusy.set(false);
        this.deciding.set(null);
        const params = { name: request.user.name, app: request.app.name };
        this.message.set(this.i18n.translate(decision === 'approve' ? 'admin.requests.approved' : 'admin.requests.refused', params));
        this.focusNext(index);
      } catch (error) {
        const failure = toApiFailure(error);
        // Decided meanwhile (another administrator): say so, and show the list as it is now.
        this.decideError.set(failure.status === 409 ? 'admin.requests.alreadyDecided' : failureMessageKey(failure));
        if (failure.status === 409 || failure.status === 404) {
          void this.loadPending();
        }
      } finally {
        this.decideBusy.set(false);
      }
    });
  }

  /** The decided request left the list: focus the next one's first button, else the tab. */
  private focusNext(index: number): void {
    afterNextRender(
      {
        read: () => {
          const buttons = this.host.querySelectorAll<HTMLElement>('[data-testid="request-approve"]');
          (buttons[Math.min(index, buttons.length - 1)] ?? this.host.querySelector<HTMLElement>('#requests-tab-pending'))?.focus();
        },
      },
      { injector: this.injector },
    );
  }
}
