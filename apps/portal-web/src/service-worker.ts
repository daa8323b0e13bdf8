import { isDevMode } from '@angular/core';

/**
 * Registers public/sw.js (offline page, installable app) in production builds only: development
 * servers and unit tests run without it, so nothing there is ever answered by a stale worker.
 */
export function registerServiceWorker(): void {
  const navigator = globalThis.navigator;
  if (isDevMode() || !navigator || !('serviceWorker' in navigator)) {
    return;
  }
  const register = () =>
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      // Not fatal: the portal works the same without it (private windows, some policies refuse it).
      console.warn('Service worker not registered', error);
    });
  // After the page has loaded, so it never competes with the first screen.
  if (document.readyState === 'complete') {
    void register();
  } else {
    globalThis.addEventListener('load', () => void register(), { once: true });
  }
}
