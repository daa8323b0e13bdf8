import { Injectable, signal } from '@angular/core';
import type { MessageKey, MessageParams } from '../core/i18n';

export interface AnnouncementNotice {
  key: MessageKey;
  params: MessageParams;
}

/** A confirmation the editor leaves for the list after navigating (memory only, never in the URL). */
@Injectable({ providedIn: 'root' })
export class AnnouncementsNoticeService {
  private readonly notice = signal<AnnouncementNotice | null>(null);

  leave(notice: AnnouncementNotice): void {
    this.notice.set(notice);
  }

  take(): AnnouncementNotice | null {
    const value = this.notice();
    this.notice.set(null);
    return value;
  }
}
