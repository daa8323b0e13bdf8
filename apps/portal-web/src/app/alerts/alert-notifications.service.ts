import { DOCUMENT } from '@angular/common';
import { DestroyRef, Injectable, InjectionToken, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { AlertView } from '@passerelle/contracts';
import { PREFERENCE_STORAGE } from '../core/i18n';
import { SessionService } from '../core/session/session.service';
import { AlertStreamService } from './alert-stream.service';

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** The browser's Notification API, behind a token so specs never ask for a real permission. */
export interface BrowserNotifications {
  permission(): NotificationPermissionState;
  requestPermission(): Promise<NotificationPermission>;
  show(title: string, options: { body: string; tag: string; onClick: () => void }): void;
  /** True when the portal's tab is not in front (another tab, minimised window). */
  inBackground(): boolean;
}

export const BROWSER_NOTIFICATIONS = new InjectionToken<BrowserNotifications>('BROWSER_NOTIFICATIONS', {
  providedIn: 'root',
  factory: () => {
    const document = inject(DOCUMENT);
    const view = document.defaultView;
    const api = view && 'Notification' in view ? view.Notification : null;
    return {
      permission: () => (api ? api.permission : 'unsupported'),
      requestPermission: () => (api ? api.requestPermission() : Promise.resolve('denied')),
      show: (title, { body, tag, onClick }) => {
        if (!api) {
          return;
        }
        const notification = new api(title, { body, tag, lang: document.documentElement.lang });
        notification.onclick = () => {
          view?.focus();
          onClick();
          notification.close();
        };
      },
      inBackground: () => document.visibilityState === 'hidden' || !document.hasFocus(),
    };
  },
});

/** Per person and per device: a shared computer doesn't pass one person's choice to the next. */
export function notifyStorageKey(userId: string): string {
  return `psl.alerts.notify.${userId}`;
}

const BODY_MAX = 180;

/**
 * Optional browser notifications for critical alerts, while the portal is open in the background.
 * Off until the person turns them on from the alerts page; the browser's permission is asked only
 * then, in answer to that click. The choice is a preference kept on this device (never a token).
 */
@Injectable({ providedIn: 'root' })
export class AlertNotificationsService {
  private readonly browser = inject(BROWSER_NOTIFICATIONS);
  private readonly storage = inject(PREFERENCE_STORAGE);
  private readonly session = inject(SessionService);
  private readonly stream = inject(AlertStreamService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private watching = false;
  /** Choices made during this visit, in case storage refuses to keep them. */
  private readonly madeNow = new Map<string, boolean>();

  private readonly permissionState = signal<NotificationPermissionState>(this.browser.permission());
  /** Bumped when the stored choice changes, so `enabled` reads it again. */
  private readonly choiceVersion = signal(0);

  readonly permission = this.permissionState.asReadonly();
  readonly enabled = computed(() => {
    this.choiceVersion();
    const user = this.session.currentUser();
    return !!user && this.permissionState() === 'granted' && this.readChoice(user.id);
  });

  /** Starts showing notifications for live critical alerts (once; the bell calls it). */
  watch(): void {
    if (this.watching) {
      return;
    }
    this.watching = true;
    const subscription = this.stream.alerts.subscribe((alert) => this.notify(alert));
    this.destroyRef.onDestroy(() => subscription.unsubscribe());
  }

  /** Turns them on for this person on this device, asking the browser's permission if it hasn't been given. */
  async enable(): Promise<NotificationPermissionState> {
    const user = this.session.currentUser();
    let permission = this.browser.permission();
    if (!user || permission === 'unsupported') {
      this.permissionState.set(permission);
      return permission;
    }
    if (permission === 'default') {
      permission = await this.browser.requestPermission().catch((): NotificationPermission => 'default');
    }
    this.permissionState.set(permission);
    if (permission === 'granted') {
      this.writeChoice(user.id, true);
    }
    return permission;
  }

  disable(): void {
    const user = this.session.currentUser();
    if (user) {
      this.writeChoice(user.id, false);
    }
  }

  private notify(alert: AlertView): void {
    if (alert.severity !== 'critical' || alert.read || !this.enabled() || !this.browser.inBackground()) {
      return;
    }
    const body = alert.body.length > BODY_MAX ? `${alert.body.slice(0, BODY_MAX - 1)}…` : alert.body;
    // The tag makes a second tab (or an update of the same alert) replace the notification, not add one.
    this.browser.show(alert.appName ? `${alert.appName} — ${alert.title}` : alert.title, {
      body,
      tag: `psl-alert-${alert.id}`,
      onClick: () => void this.router.navigateByUrl('/alerts'),
    });
  }

  private readChoice(userId: string): boolean {
    const now = this.madeNow.get(userId);
    if (now !== undefined) {
      return now;
    }
    try {
      return this.storage?.getItem(notifyStorageKey(userId)) === 'on';
    } catch {
      return false;
    }
  }

  private writeChoice(userId: string, on: boolean): void {
    this.madeNow.set(userId, on);
    try {
      this.storage?.setItem(notifyStorageKey(userId), on ? 'on' : 'off');
    } catch {
      // Storage refused: the choice lasts for this visit only.
    }
    this.choiceVersion.update((version) => version + 1);
  }
}
