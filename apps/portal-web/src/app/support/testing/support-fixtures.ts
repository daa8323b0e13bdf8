import type { AgentTicketView, QueueOptions, QueueTicket, SupportCategory, TicketList, WebhookDeliveryView, WebhookView } from '@passerelle/contracts';
import { SPEC_NOW } from '../../guests/testing/guest-fixtures';

/** `SPEC_NOW` moved by some minutes, as an ISO instant. */
export function minutesFromNow(minutes: number): string {
  return new Date(SPEC_NOW.getTime() + minutes * 60_000).toISOString();
}

export function queueTicket(overrides: Partial<QueueTicket> = {}): QueueTicket {
  return {
    id: 't1',
    number: 42,
    subject: 'VPN drops every hour',
    status: 'new',
    urgency: 'normal',
    category: { id: 'c1', name: 'Access and sign-in' },
    app: { id: 'a1', name: 'Timesheets' },
    createdAt: minutesFromNow(-60),
    updatedAt: minutesFromNow(-30),
    mergedInto: null,
    requester: { id: 'r1', name: 'Marc Dubois', email: 'marc@acme.test' },
    assignee: null,
    sla: { firstResponseDueAt: minutesFromNow(120), resolutionDueAt: minutesFromNow(60 * 24), firstResponseAt: null, firstResponseBreached: false, resolutionBreached: false },
    awaitingSupport: false,
    ...overrides,
  };
}

export function listOf<T>(items: T[], overrides: Partial<TicketList<T>> = {}): TicketList<T> {
  return { items, nextCursor: null, total: items.length, ...overrides };
}

export function category(overrides: Partial<SupportCategory> = {}): SupportCategory {
  return { id: 'c1', name: 'Access and sign-in', description: '', fields: [], defaultUrgency: 'normal', archived: false, position: 0, ...overrides };
}

export function queueOptions(overrides: Partial<QueueOptions> = {}): QueueOptions {
  return {
    agents: [
      { id: 'u1', name: 'Léa Roux' },
      { id: 'u7', name: 'Sam Agent' },
    ],
    categories: [category(), category({ id: 'c2', name: 'Hardware', position: 1 })],
    apps: [{ id: 'a1', name: 'Timesheets' }],
    cannedReplies: [{ id: 'k1', title: 'Restart', body: 'Please restart your computer, then try again.' }],
    ...overrides,
  };
}

export function agentTicket(overrides: Partial<AgentTicketView> = {}): AgentTicketView {
  const { requester: _r, assignee: _a, sla, awaitingSupport: _w, ...summary } = queueTicket();
  return {
    ...summary,
    sla,
    description: 'Since this morning the VPN drops.\nEvery hour, on the hour.',
    fields: [{ key: 'which_app', label: 'Which app?', value: 'Timesheets' }],
    context: {
      app: { id: 'a1', name: 'Timesheets' },
      origin: 'https://timesheets.acme.test',
      pageUrl: 'https://timesheets.acme.test/week/12',
      browser: 'Chrome 131',
      os: 'Windows 11',
      screen: '1920×1080',
      viewport: '1280×720',
      language: 'fr-CH',
      timeZone: 'Europe/Zurich',
      clientTime: '2027-03-01T09:59:00+01:00',
      receivedAt: minutesFromNow(-60),
      signInProblems: [{ at: minutesFromNow(-90), kind: 'auth.login.failed', summary: 'Wrong password' }],
    },
    messages: [],
    attachments: [{ id: 'f1', name: 'screenshot.png', contentType: 'image/png', size: 20480, url: '/api/support/attachments/f1' }],
    reopenUntil: null,
    resolvedAt: null,
    closedAt: null,
    requester: { id: 'r1', name: 'Marc Dubois', email: 'marc@acme.test', kind: 'employee', groups: ['Finance'] },
    assignee: null,
    otherOpen: [],
    ...overrides,
  };
}

export function webhookView(overrides: Partial<WebhookView> = {}): WebhookView {
  return {
    id: 'w1',
    url: 'https://helpdesk.acme.test/hooks/passerelle',
    events: ['ticket.created', 'ticket.message'],
    active: true,
    description: 'Zammad',
    createdAt: minutesFromNow(-600),
    lastDelivery: null,
    ...overrides,
  };
}

export function delivery(overrides: Partial<WebhookDeliveryView> = {}): WebhookDeliveryView {
  return {
    id: 'd1',
    event: 'ticket.created',
    ticketNumber: 42,
    state: 'failed',
    attempts: 3,
    lastStatus: 500,
    lastError: 'HTTP 500',
    nextAttemptAt: null,
    createdAt: minutesFromNow(-30),
    deliveredAt: null,
    ...overrides,
  };
}
