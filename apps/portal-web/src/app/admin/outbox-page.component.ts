import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { OutboxMail } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { failureMessageKey, toApiFailure } from '../core/http/api-error';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { DateFormatter } from '../account/dates';
import { pendingWork } from '../account/loadable';
import { AdminApiService } from './admin-api.service';

/** `/admin/outbox`: mail Passerelle wrote, newest first; kept here (unsent) when no mail server is configured. */
@Component({
  selector: 'psl-outbox-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../account/ui.css', './admin-page.css'],
  styles: `
    .mails {
      display: flex;
      flex-direction: column;
      gap: var(--space-3);
      padding: 0;
      list-style: none;
    }
    .mail {
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: var(--color-surface);
    }
    .mail__head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: var(--space-1) var(--space-3);
    }
    .mail__subject {
      font-size: var(--font-size-md);
      font-weight: 650;
      overflow-wrap: anywhere;
    }
    .mail__meta {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-1) var(--space-3);
      margin-top: var(--space-1);
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
    }
    summary {
      margin-top: var(--space-2);
      min-height: 2rem;
      color: var(--color-primary);
      font-weight: 600;
      cursor: pointer;
    }
    .mail__body {
      margin-top: var(--space-2);
      padding: var(--space-3);
      border-radius: var(--radius-sm);
      background: var(--color-surface-muted);
      font-family: var(--font-mono);
      font-size: var(--font-size-sm);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .more {
      display: flex;
      justify-content: center;
    }
  `,
  template: `
    <div class="admin-page">
      <h1 class="card__title">{{ 'admin.outbox.title' | t }}</h1>
      <p class="muted">{{ 'admin.outbox.intro' | t }}</p>
      @switch (status()) {
        @case ('loading') {
          <div class="loading-block" aria-busy="true">
            <span class="skeleton skeleton--text"></span>
            <span class="skeleton skeleton--text skeleton--short"></span>
            <span class="visually-hidden">{{ 'common.loading' | t }}</span>
          </div>
        }
        @case ('error') {
          <div class="notice notice--error" role="alert" data-testid="outbox-load-error">
            <p>{{ error()! | t }}</p>
            <p><button type="button" class="button button--secondary button--small" (click)="reload()">{{ 'common.retry' | t }}</button></p>
          </div>
        }
        @case ('ready') {
          @if (mails().length === 0) {
            <p class="empty" data-testid="outbox-empty">{{ 'admin.outbox.empty' | t }}</p>
          } @else {
            <ul class="mails">
              @for (mail of mails(); track mail.id) {
                <li class="mail" data-testid="mail">
                  <div class="mail__head">
                    <h2 class="mail__subject">{{ mail.subject }}</h2>
                    @if (mail.sentAt; as sent) {
                      <span class="badge badge--success">{{ 'admin.outbox.sent' | t: { time: dates.dateTime(sent) } }}</span>
                    } @else {
                      <span class="badge" data-testid="mail-not-sent">{{ 'admin.outbox.notSent' | t }}</span>
                    }
                  </div>
                  <p class="mail__meta">
                    <span>{{ 'admin.outbox.to' | t: { to: mail.to } }}</span>
                    <span>{{ 'admin.outbox.created' | t }} <time [attr.datetime]="mail.createdAt">{{ dates.dateTime(mail.createdAt) }}</time></span>
                  </p>
                  <details>
                    <summary>{{ 'admin.outbox.showBody' | t }}</summary>
                    <pre class="mail__body" data-testid="mail-body">{{ mail.text }}</pre>
                  </details>
                </li>
              }
            </ul>
            @if (moreError(); as failure) {
              <p class="notice notice--error" role="alert">{{ failure | t }}</p>
            }
            @if (hasMore()) {
              <div class="more">
                <button type="button" class="button button--secondary" data-testid="outbox-more" [disabled]="loadingMore()" (click)="loadMore()">
                  @if (loadingMore()) {
                    <span class="spinner" aria-hidden="true"></span>
                  }
                  {{ 'admin.loadMore' | t }}
                </button>
              </div>
            }
          }
        }
      }
    </div>
  `,
})
export class OutboxPageComponent {
  private readonly api = inject(AdminApiService);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly mails = signal<OutboxMail[]>([]);
  protected readonly status = signal<'loading' | 'ready' | 'error'>('loading');
  protected readonly error = signal<MessageKey | null>(null);
  protected readonly moreError = signal<MessageKey | null>(null);
  protected readonly loadingMore = signal(false);
  private readonly page = signal(1);
  private readonly total = signal(0);
  protected readonly hasMore = computed(() => this.mails().length < this.total());

  constructor() {
    void this.reload();
  }

  protected reload(): Promise<void> {
    return this.track(() => this.reloadNow());
  }

  private async reloadNow(): Promise<void> {
    this.status.set('loading');
    this.error.set(null);
    try {
      const result = await firstValueFrom(this.api.outbox(1));
      this.mails.set(result.items);
      this.total.set(result.total);
      this.page.set(1);
      this.status.set('ready');
    } catch (error) {
      this.error.set(failureMessageKey(toApiFailure(error)));
      this.status.set('error');
    }
  }

  protected loadMore(): Promise<void> {
    return this.track(() => this.loadMoreNow());
  }

  private async loadMoreNow(): Promise<void> {
    this.loadingMore.set(true);
    this.moreError.set(null);
    try {
      const next = this.page() + 1;
      const result = await firstValueFrom(this.api.outbox(next));
      this.mails.update((list) => [...list, ...result.items.filter((mail) => !list.some((known) => known.id === mail.id))]);
      this.page.set(next);
      if (!result.items.length) {
        this.total.set(this.mails().length);
      }
    } catch (error) {
      this.moreError.set(failureMessageKey(toApiFailure(error)));
    } finally {
      this.loadingMore.set(false);
    }
  }
}
