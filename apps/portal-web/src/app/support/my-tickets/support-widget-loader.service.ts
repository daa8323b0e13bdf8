import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import { SupportRoutes } from '@passerelle/contracts';

/**
 * Loads the support widget (`/widget/support.js`, an ES module that defines <passerelle-support>)
 * once per page. It is served by the portal itself, so the portal's CSP (`script-src 'self'`) allows
 * it, and it styles itself with a constructed stylesheet, so it needs no nonce.
 */
@Injectable({ providedIn: 'root' })
export class SupportWidgetLoader {
  private readonly document = inject(DOCUMENT);
  private loaded = false;

  load(): void {
    if (this.loaded || this.document.querySelector(`script[src="${SupportRoutes.widgetScript}"]`)) {
      this.loaded = true;
      return;
    }
    this.loaded = true;
    const script = this.document.createElement('script');
    script.type = 'module';
    script.src = SupportRoutes.widgetScript;
    this.document.head.appendChild(script);
  }
}
