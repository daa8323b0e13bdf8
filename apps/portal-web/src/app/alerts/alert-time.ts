import { Injectable, inject, signal } from '@angular/core';
import { NOW } from '../account/browser';
import { DateFormatter } from '../account/dates';

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** When an alert arrived, in the person's language; relative times move on every minute. */
@Injectable({ providedIn: 'root' })
export class AlertTime {
  private readonly dates = inject(DateFormatter);
  private readonly now = inject(NOW);
  private readonly minute = signal(0);
  private ticking = false;

  /** "5 minutes ago", "yesterday" within a week; after that the date and time ("3 Mar 2027, 14:05"). */
  when(iso: string): string {
    this.tick();
    const age = this.now().getTime() - new Date(iso).getTime();
    return age < WEEK_MS ? this.dates.relative(iso) : this.dates.dateTime(iso);
  }

  /** "3 Mar 2027, 14:05" / "3 mars 2027, 14:05". */
  absolute(iso: string): string {
    return this.dates.dateTime(iso);
  }

  date(iso: string): string {
    return this.dates.date(iso);
  }

  /** Reading the minute signal makes templates showing a relative time refresh once a minute. */
  private tick(): void {
    this.minute();
    if (!this.ticking && typeof setInterval === 'function') {
      this.ticking = true;
      setInterval(() => this.minute.update((value) => value + 1), 60_000);
    }
  }
}
