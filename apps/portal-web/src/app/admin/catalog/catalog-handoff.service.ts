import { Injectable, signal } from '@angular/core';
import type { CreatedAppClient } from '@passerelle/contracts';

/**
 * What one console page hands to the next after navigating: a confirmation to show, and a sign-in
 * client's secret created on the way (shown once). Kept in memory only — never in the URL or history.
 */
@Injectable({ providedIn: 'root' })
export class CatalogHandoffService {
  private readonly notice = signal<string | null>(null);
  private readonly secret = signal<CreatedAppClient | null>(null);

  leave(notice: string | null, secret: CreatedAppClient | null = null): void {
    this.notice.set(notice);
    this.secret.set(secret);
  }

  takeNotice(): string | null {
    const value = this.notice();
    this.notice.set(null);
    return value;
  }

  takeSecret(): CreatedAppClient | null {
    const value = this.secret();
    this.secret.set(null);
    return value;
  }
}
