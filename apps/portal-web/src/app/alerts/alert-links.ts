/**
 * Whether an alert's link (or action) opens in a new tab: anything outside the portal's own origin
 * does, so the notification centre stays where it was; unparsable URLs count as outside.
 */
export function opensInNewTab(url: string, portalOrigin: string): boolean {
  try {
    return new URL(url, portalOrigin).origin !== portalOrigin;
  } catch {
    return true;
  }
}
