import { Injectable, signal } from '@angular/core';

/** A confirmation one guests page leaves for the next after navigating (memory only, never in the URL). */
@Injectable({ providedIn: 'root' })
export class GuestsNoticeService {
  private readonly notice = signal<string | null>(null);

  leave(notice: string): void {
    this.notice.set(notice);
  }

  take(): string | null {
    const value = this.notice();
    this.notice.set(null);
    return value;
  }
}
