import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { AlertSeverity, AlertView } from '@passerelle/contracts';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { AppIconComponent } from '../dashboard/app-icon.component';
import { opensInNewTab } from './alert-links';
import { AlertTime } from './alert-time';

export const SEVERITY_TEXT: Record<AlertSeverity, MessageKey> = {
  info: 'alerts.severity.info',
  warning: 'alerts.severity.warning',
  critical: 'alerts.severity.critical',
};

interface AlertLink {
  label: string | null;
  url: string;
  newTab: boolean;
}

/**
 * One alert: where it comes from, how serious (critical ones stand out by a label and an icon, not
 * colour alone), its title and sanitised body, when it came, its link and actions, and the buttons
 * to mark it read or unread and (on the full page) dismiss it. Following a link reports `opened`.
 */
@Component({
  selector: 'psl-alert-item',
  imports: [TranslatePipe, AppIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Links inside the body come from the server's HTML: their clicks (mouse or keyboard) bubble here.
  host: { '(click)': 'onBodyClick($event)' },
  styleUrl: './alert-item.component.css',
  template: `
    <article
      class="alert"
      [class.alert--unread]="!alert().read"
      [class.alert--compact]="compact()"
      [attr.data-severity]="alert().severity"
      [attr.data-alert-id]="alert().id"
      [attr.data-read]="alert().read"
      [attr.aria-labelledby]="titleId()"
      data-testid="alert"
    >
      <span class="alert__icon">
        @if (alert().appId; as appId) {
          <psl-app-icon [name]="alert().appName ?? ''" [iconUrl]="iconUrl()" [seed]="appId" />
        } @else {
          <svg class="alert__system-icon" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" />
            <path d="M8 21c3-7 13-7 16 0" />
            <circle cx="16" cy="11" r="3" />
          </svg>
        }
      </span>
      <div class="alert__main">
        <p class="alert__meta">
          <span class="alert__source">{{ alert().appName ?? ('alerts.source.system' | t) }}</span>
          @if (alert().severity !== 'info') {
            <span class="alert__severity" data-testid="alert-severity">
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M8 1.5 15 14H1z" />
                <path class="alert__severity-mark" d="M8 6v4M8 11.6v.4" />
              </svg>
              {{ severityText[alert().severity] | t }}
            </span>
          }
          <time class="alert__time" [attr.datetime]="alert().updatedAt" [attr.title]="time.absolute(alert().updatedAt)">{{ time.when(alert().updatedAt) }}</time>
        </p>
        <p class="alert__title" role="heading" [attr.aria-level]="headingLevel()" [id]="titleId()" data-testid="alert-title">
          @if (!alert().read) {
            <span class="alert__dot" aria-hidden="true"></span>
            <span class="visually-hidden">{{ 'alerts.unread' | t }}: </span>
          }
          {{ alert().title }}
        </p>
        @if (alert().bodyHtml) {
          <!-- Sanitised by the server (and by Angular again); a click on one of its links counts as opening it (see host). -->
          <div class="alert__body" [class.alert__body--clamped]="compact()" [innerHTML]="alert().bodyHtml" data-testid="alert-body"></div>
        }
        @if (!compact() && alert().expiresAt; as expiresAt) {
          <p class="alert__expires small muted">{{ 'alerts.expires' | t: { date: time.absolute(expiresAt) } }}</p>
        }
        <div class="alert__actions">
          @for (link of links(); track $index) {
            <a
              class="alert__button"
              [class.alert__button--primary]="$first"
              [href]="link.url"
              [attr.target]="link.newTab ? '_blank' : null"
              rel="noopener noreferrer"
              (click)="opened.emit()"
              (auxclick)="opened.emit()"
              data-testid="alert-link"
            >
              {{ link.label ?? ('alerts.open' | t) }}
              @if (link.newTab) {
                <svg class="alert__external" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M9 3h4v4M13 3 7 9M11 9v4H3V5h4" /></svg>
                <span class="visually-hidden">{{ 'alerts.newTab' | t }}</span>
              }
            </a>
          }
          <button type="button" class="alert__button" (click)="readChange.emit(!alert().read)" data-testid="alert-toggle-read">
            {{ (alert().read ? 'alerts.markUnread' : 'alerts.markRead') | t }}<span class="visually-hidden">: {{ alert().title }}</span>
          </button>
          @if (!compact()) {
            <button type="button" class="alert__button" (click)="dismiss.emit()" data-testid="alert-dismiss">
              {{ 'alerts.dismiss' | t }}<span class="visually-hidden">: {{ alert().title }}</span>
            </button>
          }
        </div>
      </div>
    </article>
  `,
})
export class AlertItemComponent {
  readonly alert = input.required<AlertView>();
  /** The app's icon, when known (the list knows the person's apps). */
  readonly iconUrl = input<string | null>(null);
  /** The panel's shorter form: body cut to three lines, no expiry, no dismiss. */
  readonly compact = input(false);
  readonly headingLevel = input<2 | 3>(2);
  /** Where the id comes from, so the panel's and the page's copies of an alert differ. */
  readonly idPrefix = input('alert');

  readonly readChange = output<boolean>();
  readonly dismiss = output<void>();
  /** The link, an action, or a link in the body was followed. */
  readonly opened = output<void>();

  protected readonly time = inject(AlertTime);
  protected readonly severityText = SEVERITY_TEXT;
  private readonly document = inject(DOCUMENT);
  private readonly view = this.document.defaultView;
  private readonly origin = this.document.location.origin;

  protected readonly titleId = computed(() => `${this.idPrefix()}-${this.alert().id}-title`);
  protected readonly links = computed<AlertLink[]>(() => {
    const alert = this.alert();
    const links: AlertLink[] = alert.link ? [{ label: null, url: alert.link, newTab: opensInNewTab(alert.link, this.origin) }] : [];
    for (const action of alert.actions) {
      links.push({ label: action.label, url: action.url, newTab: opensInNewTab(action.url, this.origin) });
    }
    return links;
  });

  /** Links in the body behave like the alert's own: another origin opens in a new tab, and it counts as read. */
  protected onBodyClick(event: MouseEvent): void {
    const link = (event.target as Element | null)?.closest<HTMLAnchorElement>('.alert__body a[href]');
    if (!link) {
      return;
    }
    this.opened.emit();
    const plainClick = event.button === 0 && !event.ctrlKey && !event.metaKey && !event.shiftKey && !event.altKey;
    if (plainClick && opensInNewTab(link.href, this.origin)) {
      event.preventDefault();
      this.view?.open(link.href, '_blank', 'noopener,noreferrer');
    }
  }
}
