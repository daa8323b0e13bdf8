import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  InjectionToken,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AlertCounts, AlertView } from '@passerelle/contracts';
import { I18nService, TranslatePipe } from '../core/i18n';
import { AlertAppsStore } from './alert-apps.store';
import { AlertCountsStore, badgeText } from './alert-counts.store';
import { AlertFeed } from './alert-feed';
import { AlertItemComponent } from './alert-item.component';
import { AlertNotificationsService } from './alert-notifications.service';
import { AlertStreamService } from './alert-stream.service';

/** How long new alerts are gathered before the count is announced once (not once per alert). */
export const ALERT_ANNOUNCE_DELAY_MS = new InjectionToken<number>('ALERT_ANNOUNCE_DELAY_MS', { providedIn: 'root', factory: () => 1_500 });

/** How many of the latest alerts the panel shows. */
export const PANEL_SIZE = 6;

/**
 * The bell in the header: the unread count (hidden at 0, "99+" past 99), highlighted while unread
 * critical alerts wait. It opens a panel with the latest alerts — a popover on wide screens, a
 * sheet from the bottom on phones — closed by Escape (focus back on the bell), a click outside, or
 * Tab leaving it. When new alerts arrive, screen readers hear the new count once, politely.
 */
@Component({
  selector: 'psl-alert-bell',
  imports: [RouterLink, TranslatePipe, AlertItemComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'alert-bell',
    '(document:click)': 'closeOnOutsideClick($event)',
    '(focusout)': 'closeOnFocusLeaving($event)',
  },
  styleUrl: './alert-bell.component.css',
  template: `
    <button
      #button
      type="button"
      class="bell"
      [class.bell--critical]="critical() > 0"
      aria-haspopup="dialog"
      [attr.aria-expanded]="open()"
      aria-controls="alert-panel"
      [attr.aria-label]="label()"
      (click)="toggle()"
      (keydown.escape)="close(true)"
      [attr.data-stream]="connection()"
      data-testid="alert-bell"
    >
      <svg class="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M6 16V11a6 6 0 0 1 12 0v5l1.6 2H4.4z" />
        <path d="M10 20.5a2.2 2.2 0 0 0 4 0" />
      </svg>
      @if (badge(); as text) {
        <span class="bell__badge" aria-hidden="true" data-testid="alert-bell-badge">{{ text }}</span>
      }
    </button>

    @if (open()) {
      <div class="bell-backdrop" aria-hidden="true" (click)="close(true)"></div>
    }
    <div
      id="alert-panel"
      class="bell-panel"
      role="dialog"
      aria-labelledby="alert-panel-title"
      [hidden]="!open()"
      (keydown.escape)="close(true)"
      data-testid="alert-panel"
    >
      <div class="bell-panel__head">
        <h2 #heading id="alert-panel-title" class="bell-panel__title" tabindex="-1">{{ 'alerts.panel.title' | t }}</h2>
        @if (unread() > 0) {
          <button type="button" class="bell-panel__text-button" (click)="markAllRead()" data-testid="alert-panel-read-all">
            {{ 'alerts.markAllRead' | t }}
          </button>
        }
        <button type="button" class="bell-panel__close" [attr.aria-label]="'alerts.panel.close' | t" (click)="close(true)" data-testid="alert-panel-close">
          <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M4 4l8 8M12 4l-8 8" /></svg>
        </button>
      </div>

      <div class="bell-panel__body">
        @if (feed.changeError(); as error) {
          <p class="bell-panel__message bell-panel__message--error" role="alert">{{ error | t }}</p>
        }
        @if (shown().length) {
          <ul class="bell-panel__list" [attr.aria-busy]="feed.status() === 'loading'">
            @for (alert of shown(); track alert.id) {
              <li>
                <psl-alert-item
                  [alert]="alert"
                  [iconUrl]="apps.iconOf(alert.appId)"
                  [compact]="true"
                  [headingLevel]="3"
                  idPrefix="panel"
                  (readChange)="feed.setRead(alert, $event)"
                  (opened)="feed.opened(alert)"
                />
              </li>
            }
          </ul>
        } @else {
          @switch (feed.status()) {
            @case ('loading') {
              <div class="bell-panel__loading" aria-busy="true">
                <span class="skeleton skeleton--text"></span>
                <span class="skeleton skeleton--text skeleton--short"></span>
                <span class="skeleton skeleton--text"></span>
                <span class="visually-hidden">{{ 'common.loading' | t }}</span>
              </div>
            }
            @case ('error') {
              <div class="bell-panel__message bell-panel__message--error" role="alert" data-testid="alert-panel-error">
                <p>{{ feed.error()! | t }}</p>
                <button type="button" class="bell-panel__text-button" (click)="reload()">{{ 'common.retry' | t }}</button>
              </div>
            }
            @case ('ready') {
              <p class="bell-panel__message" data-testid="alert-panel-empty">{{ 'alerts.panel.empty' | t }}</p>
            }
          }
        }
      </div>

      <a class="bell-panel__all" routerLink="/alerts" (click)="close(false)" data-testid="alert-panel-all">{{ 'alerts.panel.seeAll' | t }}</a>
    </div>
  `,
})
export class AlertBellComponent {
  private readonly store = inject(AlertCountsStore);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly announceDelay = inject(ALERT_ANNOUNCE_DELAY_MS);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly button = viewChild.required<ElementRef<HTMLButtonElement>>('button');
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  protected readonly feed = new AlertFeed(PANEL_SIZE);
  protected readonly apps = inject(AlertAppsStore);
  /** On the button for tests and support: is the live stream open? */
  protected readonly connection = inject(AlertStreamService).connection;
  protected readonly open = signal(false);
  protected readonly unread = this.store.unread;
  protected readonly critical = this.store.critical;
  protected readonly badge = computed(() => badgeText(this.unread()));
  protected readonly shown = computed<AlertView[]>(() => this.feed.items().slice(0, PANEL_SIZE));
  protected readonly label = computed(() => {
    const [count, critical] = [this.unread(), this.critical()];
    if (!count) {
      return this.i18n.translate('alerts.bell.label');
    }
    return critical
      ? this.i18n.translate('alerts.bell.labelCritical', { count, critical })
      : this.i18n.translate('alerts.bell.labelUnread', { count });
  });

  private lastUnread: number | null = null;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    // The bell lives as long as someone is signed in: it keeps the stream (injected above) and the
    // optional browser notifications going.
    inject(AlertNotificationsService).watch();
    effect(() => {
      const counts = this.store.counts();
      untracked(() => this.announceIncrease(counts));
    });
    inject(DestroyRef).onDestroy(() => clearTimeout(this.announceTimer));
  }

  protected toggle(): void {
    if (this.open()) {
      this.close(true);
    } else {
      this.show();
    }
  }

  protected reload(): void {
    void this.feed.load({}, { quiet: this.feed.items().length > 0 });
  }

  protected async markAllRead(): Promise<void> {
    await this.feed.markAllRead();
  }

  protected close(returnFocus: boolean): void {
    if (!this.open()) {
      return;
    }
    this.open.set(false);
    if (returnFocus) {
      this.button().nativeElement.focus();
    }
  }

  protected closeOnOutsideClick(event: MouseEvent): void {
    if (this.open() && !this.host.nativeElement.contains(event.target as Node | null)) {
      this.close(false);
    }
  }

  protected closeOnFocusLeaving(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (this.open() && next && !this.host.nativeElement.contains(next)) {
      this.close(false);
    }
  }

  private show(): void {
    this.open.set(true);
    // What was shown last time stays while the latest loads: no jump when it arrives.
    this.reload();
    void this.apps.load();
    afterNextRender({ read: () => this.heading().nativeElement.focus() }, { injector: this.injector });
  }

  /** New alerts raise the count: say the new count once they stop arriving (never on page load, never for decreases). */
  private announceIncrease(counts: AlertCounts | null): void {
    const previous = this.lastUnread;
    this.lastUnread = counts?.unread ?? null;
    if (counts === null || previous === null || counts.unread <= previous) {
      return;
    }
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const count = this.store.unread();
      const text = count === 1 ? this.i18n.translate('alerts.unreadCount.one') : this.i18n.translate('alerts.unreadCount.other', { count });
      void this.announcer.announce(text, 'polite');
    }, this.announceDelay);
  }
}
