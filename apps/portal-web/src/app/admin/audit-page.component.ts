import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { AuditEventView, Page } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { DateFormatter } from '../account/dates';
import { pendingWork } from '../account/loadable';
import { AdminApiService, type AuditQuery } from './admin-api.service';

/** `YYYY-MM-DD` from a date input → that local day's start (or the next day's start for `to`) as ISO. */
export function dayBoundary(day: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) {
    return undefined;
  }
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (end ? 1 : 0));
  return date.toISOString();
}

/** A detail value as short text. */
export function detailText(value: unknown): string {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** `/admin/audit`: the audit trail, newest first, filtered, with "Load more". */
@Component({
  selector: 'psl-audit-page',
  imports: [ReactiveFormsModule, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit-page.component.html',
  styleUrls: ['../account/ui.css', './admin-page.css', './audit-page.component.css'],
})
export class AuditPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly filters = inject(NonNullableFormBuilder).group({
    event: [''],
    outcome: ['' as '' | 'success' | 'failure'],
    from: [''],
    to: [''],
  });

  protected readonly events = signal<AuditEventView[]>([]);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly loadingMore = signal(false);
  protected readonly error = signal<MessageKey | null>(null);
  protected readonly moreError = signal<MessageKey | null>(null);
  private readonly total = signal(0);
  private readonly lastPageFull = signal(false);
  private applied: AuditQuery = {};
  private latest = 0;

  protected readonly hasMore = computed(() => this.lastPageFull() && this.events().length < this.total());

  constructor() {
    void this.apply();
  }

  protected details(event: AuditEventView): { key: string; value: string }[] {
    return Object.entries(event.details ?? {}).map(([key, value]) => ({ key, value: detailText(value) }));
  }

  protected apply(): Promise<void> {
    const values = this.filters.getRawValue();
    this.applied = {
      event: values.event.trim() || undefined,
      outcome: values.outcome || undefined,
      from: dayBoundary(values.from, false),
      to: dayBoundary(values.to, true),
    };
    return this.fetch(false);
  }

  protected clear(): Promise<void> {
    this.filters.reset();
    return this.apply();
  }

  protected loadMore(): Promise<void> {
    return this.fetch(true);
  }

  private fetch(more: boolean): Promise<void> {
    return this.track(() => this.fetchNow(more));
  }

  private async fetchNow(more: boolean): Promise<void> {
    const call = ++this.latest;
    const last = this.events().at(-1);
    const query: AuditQuery = more && last ? { ...this.applied, before: last.id } : this.applied;
    if (more) {
      this.loadingMore.set(true);
      this.moreError.set(null);
    } else {
      this.status.set('loading');
      this.error.set(null);
    }
    try {
      const page: Page<AuditEventView> = await firstValueFrom(this.api.audit(query));
      if (call !== this.latest) {
        return;
      }
      this.events.set(more ? [...this.events(), ...page.items] : page.items);
      if (!more) {
        this.total.set(page.total);
      }
      this.lastPageFull.set(page.items.length > 0 && page.items.length >= page.pageSize);
      this.status.set('ready');
    } catch (error) {
      if (call !== this.latest) {
        return;
      }
      const key = failureMessageKey(toApiFailure(error));
      if (more) {
        this.moreError.set(key);
      } else {
        this.error.set(key);
        this.status.set('error');
      }
    } finally {
      if (call === this.latest) {
        this.loadingMore.set(false);
      }
    }
  }
}
