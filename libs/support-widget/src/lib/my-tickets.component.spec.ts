import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TicketList, TicketView } from '@passerelle/contracts';
import { SupportClient } from './api';
import { MyTicketsComponent } from './my-tickets.component';

const PORTAL = 'https://portal.test';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function ticket(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: 't1',
    number: 12,
    subject: `Screen ${HOSTILE}`,
    status: 'waiting',
    urgency: 'normal',
    category: null,
    app: null,
    createdAt: '2026-12-01T08:00:00Z',
    updatedAt: '2026-12-01T09:00:00Z',
    unread: true,
    mergedInto: null,
    description: 'Flickers',
    fields: [],
    context: { signInProblems: [], receivedAt: '2026-12-01T08:00:00Z' },
    messages: [
      { id: 'm1', kind: 'message', author: { id: 'a', name: 'Agent Smith' }, fromSupport: true, body: `Try this ${HOSTILE}`, attachments: [], createdAt: '2026-12-01T08:30:00Z' },
      { id: 'm2', kind: 'event', author: null, fromSupport: true, body: 'Status: waiting', event: { type: 'status', value: 'waiting' }, attachments: [], createdAt: '2026-12-01T08:31:00Z' },
    ],
    attachments: [],
    reopenUntil: null,
    resolvedAt: null,
    closedAt: null,
    ...overrides,
  };
}

/** Lets the fake fetch answer (plain promises: zoneless whenStable doesn't wait for them), then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('MyTicketsComponent', () => {
  let answers: Record<string, unknown>;
  let calls: Array<{ url: string; method: string }>;

  function setUp(ticketId: string | null, lang: 'en' | 'fr' = 'en') {
    const fetchFn = ((url: string, init: RequestInit) => {
      calls.push({ url, method: String(init.method) });
      const key = `${init.method} ${new URL(url).pathname}`;
      return Promise.resolve(new Response(JSON.stringify(answers[key] ?? {}), { status: key in answers ? 200 : 404 }));
    }) as unknown as typeof fetch;
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(MyTicketsComponent);
    fixture.componentRef.setInput('lang', lang);
    fixture.componentRef.setInput('client', new SupportClient(() => PORTAL, () => 'tok', () => undefined, fetchFn));
    fixture.componentRef.setInput('upload', () => Promise.reject(new Error('unused')));
    fixture.componentRef.setInput('ticketId', ticketId);
    return fixture;
  }

  beforeEach(() => {
    answers = {};
    calls = [];
  });

  it('lists the tickets with their status chip and unread dot, text shown as text', async () => {
    const list: TicketList = { items: [ticket()], nextCursor: null, total: 1 };
    answers['GET /api/support/tickets'] = list;
    const fixture = setUp(null);
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const row = el.querySelector('[data-testid="ticket-12"]') as HTMLElement;
    expect(row.textContent).toContain('Waiting for you');
    expect(row.querySelector('.dot')?.getAttribute('aria-label')).toBe('New');
    expect(row.textContent).toContain(HOSTILE);
    expect(el.querySelector('img')).toBeNull();
  });

  it('shows older tickets on demand, below the first page', async () => {
    const pages: Record<string, TicketList> = {
      '': { items: [ticket({ id: 't3', number: 3, subject: 'Newest' })], nextCursor: 'c2', total: 2 },
      c2: { items: [ticket({ id: 't1', number: 1, subject: 'Oldest' })], nextCursor: null, total: 2 },
    };
    const fetchFn = ((url: string, init: RequestInit) => {
      calls.push({ url, method: String(init.method) });
      return Promise.resolve(new Response(JSON.stringify(pages[new URL(url).searchParams.get('cursor') ?? '']), { status: 200 }));
    }) as unknown as typeof fetch;
    const fixture = setUp(null);
    fixture.componentRef.setInput('client', new SupportClient(() => PORTAL, () => 'tok', () => undefined, fetchFn));
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const more = el.querySelector('[data-testid="more-tickets"]') as HTMLButtonElement;
    expect(more.textContent).toContain('Show older tickets (1 of 2)');
    more.click();
    await settle(fixture);
    expect(Array.from(el.querySelectorAll('[data-testid^="ticket-"]')).map((b) => b.getAttribute('data-testid'))).toEqual(['ticket-3', 'ticket-1']);
    expect(el.querySelector('[data-testid="more-tickets"]')).toBeNull();
    expect(new URL(calls[calls.length - 1].url).searchParams.get('cursor')).toBe('c2');
  });

  it('says so when there is no ticket', async () => {
    answers['GET /api/support/tickets'] = { items: [], nextCursor: null, total: 0 };
    const fixture = setUp(null, 'fr');
    await settle(fixture);
    expect((fixture.nativeElement as HTMLElement).querySelector('[data-testid="my-tickets-empty"]')?.textContent).toContain('aucune demande');
  });

  it('shows the conversation with events in the reader’s language, and offers reply and “It’s solved”', async () => {
    answers['GET /api/support/tickets/t1'] = ticket();
    const fixture = setUp('t1', 'fr');
    await settle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    const conversation = el.querySelector('[data-testid="conversation"]')?.textContent ?? '';
    expect(conversation).toContain('Agent Smith');
    expect(conversation).toContain('Statut : En attente de vous');
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-testid="reply"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="resolve"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="reopen"]')).toBeNull();
  });

  it('offers reopening a resolved ticket only within the reopen window', async () => {
    answers['GET /api/support/tickets/t1'] = ticket({ status: 'resolved', reopenUntil: new Date(Date.now() + 86_400_000).toISOString() });
    const open = setUp('t1');
    await settle(open);
    expect((open.nativeElement as HTMLElement).querySelector('[data-testid="reopen"]')).not.toBeNull();
    TestBed.resetTestingModule();
    answers['GET /api/support/tickets/t1'] = ticket({ status: 'resolved', reopenUntil: new Date(Date.now() - 1000).toISOString() });
    const late = setUp('t1');
    await settle(late);
    expect((late.nativeElement as HTMLElement).querySelector('[data-testid="reopen"]')).toBeNull();
  });

  it('posts the reply and shows the updated ticket', async () => {
    answers['GET /api/support/tickets/t1'] = ticket();
    answers['POST /api/support/tickets/t1/messages'] = ticket({ status: 'in_progress' });
    const fixture = setUp('t1');
    await settle(fixture);
    fixture.componentInstance.replyText.set('It still flickers');
    await fixture.componentInstance.reply(new Event('submit'));
    await settle(fixture);
    expect(calls.map((c) => `${c.method} ${new URL(c.url).pathname}`)).toContain('POST /api/support/tickets/t1/messages');
    expect(fixture.componentInstance.replyText()).toBe('');
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('In progress');
  });
});
