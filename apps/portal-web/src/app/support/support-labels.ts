import type { DeliveryState, TicketStatus, TicketUrgency, WebhookEvent } from '@passerelle/contracts';
import type { MessageKey } from '../core/i18n';

export const STATUS_TEXT: Record<TicketStatus, MessageKey> = {
  new: 'support.status.new',
  in_progress: 'support.status.in_progress',
  waiting: 'support.status.waiting',
  resolved: 'support.status.resolved',
  closed: 'support.status.closed',
};

export const URGENCY_TEXT: Record<TicketUrgency, MessageKey> = {
  low: 'support.urgency.low',
  normal: 'support.urgency.normal',
  high: 'support.urgency.high',
  urgent: 'support.urgency.urgent',
};

export const EVENT_TEXT: Record<WebhookEvent, MessageKey> = {
  'ticket.created': 'support.webhooks.event.created',
  'ticket.updated': 'support.webhooks.event.updated',
  'ticket.message': 'support.webhooks.event.message',
  'ticket.merged': 'support.webhooks.event.merged',
};

export const DELIVERY_TEXT: Record<DeliveryState, MessageKey> = {
  pending: 'support.deliveries.state.pending',
  delivered: 'support.deliveries.state.delivered',
  retrying: 'support.deliveries.state.retrying',
  failed: 'support.deliveries.state.failed',
};

/** Status chips: the colour repeats the text, never replaces it. */
export function statusBadgeClass(status: TicketStatus): string {
  switch (status) {
    case 'new':
      return 'badge badge--info';
    case 'waiting':
      return 'badge badge--warning';
    case 'resolved':
      return 'badge badge--success';
    default:
      return 'badge';
  }
}

/** `fields[0].key` (the API's field paths) → `fields.0.key`, the form's. */
export function dotPath(path: string): string {
  return path.replace(/\[(\d+)\]/g, '.$1');
}
