import { InjectionToken } from '@angular/core';

/** EventSource.CLOSED: the browser gave up and won't reconnect by itself (e.g. a 401, a non-SSE answer). */
export const EVENT_SOURCE_CLOSED = 2;

/** The part of the browser's EventSource the alert stream uses; specs pass a fake. */
export interface AlertEventSource {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

/**
 * Opens a Server-Sent Events stream. Same origin, so the session cookie goes with it (no token in
 * the URL or in storage); after a drop the browser reconnects and sends Last-Event-ID by itself.
 */
export const EVENT_SOURCE_FACTORY = new InjectionToken<(url: string) => AlertEventSource>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url: string) => new EventSource(url),
});
