import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal } from '@angular/core';
import { AlertSeverities, type AlertSeverity, type AlertView } from '@passerelle/contracts';
import { pendingWork } from '../account/loadable';
import { I18nService, TranslatePipe } from '../core/i18n';
import { AlertAppsStore } from './alert-apps.store';
import { AlertCountsStore } from './alert-counts.store';
import { type AlertFilter, AlertFeed } from './alert-feed';
import { AlertItemComponent, SEVERITY_TEXT } from './alert-item.component';
import { AlertNotificationsService } from './alert-notifications.service';
import { AlertStreamService } from './alert-stream.service';

export const PAGE_SIZE = 20;

interface AppOption {
  id: string;
  name: string;
}

/**
 * `/alerts`: every alert of the signed-in person, newest first, filtered by app, severity and
 * unread; read/unread, dismiss, mark all read, older pages on demand. New alerts slot in live at
 * the top (the browser's scroll anchoring keeps what the person is reading in place). Also where
 * browser notifications for critical alerts are turned on, per device.
 */
@Component({
  selector: 'psl-alerts-page',
  imports: [TranslatePipe, AlertItemComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './alerts-page.component.html',
  styleUrls: ['../account/ui.css', './alerts-page.component.css'],
})
export class AlertsPageComponent {
  private readonly appsStore = inject(AlertAppsStore);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly stream = inject(AlertStreamService);
  private readonly store = inject(AlertCountsStore);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly track = pendingWork();
  protected readonly notifications = inject(AlertNotificationsService);

  protected readonly feed = new AlertFeed(PAGE_SIZE);
  protected readonly severities = AlertSeverities;
  protected readonly severityText = SEVERITY_TEXT;
  protected readonly appId = signal('');
  protected readonly severity = signal<AlertSeverity | ''>('');
  protected readonly unreadOnly = signal(false);
  protected readonly filtered = computed(() => !!this.appId() || !!this.severity() || this.unreadOnly());
  protected readonly interrupted = computed(() => this.stream.connection() === 'interrupted');
  protected readonly notifyBusy = signal(false);
  /** Older pages were asked for: once they run out, the list says so. */
  protected readonly pagesLoaded = signal(1);
  /** Something to mark read, in the list or (beyond the pages loaded) in the counts. */
  protected readonly anyUnread = computed(() => {
    const appId = this.appId();
    return this.feed.anyUnread() || (appId ? this.store.unreadFor(appId) : this.store.unread()) > 0;
  });
  protected readonly notifyState = computed<'on' | 'off' | 'denied' | 'unsupported'>(() => {
    const permission = this.notifications.permission();
    if (permission === 'unsupported' || permission === 'denied') {
      return permission;
    }
    return this.notifications.enabled() ? 'on' : 'off';
  });

  /** The person's apps, for the filter; apps only seen in alerts are added by name. */
  protected readonly appOptions = computed<AppOption[]>(() => {
    const options = new Map<string, string>(this.appsStore.apps().map((app) => [app.id, app.name]));
    for (const alert of this.feed.items()) {
      if (alert.appId && alert.appName && !options.has(alert.appId)) {
        options.set(alert.appId, alert.appName);
      }
    }
    return [...options].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, this.i18n.locale()));
  });

  constructor() {
    // The bell starts them too; here as well, since this is where they are turned on.
    this.notifications.watch();
    void this.feed.load(this.filter());
    void this.track(() => this.appsStore.load({ force: true }));
  }

  protected iconOf(alert: AlertView): string | null {
    return this.appsStore.iconOf(alert.appId);
  }

  protected chooseApp(value: string): void {
    this.appId.set(value);
    this.reload();
  }

  protected chooseSeverity(value: string): void {
    this.severity.set((AlertSeverities as readonly string[]).includes(value) ? (value as AlertSeverity) : '');
    this.reload();
  }

  protected chooseUnread(checked: boolean): void {
    this.unreadOnly.set(checked);
    this.reload();
  }

  protected retry(): void {
    this.reload();
  }

  protected async loadMore(): Promise<void> {
    if (this.feed.loadingMore()) {
      return;
    }
    await this.feed.loadMore();
    if (!this.feed.moreError()) {
      this.pagesLoaded.update((pages) => pages + 1);
    }
    if (!this.feed.nextCursor()) {
      // The button is gone: keep the keyboard user at the end of the list, not at the top of the page.
      afterNextRender({ read: () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="alerts-end"]')?.focus() }, { injector: this.injector });
    }
  }

  protected async markAllRead(): Promise<void> {
    const done = await this.feed.markAllRead(this.appId() || undefined);
    if (done) {
      void this.announcer.announce(this.i18n.translate('alerts.allRead'), 'polite');
    }
  }

  protected async enableNotifications(): Promise<void> {
    this.notifyBusy.set(true);
    try {
      await this.notifications.enable();
    } finally {
      this.notifyBusy.set(false);
    }
  }

  private reload(): void {
    this.pagesLoaded.set(1);
    void this.feed.load(this.filter());
  }

  private filter(): AlertFilter {
    return { appId: this.appId() || undefined, severity: this.severity() || undefined, unread: this.unreadOnly() || undefined };
  }
}
