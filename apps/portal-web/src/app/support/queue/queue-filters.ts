import type { ParamMap, Params } from '@angular/router';
import { type QueueQuery, type TicketStatus, TicketStatuses, type TicketUrgency, TicketUrgencies } from '@passerelle/contracts';

/** The queue's filters as kept in the URL: `?status=open&category=…&urgency=…&app=…&assignee=me&breached=1&q=…`. */
export interface QueueFilters {
  /** `open` (not resolved or closed; the default), `all`, or one status. */
  status: TicketStatus | 'open' | 'all';
  category: string;
  urgency: TicketUrgency | '';
  app: string;
  /** `any`, `me`, `unassigned` or a person id. */
  assignee: string;
  breached: boolean;
  q: string;
}

export const DEFAULT_FILTERS: QueueFilters = { status: 'open', category: '', urgency: '', app: '', assignee: 'any', breached: false, q: '' };

/** Reads the filters from the URL; anything unknown falls back to the default. */
export function filtersFrom(params: ParamMap): QueueFilters {
  const status = params.get('status') ?? '';
  const urgency = params.get('urgency') ?? '';
  return {
    status: status === 'all' || status === 'open' || (TicketStatuses as readonly string[]).includes(status) ? (status as QueueFilters['status']) : 'open',
    category: params.get('category') ?? '',
    urgency: (TicketUrgencies as readonly string[]).includes(urgency) ? (urgency as TicketUrgency) : '',
    app: params.get('app') ?? '',
    assignee: params.get('assignee') || 'any',
    breached: params.get('breached') === '1',
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/** The URL's query parameters for `filters`: defaults left out, so a plain /support/queue is the default view. */
export function filtersToParams(filters: QueueFilters): Params {
  return {
    status: filters.status === 'open' ? null : filters.status,
    category: filters.category || null,
    urgency: filters.urgency || null,
    app: filters.app || null,
    assignee: filters.assignee === 'any' ? null : filters.assignee,
    breached: filters.breached ? '1' : null,
    q: filters.q.trim() || null,
  };
}

/** What the API is asked for these filters. */
export function queueQuery(filters: QueueFilters, cursor?: string | null): QueueQuery {
  const query: QueueQuery = {};
  if (filters.status !== 'all') {
    query.status = filters.status;
  }
  if (filters.category) query.categoryId = filters.category;
  if (filters.urgency) query.urgency = filters.urgency;
  if (filters.app) query.appId = filters.app;
  if (filters.assignee !== 'any') query.assignee = filters.assignee;
  if (filters.breached) query.breached = true;
  if (filters.q.trim()) query.q = filters.q.trim();
  if (cursor) query.cursor = cursor;
  return query;
}

export function isDefault(filters: QueueFilters): boolean {
  return JSON.stringify(filters) === JSON.stringify(DEFAULT_FILTERS);
}
