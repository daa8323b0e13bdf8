import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  type AgentTicketView,
  type QueueOptions,
  type TicketMessageView,
  type TicketStatus,
  TicketStatuses,
  type TicketUrgency,
  TicketUrgencies,
  type UpdateTicketRequest,
} from '@passerelle/contracts';
import { firstValueFrom, map } from 'rxjs';
import { NOW } from '../../account/browser';
import { DateFormatter } from '../../account/dates';
import { Loadable, pendingWork } from '../../account/loadable';
import { LoadStateComponent } from '../../admin/load-state.component';
import { failureMessageKey, toApiFailure } from '../../core/http/api-error';
import { I18nService, type MessageKey, TranslatePipe } from '../../core/i18n';
import { SessionService } from '../../core/session';
import { slaStanding } from '../sla-time';
import { STATUS_TEXT, URGENCY_TEXT, statusBadgeClass } from '../support-labels';
import { SupportApiService } from '../support-api.service';
import { httpUrl, readableSize } from './attachment-size';
import { TicketComposerComponent } from './composer.component';
import { MergeDialogComponent } from './merge-dialog.component';
import { useSupportMessages } from '../support-messages';

/** What a header select shows for the saved ticket. */
function savedValue(ticket: AgentTicketView, field: keyof UpdateTicketRequest): string {
  switch (field) {
    case 'status':
      return ticket.status;
    case 'urgency':
      return ticket.urgency;
    case 'categoryId':
      return ticket.category?.id ?? '';
    case 'assigneeId':
      return ticket.assignee?.id ?? '';
  }
}

/**
 * `/support/queue/:ticketId`: one ticket for support — status, urgency, category and assignee
 * (changed in place), the SLA, who asked and from where (the context the widget attached), the
 * custom fields, the conversation with internal notes set apart, the composer and "Merge into…".
 */
@Component({
  selector: 'psl-ticket-page',
  imports: [RouterLink, TranslatePipe, LoadStateComponent, TicketComposerComponent, MergeDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './ticket-page.component.html',
  styleUrls: ['../../account/ui.css', '../../admin/admin-page.css', '../support.css'],
})
export class TicketPageComponent {
  private readonly api = inject(SupportApiService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly now = inject(NOW);
  private readonly track = pendingWork();
  protected readonly dates = inject(DateFormatter);

  protected readonly statuses = TicketStatuses;
  protected readonly urgencies = TicketUrgencies;
  protected readonly statusText = STATUS_TEXT;
  protected readonly urgencyText = URGENCY_TEXT;
  protected readonly badgeClass = statusBadgeClass;
  protected readonly size = readableSize;

  private readonly ticketId = toSignal(this.route.paramMap.pipe(map((params) => params.get('ticketId') ?? '')), { initialValue: '' });
  protected readonly ticket = new Loadable<AgentTicketView>();
  protected readonly options = new Loadable<QueueOptions>();
  protected readonly saving = signal<keyof UpdateTicketRequest | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly updateError = signal<MessageKey | null>(null);
  protected readonly merging = signal(false);

  protected readonly me = computed(() => this.session.currentUser()?.id ?? null);
  protected readonly sla = computed(() => {
    const ticket = this.ticket.value();
    return ticket ? slaStanding(ticket.sla, ticket.status, this.now()) : null;
  });
  protected readonly pageLink = computed(() => httpUrl(this.ticket.value()?.context.pageUrl));
  /** Archived categories stay listed when the ticket uses one. */
  protected readonly categories = computed(() => {
    const current = this.ticket.value()?.category?.id;
    return (this.options.value()?.categories ?? []).filter((category) => !category.archived || category.id === current);
  });
  protected readonly closed = computed(() => {
    const status = this.ticket.value()?.status;
    return status === 'closed';
  });

  constructor() {
    useSupportMessages();
    void this.options.load(() => this.api.queueOptions());
    effect(() => {
      const id = this.ticketId();
      if (id) {
        untracked(() => void this.load());
      }
    });
  }

  protected load(): Promise<void> {
    return this.ticket.load(() => this.api.ticket(this.ticketId()));
  }

  /** Saves one change at once; when refused, `control` (the select that made it) goes back to the saved value. */
  protected update(field: keyof UpdateTicketRequest, request: UpdateTicketRequest, control?: HTMLSelectElement): Promise<void> {
    const ticket = this.ticket.value();
    if (!ticket || this.saving()) {
      return Promise.resolve();
    }
    const before = control ? savedValue(ticket, field) : null;
    return this.track(async () => {
      this.saving.set(field);
      this.updateError.set(null);
      this.notice.set(null);
      try {
        this.ticket.value.set(await firstValueFrom(this.api.update(ticket.id, request)));
        this.notice.set(this.i18n.translate('support.ticket.saved'));
      } catch (error) {
        if (control && before !== null) {
          control.value = before;
        }
        this.updateError.set(failureMessageKey(toApiFailure(error)));
      } finally {
        this.saving.set(null);
      }
    });
  }

  protected assignee(control: HTMLSelectElement): Promise<void> {
    return this.update('assigneeId', { assigneeId: control.value || null }, control);
  }

  protected assignToMe(): Promise<void> {
    const me = this.me();
    return me ? this.update('assigneeId', { assigneeId: me }) : Promise.resolve();
  }

  protected replied(ticket: AgentTicketView): void {
    this.ticket.value.set(ticket);
    this.notice.set(this.i18n.translate('support.ticket.sent'));
  }

  protected merged(target: AgentTicketView): void {
    this.merging.set(false);
    void this.router.navigate(['..', target.id], { relativeTo: this.route });
  }

  protected authorName(message: TicketMessageView): string {
    return message.author?.name ?? this.i18n.translate('support.ticket.system');
  }

  /** An event in the reader's language when its machine form is there; else the English sentence the server stored. */
  protected eventText(message: TicketMessageView): string {
    const event = message.event;
    if (!event) {
      return message.body;
    }
    const value = event.value ?? '';
    switch (event.type) {
      case 'status':
        return this.i18n.translate('support.event.status', { value: value in STATUS_TEXT ? this.i18n.translate(STATUS_TEXT[value as TicketStatus]) : value });
      case 'urgency':
        return this.i18n.translate('support.event.urgency', { value: value in URGENCY_TEXT ? this.i18n.translate(URGENCY_TEXT[value as TicketUrgency]) : value });
      case 'assignee':
        return event.value ? this.i18n.translate('support.event.assigned', { value }) : this.i18n.translate('support.event.unassigned');
      case 'category':
        return this.i18n.translate('support.event.category', { value });
      case 'merged_into':
        return this.i18n.translate('support.event.mergedInto', { value });
      case 'merged_from':
        return this.i18n.translate('support.event.mergedFrom', { value });
      default:
        return message.body;
    }
  }

  protected messageClass(message: TicketMessageView): string {
    if (message.kind === 'note') {
      return 'message message--note';
    }
    if (message.kind === 'event') {
      return 'message message--event';
    }
    return message.fromSupport ? 'message message--support' : 'message';
  }
}
