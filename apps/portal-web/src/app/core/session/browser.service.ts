import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';

/**
 * What the app asks of the browser window itself: full-page navigation, the clipboard, printing and
 * file downloads. One injectable, so specs replace it instead of leaving the test page.
 */
@Injectable({ providedIn: 'root' })
export class BrowserService {
  private readonly document = inject(DOCUMENT);

  /** Leaves the Angular app: a full-page navigation (to the API, the provider or an app). */
  assign(url: string): void {
    this.document.defaultView?.location.assign(url);
  }

  /** The current path, query and fragment (what a sign-in should come back to). */
  currentPath(): string {
    const location = this.document.defaultView?.location;
    return location ? `${location.pathname}${location.search}${location.hash}` : '/';
  }

  /** Copies text; rejects when the browser refuses (no permission, insecure context). */
  async copyText(text: string): Promise<void> {
    const clipboard = this.document.defaultView?.navigator.clipboard;
    if (!clipboard) {
      throw new Error('Clipboard unavailable');
    }
    await clipboard.writeText(text);
  }

  print(): void {
    this.document.defaultView?.print();
  }

  /** Offers `text` as a file download named `filename`. */
  downloadText(filename: string, text: string): void {
    const view = this.document.defaultView;
    if (!view) {
      return;
    }
    const url = view.URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = this.document.createElement('a');
    link.href = url;
    link.download = filename;
    link.rel = 'noopener';
    link.style.display = 'none';
    this.document.body.appendChild(link);
    link.click();
    link.remove();
    view.setTimeout(() => view.URL.revokeObjectURL(url), 1000);
  }
}
