// Sign-in on another site: the widget opens the portal's first-party connect page in a popup and
// waits for it to post a token back. Only a message from the portal's origin, from that popup and
// echoing our random state is believed.
import { SupportRoutes, WIDGET_CONNECT_MESSAGE_TYPE, type WidgetConnectMessage, type WidgetTokenResponse } from '@passerelle/contracts';

export function connectUrl(portalOrigin: string, pageOrigin: string, state: string): string {
  const url = new URL(SupportRoutes.widgetConnect, portalOrigin);
  url.searchParams.set('origin', pageOrigin);
  url.searchParams.set('state', state);
  return url.toString();
}

export function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ConnectExpectation {
  portalOrigin: string;
  popup: unknown;
  state: string;
}

/** The token the message carries when it is the one we wait for; null for anything else. */
export function acceptConnectMessage(event: Pick<MessageEvent, 'origin' | 'source' | 'data'>, expected: ConnectExpectation): WidgetTokenResponse | null {
  if (event.origin !== expected.portalOrigin) return null;
  if (!expected.popup || event.source !== expected.popup) return null;
  const data = event.data as Partial<WidgetConnectMessage> | null;
  if (!data || typeof data !== 'object' || data.type !== WIDGET_CONNECT_MESSAGE_TYPE) return null;
  if (typeof data.state !== 'string' || data.state !== expected.state) return null;
  if (typeof data.token !== 'string' || !data.token || typeof data.expiresAt !== 'string') return null;
  if (!data.requester || typeof data.requester.id !== 'string') return null;
  return { token: data.token, expiresAt: data.expiresAt, requester: data.requester };
}

/** Popup size and position: centred over the current window. */
export function popupFeatures(win: Pick<Window, 'screenX' | 'screenY' | 'outerWidth' | 'outerHeight'>): string {
  const width = 480;
  const height = 640;
  const left = Math.max(0, Math.round(win.screenX + (win.outerWidth - width) / 2));
  const top = Math.max(0, Math.round(win.screenY + (win.outerHeight - height) / 2));
  return `popup=yes,width=${width},height=${height},left=${left},top=${top}`;
}

export type ConnectOutcome = { kind: 'connected'; token: WidgetTokenResponse } | { kind: 'blocked' } | { kind: 'closed' };

/**
 * Opens the popup and resolves with the token, `blocked` when the browser refused the window, or
 * `closed` when the person closed it without finishing. Must be called from a click.
 */
export function connectWithPopup(portalOrigin: string, win: Window = window): Promise<ConnectOutcome> {
  const state = randomState();
  const popup = win.open(connectUrl(portalOrigin, win.location.origin, state), 'passerelle-support-connect', popupFeatures(win));
  if (!popup) return Promise.resolve({ kind: 'blocked' });
  return new Promise((resolve) => {
    let done = false;
    const finish = (outcome: ConnectOutcome) => {
      if (done) return;
      done = true;
      win.removeEventListener('message', onMessage);
      clearInterval(watch);
      resolve(outcome);
    };
    const onMessage = (event: MessageEvent) => {
      const token = acceptConnectMessage(event, { portalOrigin, popup, state });
      if (!token) return;
      try {
        popup.close();
      } catch {
        /* already closed */
      }
      finish({ kind: 'connected', token });
    };
    // Cross-origin, `closed` is still readable: notice the person giving up. The popup may close
    // itself right after posting, so give its message a moment to arrive first.
    const watch = setInterval(() => {
      if (popup.closed) setTimeout(() => finish({ kind: 'closed' }), 300);
    }, 500);
    win.addEventListener('message', onMessage);
  });
}
