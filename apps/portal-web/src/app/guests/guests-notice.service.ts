import { Injectable, signal } from '@angular/core';
import type { GuestNote } from './guest-time';

/** A confirmation one guests page leaves for the next after navigating (memory only, never in the URL). */
@Injectable({ providedIn: 'root' })
export class GuestsNoticeService {
  private readonly notice = signal<GuestNote | null>(null);

  leave(notice: GuestNote): void {
    this.notice.set(notice);
  }

  take(): GuestNote | null {
    const value = this.notice();
    this.notice.set(null);
    return value;
  }
}
