// What the widget tells support about where the person is; shown to them before sending.
import type { ClientContext } from '@passerelle/contracts';
import { SUPPORT_LIMITS } from '@passerelle/contracts';
import { parseUserAgent } from './user-agent';

export function gatherContext(win: Window, now: Date): ClientContext {
  const ua = win.navigator.userAgent;
  const { browser, os } = parseUserAgent(ua);
  let timeZone: string | undefined;
  try {
    timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    timeZone = undefined;
  }
  return {
    pageUrl: win.location.href.slice(0, SUPPORT_LIMITS.contextUrlMax),
    userAgent: ua.slice(0, SUPPORT_LIMITS.contextTextMax),
    browser,
    os,
    screen: `${win.screen.width}×${win.screen.height}`,
    viewport: `${win.innerWidth}×${win.innerHeight}`,
    language: win.navigator.language,
    timeZone,
    clientTime: localIso(now),
  };
}

/** ISO 8601 with the person's own offset, e.g. 2026-12-07T08:30:00+01:00. */
export function localIso(date: Date): string {
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}
