import { Injectable, inject } from '@angular/core';
import { GUEST_LIMITS, type GuestView } from '@passerelle/contracts';
import { I18nService, type MessageKey, type MessageParams } from '../core/i18n';
import { NOW } from '../account/browser';
import { dateLocale, longDate, longDateTime } from '../core/i18n/date-format';
import { calendarDaysBetween } from './guest-dates';

/** The status a guest is shown with: the server's, with "ending soon" picked out of the active ones. */
export type GuestBadge = 'invited' | 'starting' | 'active' | 'ending' | 'ended';

export const BADGE_TEXT: Record<GuestBadge, MessageKey> = {
  invited: 'guests.status.invited',
  starting: 'guests.status.starting',
  active: 'guests.status.active',
  ending: 'guests.status.ending',
  ended: 'guests.status.ended',
};

const DAY_MS = 24 * 3600 * 1000;

/**
 * A confirmation to show ("The access of Nina Weber has ended."), kept as its message key rather
 * than as text so it follows a change of language while it is on screen.
 */
export interface GuestNote {
  key: MessageKey;
  params?: MessageParams;
  /** An ISO instant shown as `{date}` (a long date in the language of the moment). */
  date?: string;
}

/** A guest's time in words, in the current language: status, time left, dates. */
@Injectable({ providedIn: 'root' })
export class GuestTime {
  private readonly i18n = inject(I18nService);
  private readonly now = inject(NOW);

  badge(guest: Pick<GuestView, 'status' | 'endsAt'>): GuestBadge {
    if (guest.status === 'active' && new Date(guest.endsAt).getTime() - this.now().getTime() <= GUEST_LIMITS.endingSoonDays * DAY_MS) {
      return 'ending';
    }
    return guest.status;
  }

  /**
   * "12 days left", "ends tomorrow", "ends today", "ended 3 days ago"; "starts in 2 days" before the
   * start. Counted in calendar days, so "ends today" means the end falls on today's date.
   */
  remaining(guest: Pick<GuestView, 'status' | 'startsAt' | 'endsAt'>): string {
    const now = this.now();
    const days = new Intl.RelativeTimeFormat(dateLocale(this.i18n.locale()), { numeric: 'auto' });
    if (guest.status === 'starting') {
      return this.i18n.translate('guests.time.starts', { when: days.format(calendarDaysBetween(now, new Date(guest.startsAt)), 'day') });
    }
    const end = new Date(guest.endsAt);
    const left = calendarDaysBetween(now, end);
    if (guest.status === 'ended' || end.getTime() <= now.getTime()) {
      return this.i18n.translate('guests.time.ended', { when: days.format(Math.min(0, left), 'day') });
    }
    if (left > 1) {
      return this.i18n.translate('guests.time.daysLeft', { count: left });
    }
    return this.i18n.translate('guests.time.ends', { when: days.format(left, 'day') });
  }

  /** "31 March 2027" / "31 mars 2027". */
  date(iso: string | null): string {
    return longDate(iso, this.i18n.locale()) ?? iso ?? '';
  }

  /** "31 March 2027 at 18:00" / "31 mars 2027 à 18:00". */
  dateTime(iso: string | null): string {
    return longDateTime(iso, this.i18n.locale()) ?? iso ?? '';
  }

  /** A confirmation kept as a key, in the current language (its `{date}` too). */
  say(note: GuestNote): string {
    return this.i18n.translate(note.key, note.date ? { ...note.params, date: this.date(note.date) } : note.params);
  }
}
