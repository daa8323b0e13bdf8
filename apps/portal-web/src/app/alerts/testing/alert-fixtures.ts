import type { Provider } from '@angular/core';
import type { AlertCounts, AlertEventName, AlertList, AlertView } from '@passerelle/contracts';
import { type AlertEventSource, EVENT_SOURCE_CLOSED, EVENT_SOURCE_FACTORY } from '../event-source';

/** A stand-in for the browser's EventSource: the spec opens it, sends named events, drops it. */
export class FakeEventSource implements AlertEventSource {
  readyState = 0;
  closed = false;
  private readonly listeners = new Map<string, ((event: Event) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = EVENT_SOURCE_CLOSED;
  }

  open(): void {
    this.readyState = 1;
    this.fire('open', new Event('open'));
  }

  send(name: AlertEventName, data: unknown, id = ''): void {
    this.fire(name, new MessageEvent(name, { data: typeof data === 'string' ? data : JSON.stringify(data), lastEventId: id }));
  }

  /** A brief drop (the browser retries by itself) or, with `closed`, one it gives up on (an error answer). */
  fail(closed = false): void {
    this.readyState = closed ? EVENT_SOURCE_CLOSED : 0;
    this.fire('error', new Event('error'));
  }

  private fire(type: string, event: Event): void {
    for (const listener of this.listeners.get(type) ?? []) {
      listener(event);
    }
  }
}

/** Every EventSource the app opened in a spec, in order; `latest` is the one in use. */
export class FakeEventSources {
  readonly opened: FakeEventSource[] = [];

  get latest(): FakeEventSource {
    const source = this.opened[this.opened.length - 1];
    if (!source) {
      throw new Error('No EventSource was opened');
    }
    return source;
  }

  provider(): Provider {
    return {
      provide: EVENT_SOURCE_FACTORY,
      useValue: (url: string) => {
        const source = new FakeEventSource(url);
        this.opened.push(source);
        return source;
      },
    };
  }
}

export function alertView(overrides: Partial<AlertView> = {}): AlertView {
  // Never changed by its app unless said otherwise: last change = creation.
  const createdAt = overrides.createdAt ?? new Date(Date.now() - 5 * 60_000).toISOString();
  return {
    id: 'a1',
    source: 'app',
    appId: 'crm',
    appName: 'CRM',
    title: 'Quote Q-2041 awaits your approval',
    body: 'Atelier Dupont, 12 400 €.',
    bodyHtml: '<p>Atelier Dupont, <strong>12 400 €</strong>.</p>',
    severity: 'info',
    link: 'https://crm.example.test/quotes/2041',
    actions: [],
    createdAt,
    updatedAt: overrides.updatedAt ?? createdAt,
    expiresAt: null,
    read: false,
    ...overrides,
  };
}

export function alertCounts(overrides: Partial<AlertCounts> = {}): AlertCounts {
  return { unread: 0, critical: 0, byApp: {}, ...overrides };
}

export function alertList(items: AlertView[], overrides: Partial<AlertList> = {}): AlertList {
  const unread = items.filter((alert) => !alert.read);
  const byApp: Record<string, number> = {};
  for (const alert of unread) {
    if (alert.appId) {
      byApp[alert.appId] = (byApp[alert.appId] ?? 0) + 1;
    }
  }
  return {
    items,
    counts: { unread: unread.length, critical: unread.filter((alert) => alert.severity === 'critical').length, byApp },
    nextCursor: null,
    ...overrides,
  };
}

