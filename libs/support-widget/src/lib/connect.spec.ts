import { WIDGET_CONNECT_MESSAGE_TYPE } from '@passerelle/contracts';
import { acceptConnectMessage, connectUrl, connectWithPopup } from './connect';

describe('connect popup', () => {
  const portalOrigin = 'https://portal.example';
  const popup = {} as Window;
  const good = () => ({
    origin: portalOrigin,
    source: popup,
    data: { type: WIDGET_CONNECT_MESSAGE_TYPE, state: 's1', token: 'tok', expiresAt: '2026-01-01T00:00:00Z', requester: { id: 'p1', name: 'Ada', locale: 'fr' } },
  });

  it('accepts the message from the portal, from our popup, with our state', () => {
    expect(acceptConnectMessage(good() as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toEqual({
      token: 'tok',
      expiresAt: '2026-01-01T00:00:00Z',
      requester: { id: 'p1', name: 'Ada', locale: 'fr' },
    });
  });

  it('ignores another origin', () => {
    expect(acceptConnectMessage({ ...good(), origin: 'https://evil.example' } as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toBeNull();
  });

  it('ignores another window', () => {
    expect(acceptConnectMessage({ ...good(), source: {} as Window } as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toBeNull();
  });

  it('ignores a wrong or missing state, and other message types', () => {
    expect(acceptConnectMessage(good() as unknown as MessageEvent, { portalOrigin, popup, state: 'other' })).toBeNull();
    const noState = good();
    delete (noState.data as Partial<typeof noState.data>).state;
    expect(acceptConnectMessage(noState as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toBeNull();
    const otherType = good();
    otherType.data.type = 'something-else' as typeof WIDGET_CONNECT_MESSAGE_TYPE;
    expect(acceptConnectMessage(otherType as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toBeNull();
    expect(acceptConnectMessage({ ...good(), data: 'tok' } as unknown as MessageEvent, { portalOrigin, popup, state: 's1' })).toBeNull();
  });

  it('opens the portal connect page with our origin and state', () => {
    const url = new URL(connectUrl(portalOrigin, 'https://app.example', 'abc'));
    expect(url.origin + url.pathname).toBe('https://portal.example/widget/connect');
    expect(url.searchParams.get('origin')).toBe('https://app.example');
    expect(url.searchParams.get('state')).toBe('abc');
  });

  it('says so when the browser blocks the popup', async () => {
    const win = { open: () => null, location: { origin: 'https://app.example' }, screenX: 0, screenY: 0, outerWidth: 1000, outerHeight: 800 } as unknown as Window;
    expect(await connectWithPopup(portalOrigin, win)).toEqual({ kind: 'blocked' });
  });

  it('resolves with the token only from a matching message', async () => {
    // A real window (an iframe's) stands in for the popup, so `event.source` can be it.
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    const other = document.createElement('iframe');
    document.body.appendChild(other);
    const fakePopup = frame.contentWindow as Window;
    let opened = '';
    const target = new EventTarget();
    const win = Object.assign(target, {
      open: (url: string) => {
        opened = url;
        return fakePopup;
      },
      location: { origin: 'https://app.example' },
      screenX: 0,
      screenY: 0,
      outerWidth: 1000,
      outerHeight: 800,
    }) as unknown as Window;
    let settled = false;
    const pending = connectWithPopup(portalOrigin, win).then((outcome) => {
      settled = true;
      return outcome;
    });
    const state = new URL(opened).searchParams.get('state') ?? '';
    expect(state).toMatch(/^[0-9a-f]{32}$/);
    const data = { type: WIDGET_CONNECT_MESSAGE_TYPE, state, token: 'tok', expiresAt: 'x', requester: { id: 'p', name: 'P', locale: 'en' } };
    const message = (init: MessageEventInit) => target.dispatchEvent(new MessageEvent('message', init));
    message({ origin: 'https://evil.example', source: fakePopup, data });
    message({ origin: portalOrigin, source: other.contentWindow, data });
    message({ origin: portalOrigin, source: fakePopup, data: { ...data, state: 'guess' } });
    await new Promise((r) => setTimeout(r));
    expect(settled).toBeFalse();
    message({ origin: portalOrigin, source: fakePopup, data });
    expect(await pending).toEqual({ kind: 'connected', token: { token: 'tok', expiresAt: 'x', requester: { id: 'p', name: 'P', locale: 'en' } } });
    frame.remove();
    other.remove();
  });
});
