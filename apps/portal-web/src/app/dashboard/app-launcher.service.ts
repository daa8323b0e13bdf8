import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * Opening an app from the keyboard or a search result (tiles are plain links and need none of this).
 * One injectable so specs check where the app would go instead of leaving the test page.
 */
@Injectable({ providedIn: 'root' })
export class AppLauncherService {
  private readonly window = inject(DOCUMENT).defaultView;

  /** Same tab, like a plain click on a tile. */
  open(url: string): void {
    this.window?.location.assign(url);
  }

  /** A new tab, like Ctrl/Cmd+click; `noopener` so the app can't reach back into the portal. */
  openInNewTab(url: string): void {
    this.window?.open(url, '_blank', 'noopener');
  }
}
