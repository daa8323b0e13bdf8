// My tickets: the list (status chips, unread dot) and one ticket's conversation, with reply,
// reopen and "It's solved". Everything people wrote is shown as text.
import { ChangeDetectionStrategy, Component, ViewEncapsulation, effect, input, output, signal, untracked, viewChild } from '@angular/core';
import {
  SUPPORT_LIMITS,
  SupportRoutes,
  TicketStatuses,
  TicketUrgencies,
  type AttachmentView,
  type SupportFormOptions,
  type TicketList,
  type TicketMessageView,
  type TicketStatus,
  type TicketView,
} from '@passerelle/contracts';
import { ApiError, type SupportClient } from './api';
import { AttachmentPickerComponent, type Uploader } from './attachment-picker.component';
import type { DraftAttachment } from './draft';
import { type WidgetKey, type WidgetLang, translate } from './i18n';

/** Tickets per page of the list. */
const PAGE = 50;

type Load<T> = { state: 'loading' } | { state: 'error' } | { state: 'ready'; value: T };

@Component({
  selector: 'pss-my-tickets',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AttachmentPickerComponent],
  template: `
    @if (ticketId()) {
      <button type="button" class="link" data-testid="back" (click)="open(null)">← {{ t('ticket.back') }}</button>
      @switch (ticket().state) {
        @case ('loading') {
          <p class="center" role="status"><span class="spinner" aria-hidden="true"></span> {{ t('common.loading') }}</p>
        }
        @case ('error') {
          <p class="notice error" role="alert">{{ t('common.error') }} <button type="button" class="link" (click)="loadTicket()">{{ t('common.retry') }}</button></p>
        }
        @default {
          @if (current(); as tk) {
            <h3 class="subject" data-testid="ticket-title">#{{ tk.number }} — {{ tk.subject }}</h3>
            <p class="row"><span class="chip" [class]="'chip ' + tk.status">{{ t(statusKey(tk.status)) }}</span>
              <span class="meta">{{ formatDate(tk.createdAt) }}</span></p>
            @if (tk.mergedInto) {
              <p class="notice">{{ t('ticket.merged', { number: tk.mergedInto }) }}</p>
            }
            <ol class="msgs" data-testid="conversation">
              <li class="msg">
                <strong>{{ t('ticket.you') }}</strong> <span class="meta">{{ formatDate(tk.createdAt) }}</span>
                <p>{{ tk.description }}</p>
                @for (a of tk.attachments; track a.id) {
                  <button type="button" class="link" (click)="download(a)">{{ t('ticket.download', { name: a.name }) }}</button>
                }
              </li>
              @for (m of tk.messages; track m.id) {
                @if (m.kind === 'event') {
                  <li class="msg event">{{ eventText(m) }} — {{ formatDate(m.createdAt) }}</li>
                } @else if (m.kind === 'message') {
                  <li class="msg" [class.support]="m.fromSupport">
                    <strong>{{ m.fromSupport ? (m.author?.name ?? t('ticket.support')) : t('ticket.you') }}</strong>
                    <span class="meta">{{ formatDate(m.createdAt) }}</span>
                    <p>{{ m.body }}</p>
                    @for (a of m.attachments; track a.id) {
                      <div><button type="button" class="link" (click)="download(a)">{{ t('ticket.download', { name: a.name }) }}</button></div>
                    }
                  </li>
                }
              }
            </ol>
            @if (actionError()) {
              <p class="notice error" role="alert">{{ actionError() }}</p>
            }
            @if (tk.status === 'closed') {
              <p class="notice">{{ t('ticket.closedNote') }}</p>
            } @else if (tk.status === 'resolved') {
              @if (canReopen(tk)) {
                <button type="button" class="btn" data-testid="reopen" [disabled]="busy()" (click)="act('reopen')">{{ t('ticket.reopen') }}</button>
              }
            } @else {
              <form novalidate (submit)="reply($event)">
                <div class="field">
                  <label for="pss-reply">{{ t('ticket.reply') }}</label>
                  <textarea id="pss-reply" data-testid="reply" [attr.maxlength]="limits.messageMax" [value]="replyText()" (input)="replyText.set(value($event))"></textarea>
                </div>
                @if (options(); as o) {
                  <pss-attachment-picker idPrefix="pss-reply" [lang]="lang()" [limits]="o.attachments" [upload]="upload()" [(attachments)]="replyFiles" />
                }
                <div class="row">
                  <button type="submit" class="btn primary" data-testid="send-reply" [disabled]="busy() || !replyText().trim() || uploading()">{{ t('ticket.send') }}</button>
                  <button type="button" class="btn" data-testid="resolve" [disabled]="busy()" (click)="act('resolve')">{{ t('ticket.solved') }}</button>
                </div>
              </form>
            }
          }
        }
      }
    } @else {
      @switch (list().state) {
        @case ('loading') {
          <p class="center" role="status"><span class="spinner" aria-hidden="true"></span> {{ t('common.loading') }}</p>
        }
        @case ('error') {
          <p class="notice error" role="alert">{{ t('common.error') }} <button type="button" class="link" (click)="loadList()">{{ t('common.retry') }}</button></p>
        }
        @default {
          @if (items().length) {
            <ul class="tickets" data-testid="my-tickets">
              @for (item of items(); track item.id) {
                <li>
                  <button type="button" [attr.data-testid]="'ticket-' + item.number" (click)="open(item.id)">
                    <span class="subject">
                      @if (item.unread) {
                        <span class="dot" role="img" [attr.aria-label]="t('list.unread')"></span>
                      }
                      #{{ item.number }} {{ item.subject }}
                    </span>
                    <span [class]="'chip ' + item.status">{{ t(statusKey(item.status)) }}</span>
                    <span class="meta">{{ t('list.updated', { date: formatDate(item.updatedAt) }) }}</span>
                  </button>
                </li>
              }
            </ul>
            @if (nextCursor()) {
              <p class="center">
                <button type="button" class="btn" data-testid="more-tickets" [disabled]="loadingMore()" (click)="loadMore()">
                  {{ loadingMore() ? t('common.loading') : t('list.more', { shown: items().length, total: total() }) }}
                </button>
              </p>
            }
            @if (moreError()) {
              <p class="notice error" role="alert">{{ t('common.error') }}</p>
            }
          } @else {
            <p class="center" data-testid="my-tickets-empty">{{ t('list.empty') }}</p>
          }
        }
      }
    }
  `,
})
export class MyTicketsComponent {
  readonly lang = input.required<WidgetLang>();
  readonly client = input.required<SupportClient>();
  readonly options = input<SupportFormOptions | null>(null);
  readonly upload = input.required<Uploader>();
  /** The ticket shown (null: the list); two-way so the host can open one. */
  readonly ticketId = input<string | null>(null);
  readonly ticketIdChange = output<string | null>();
  /** The number of tickets with news may have changed (one was read). */
  readonly seen = output<void>();
  readonly announce = output<string>();

  readonly limits = SUPPORT_LIMITS;
  readonly list = signal<Load<TicketList>>({ state: 'loading' });
  readonly ticket = signal<Load<TicketView>>({ state: 'loading' });
  readonly replyText = signal('');
  readonly replyFiles = signal<DraftAttachment[]>([]);
  readonly loadingMore = signal(false);
  readonly moreError = signal(false);
  readonly busy = signal(false);
  readonly actionError = signal('');
  private readonly picker = viewChild(AttachmentPickerComponent);

  constructor() {
    effect(() => {
      const id = this.ticketId();
      untracked(() => (id ? this.loadTicket() : this.loadList()));
    });
  }

  t(key: WidgetKey, params?: Record<string, string | number>): string {
    return translate(this.lang(), key, params);
  }

  statusKey(status: TicketStatus): WidgetKey {
    return `status.${status}` as WidgetKey;
  }

  /** An event in the reader's language when the server says what changed; its English sentence otherwise. */
  eventText(message: TicketMessageView): string {
    const event = message.event;
    if (!event) return message.body;
    const value = event.value ?? '';
    switch (event.type) {
      case 'status':
        return this.t('event.status', { value: isOneOf(TicketStatuses, value) ? this.t(this.statusKey(value)) : value });
      case 'urgency':
        return this.t('event.urgency', { value: isOneOf(TicketUrgencies, value) ? this.t(`urgency.${value}`) : value });
      case 'assignee':
        return event.value ? this.t('event.assignee', { value }) : this.t('event.unassigned');
      case 'category':
        return this.t('event.category', { value });
      case 'merged_into':
      case 'merged_from':
        return this.t(`event.${event.type}`, { value });
      default:
        return message.body;
    }
  }

  value(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  /** A reply waits for its attachments to finish uploading. */
  uploading(): boolean {
    return (this.picker()?.pending().length ?? 0) > 0;
  }

  private loadedList(): TicketList | null {
    const l = this.list();
    return l.state === 'ready' ? l.value : null;
  }

  items() {
    return this.loadedList()?.items ?? [];
  }

  nextCursor(): string | null {
    return this.loadedList()?.nextCursor ?? null;
  }

  total(): number {
    return this.loadedList()?.total ?? 0;
  }

  current(): TicketView | null {
    const tk = this.ticket();
    return tk.state === 'ready' ? tk.value : null;
  }

  formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.lang(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  }

  canReopen(ticket: TicketView): boolean {
    return !!ticket.reopenUntil && new Date(ticket.reopenUntil).getTime() > Date.now();
  }

  open(id: string | null): void {
    this.replyText.set('');
    this.replyFiles.set([]);
    this.actionError.set('');
    this.ticketIdChange.emit(id);
  }

  async loadList(): Promise<void> {
    this.list.set({ state: 'loading' });
    this.moreError.set(false);
    try {
      this.list.set({ state: 'ready', value: await this.client().get<TicketList>(`${SupportRoutes.tickets}?limit=${PAGE}`) });
    } catch {
      this.list.set({ state: 'error' });
    }
  }

  /** The next page, added below the tickets already shown. */
  async loadMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreError.set(false);
    try {
      const page = await this.client().get<TicketList>(`${SupportRoutes.tickets}?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}`);
      const shown = new Set(this.items().map((item) => item.id));
      this.list.set({ state: 'ready', value: { ...page, items: [...this.items(), ...page.items.filter((item) => !shown.has(item.id))] } });
    } catch {
      this.moreError.set(true);
    } finally {
      this.loadingMore.set(false);
    }
  }

  async loadTicket(): Promise<void> {
    const id = this.ticketId();
    if (!id) return;
    this.ticket.set({ state: 'loading' });
    try {
      this.ticket.set({ state: 'ready', value: await this.client().get<TicketView>(SupportRoutes.ticket(id)) });
      this.seen.emit();
    } catch {
      this.ticket.set({ state: 'error' });
    }
  }

  async download(attachment: AttachmentView): Promise<void> {
    try {
      await this.client().download(SupportRoutes.attachment(attachment.id), attachment.name);
    } catch {
      this.actionError.set(this.t('common.error'));
    }
  }

  async reply(event: Event): Promise<void> {
    event.preventDefault();
    const id = this.ticketId();
    if (!id || this.busy() || !this.replyText().trim() || this.uploading()) return;
    await this.run(async () => {
      const body = { body: this.replyText().trim(), attachmentIds: this.replyFiles().map((f) => f.id) };
      const updated = await this.client().post<TicketView>(SupportRoutes.ticketMessages(id), body);
      this.replyText.set('');
      this.replyFiles.set([]);
      return updated;
    });
  }

  async act(action: 'reopen' | 'resolve'): Promise<void> {
    const id = this.ticketId();
    if (!id || this.busy()) return;
    await this.run(() => this.client().post<TicketView>(action === 'reopen' ? SupportRoutes.reopen(id) : SupportRoutes.resolve(id)));
  }

  private async run(action: () => Promise<TicketView>): Promise<void> {
    this.busy.set(true);
    this.actionError.set('');
    try {
      this.ticket.set({ state: 'ready', value: await action() });
      this.announce.emit(this.t('live.sent'));
    } catch (err) {
      const message = err instanceof ApiError && err.status === 0 ? this.t('common.network') : (err instanceof ApiError && err.body?.message) || this.t('common.error');
      this.actionError.set(message);
      this.announce.emit(message);
    } finally {
      this.busy.set(false);
    }
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
