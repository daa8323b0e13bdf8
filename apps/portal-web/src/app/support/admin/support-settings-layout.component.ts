import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import { useSupportMessages } from '../support-messages';

/** `/admin/support`: the heading, the settings' sub-sections (categories, SLA, canned replies, webhooks) and the one shown. */
@Component({
  selector: 'psl-support-settings-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../../admin/admin-page.css', '../support.css'],
  styles: `
    .sub-nav ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .sub-nav a {
      display: inline-flex;
      align-items: center;
      min-height: 2.5rem;
      padding: 0 var(--space-3);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-pill);
      color: var(--color-text);
      font-weight: 600;
      text-decoration: none;
    }
    .sub-nav a.active {
      border-color: var(--color-primary);
      background: var(--color-primary-soft);
      color: var(--color-primary);
    }
  `,
  template: `
    <div class="admin-page">
      <div class="admin-page__head">
        <h1 class="card__title">{{ 'support.settings.title' | t }}</h1>
        <a routerLink="/support/queue" class="button button--secondary button--small" data-testid="support-settings-queue">{{ 'support.settings.openQueue' | t }}</a>
      </div>
      <p class="muted">{{ 'support.settings.intro' | t }}</p>
      <nav class="sub-nav" [attr.aria-label]="'support.settings.navLabel' | t">
        <ul>
          @for (link of links; track link.path) {
            <li>
              <a [routerLink]="link.path" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page" [attr.data-testid]="'support-settings-nav-' + link.id">{{ link.label | t }}</a>
            </li>
          }
        </ul>
      </nav>
      <router-outlet />
    </div>
  `,
})
export class SupportSettingsLayoutComponent {
  protected readonly links: readonly { id: string; path: string; label: MessageKey }[] = [
    { id: 'categories', path: '.', label: 'support.categories.title' },
    { id: 'sla', path: 'sla', label: 'support.sla.title' },
    { id: 'canned', path: 'canned', label: 'support.canned.title' },
    { id: 'webhooks', path: 'webhooks', label: 'support.webhooks.title' },
  ];

  constructor() {
    useSupportMessages();
  }
}
