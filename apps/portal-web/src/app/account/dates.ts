import { dateLocale } from '../core/i18n/date-format';
import { Injectable, inject } from '@angular/core';
import { I18nService } from '../core/i18n';
import { NOW } from './browser';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** Dates and times in the current language: short absolute ("12 Mar 2026, 14:05") and relative ("5 minutes ago"). */
@Injectable({ providedIn: 'root' })
export class DateFormatter {
  private readonly i18n = inject(I18nService);
  private readonly now = inject(NOW);

  dateTime(value: string): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      return value;
    }
    return new Intl.DateTimeFormat(dateLocale(this.i18n.locale()), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }

  date(value: string): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      return value;
    }
    return new Intl.DateTimeFormat(dateLocale(this.i18n.locale()), { dateStyle: 'long' }).format(date);
  }

  relative(value: string): string {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      return value;
    }
    const seconds = Math.round((date.getTime() - this.now().getTime()) / 1000);
    const format = new Intl.RelativeTimeFormat(this.i18n.locale(), { numeric: 'auto' });
    for (const [unit, size] of UNITS) {
      if (Math.abs(seconds) >= size) {
        return format.format(Math.trunc(seconds / size), unit);
      }
    }
    return this.i18n.translate('account.time.justNow');
  }

  /** True when `value` is a time still ahead of now. */
  isFuture(value: string | null): boolean {
    return !!value && new Date(value).getTime() > this.now().getTime();
  }
}
