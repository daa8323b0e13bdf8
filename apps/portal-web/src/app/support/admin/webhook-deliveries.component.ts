import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import type { TicketList, WebhookDeliveryView, WebhookView } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { DateFormatter } from '../../account/dates';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { DELIVERY_TEXT, EVENT_TEXT } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { useSupportMessages } from '../support-messages';

/** A webhook's delivery log, newest first: state, attempts, HTTP status, error, next attempt; "Retry now" on failures. */
@Component({
  selector: 'psl-webhook-deliveries',
  imports: [TranslatePipe, LoadStateComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
  styles: `
    :host {
      max-width: none;
    }
  `,
  template: `
    <section class="panel" aria-labelledby="deliveries-title" data-testid="webhook-deliveries">
      <div class="admin-page__head">
        <h3 class="panel__title" id="deliveries-title">{{ 'support.deliveries.title' | t: { url: webhook().url } }}</h3>
        <button type="button" class="button button--secondary button--small" data-testid="deliveries-refresh" (click)="load()">{{ 'support.queue.refresh' | t }}</button>
      </div>
      <psl-load-state [loadable]="page" shape="list" testId="deliveries-load-error" (retry)="load()" />
      @if (page.status() === 'ready') {
        @if (!items().length) {
          <div class="empty" data-testid="deliveries-empty"><p>{{ 'support.deliveries.empty' | t }}</p></div>
        } @else {
          <div class="table-wrap">
            <table class="data-table" data-testid="deliveries-table">
              <caption class="visually-hidden">{{ 'support.deliveries.caption' | t }}</caption>
              <thead>
                <tr>
                  <th scope="col">{{ 'support.deliveries.when' | t }}</th>
                  <th scope="col">{{ 'support.deliveries.event' | t }}</th>
                  <th scope="col">{{ 'support.deliveries.state' | t }}</th>
                  <th scope="col">{{ 'support.deliveries.attempts' | t }}</th>
                  <th scope="col">{{ 'support.deliveries.result' | t }}</th>
                  <th scope="col">{{ 'support.deliveries.next' | t }}</th>
                  <th scope="col"><span class="visually-hidden">{{ 'support.actions' | t }}</span></th>
                </tr>
              </thead>
              <tbody>
                @for (delivery of items(); track delivery.id) {
                  <tr data-testid="delivery-row">
                    <td [attr.data-label]="'support.deliveries.when' | t"><time [attr.datetime]="delivery.createdAt">{{ dates.dateTime(delivery.createdAt) }}</time></td>
                    <td [attr.data-label]="'support.deliveries.event' | t">
                      {{ eventLabel(delivery.event) }}
                      @if (delivery.ticketNumber) {
                        <span class="muted">#{{ delivery.ticketNumber }}</span>
                      }
                    </td>
                    <td [attr.data-label]="'support.deliveries.state' | t">
                      <span class="badge" [class.badge--success]="delivery.state === 'delivered'" [class.badge--danger]="delivery.state === 'failed'" [class.badge--warning]="delivery.state === 'retrying'" data-testid="delivery-state">{{
                        stateText[delivery.state] | t
                      }}</span>
                    </td>
                    <td [attr.data-label]="'support.deliveries.attempts' | t">{{ delivery.attempts }}</td>
                    <td [attr.data-label]="'support.deliveries.result' | t">
                      @if (delivery.lastStatus) {
                        <span class="mono">HTTP {{ delivery.lastStatus }}</span>
                      }
                      @if (delivery.lastError) {
                        <span class="small" data-testid="delivery-error"> {{ delivery.lastError }}</span>
                      }
                      @if (!delivery.lastStatus && !delivery.lastError) {
                        —
                      }
                    </td>
                    <td [attr.data-label]="'support.deliveries.next' | t">{{ delivery.nextAttemptAt ? dates.dateTime(delivery.nextAttemptAt) : '—' }}</td>
                    <td class="data-table__full">
                      @if (delivery.state === 'failed' || delivery.state === 'retrying') {
                        <button type="button" class="button button--secondary button--small" data-testid="delivery-retry" [disabled]="retrying() === delivery.id" (click)="retry(delivery)">
                          {{ 'support.deliveries.retry' | t }}
                        </button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          @if (cursor()) {
            <div class="pager">
              <button type="button" class="button button--secondary" data-testid="deliveries-more" [disabled]="loadingMore()" (click)="more()">{{ 'support.queue.more' | t }}</button>
            </div>
          }
        }
      }
      <div role="status">
        @if (notice(); as text) {
          <p class="small" data-testid="deliveries-notice">{{ text }}</p>
        }
      </div>
      @if (error(); as message) {
        <p class="notice notice--error" role="alert">{{ message | t }}</p>
      }
    </section>
  `,
})
export class WebhookDeliveriesComponent {
  private readonly api = inject(SupportApiService);
  private readonly i18n = inject(I18nService);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  readonly webhook = input.required<WebhookView>();

  protected readonly stateText = DELIVERY_TEXT;
  protected readonly page = new Loadable<TicketList<WebhookDeliveryView>>();
  protected readonly items = signal<WebhookDeliveryView[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loadingMore = signal(false);
  protected readonly retrying = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<MessageKey | null>(null);

  constructor() {
    useSupportMessages();
    effect(() => {
      this.webhook();
      untracked(() => void this.load());
    });
  }

  protected async load(): Promise<void> {
    await this.page.load(() => this.api.deliveries(this.webhook().id));
    const first = this.page.value();
    this.items.set(first?.items ?? []);
    this.cursor.set(first?.nextCursor ?? null);
  }

  protected more(): Promise<void> {
    const cursor = this.cursor();
    if (!cursor) {
      return Promise.resolve();
    }
    return this.track(async () => {
      this.loadingMore.set(true);
      this.error.set(null);
      try {
        const next = await firstValueFrom(this.api.deliveries(this.webhook().id, cursor));
        this.items.update((items) => [...items, ...next.items]);
        this.cursor.set(next.nextCursor);
      } catch (error) {
        this.error.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.loadingMore.set(false);
      }
    });
  }

  protected retry(delivery: WebhookDeliveryView): Promise<void> {
    return this.track(async () => {
      this.retrying.set(delivery.id);
      this.error.set(null);
      try {
        await firstValueFrom(this.api.retryDelivery(this.webhook().id, delivery.id));
        this.notice.set(this.i18n.translate('support.deliveries.retried'));
        await this.load();
      } catch (error) {
        this.error.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.retrying.set(null);
      }
    });
  }

  /** Ticket events by name; the test `ping` (not a ticket event) as itself. */
  protected eventLabel(event: string): string {
    const key = EVENT_TEXT[event as keyof typeof EVENT_TEXT];
    return key ? this.i18n.translate(key) : event;
  }
}
