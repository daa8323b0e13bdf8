import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { PendingRequestsService } from './access-requests/pending-requests.service';

/**
 * `/admin`: a heading, the section tabs (Users, Groups, Apps, Access requests with the number
 * waiting, Guests, Announcements, Support, Audit log, Outbox) and the section below.
 */
@Component({
  selector: 'psl-admin-layout',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
      width: 100%;
      max-width: 72rem;
    }
    .admin-nav ul {
      display: flex;
      gap: var(--space-1);
      margin: 0;
      padding: 0 0 2px;
      list-style: none;
      overflow-x: auto;
      border-bottom: 1px solid var(--color-border);
    }
    .admin-nav a {
      display: block;
      padding: var(--space-2) var(--space-4);
      border-bottom: 3px solid transparent;
      color: var(--color-text-muted);
      font-weight: 600;
      text-decoration: none;
      white-space: nowrap;
    }
    .admin-nav a:hover {
      color: var(--color-text);
    }
    .admin-nav a.active {
      border-bottom-color: var(--color-primary);
      color: var(--color-primary);
    }
    /* Phones: every section in view (two rows) rather than some hidden off to the side. */
    @media (max-width: 600px) {
      .admin-nav ul {
        flex-wrap: wrap;
        overflow-x: visible;
      }
      .admin-nav a {
        padding: var(--space-2) var(--space-3);
      }
    }
    .admin-nav__count {
      display: inline-block;
      min-width: 1.5rem;
      margin-left: var(--space-2);
      padding: 0 var(--space-2);
      border-radius: var(--radius-pill);
      background: var(--color-danger);
      color: #fff;
      font-size: var(--font-size-sm);
      line-height: 1.5;
      text-align: center;
    }
  `,
  template: `
    <p class="eyebrow">{{ 'admin.eyebrow' | t }}</p>
    <nav class="admin-nav" [attr.aria-label]="'admin.navLabel' | t">
      <ul>
        @for (link of links; track link.path) {
          <li>
            <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page" [attr.data-testid]="'admin-nav-' + link.path"
              >{{ link.label | t }}
              @if (link.path === 'access-requests' && pending.count()) {
                <span class="admin-nav__count" data-testid="admin-nav-pending">{{ pending.count() }}</span>
                <span class="visually-hidden">{{ 'admin.nav.pendingCount' | t: { count: pending.count()! } }}</span>
              }
            </a>
          </li>
        }
      </ul>
    </nav>
    <router-outlet />
  `,
})
export class AdminLayoutComponent {
  protected readonly pending = inject(PendingRequestsService);
  protected readonly links: readonly { path: string; label: MessageKey }[] = [
    { path: 'users', label: 'admin.nav.users' },
    { path: 'groups', label: 'admin.nav.groups' },
    { path: 'apps', label: 'admin.nav.apps' },
    { path: 'access-requests', label: 'admin.nav.accessRequests' },
    { path: 'guests', label: 'admin.nav.guests' },
    { path: 'announcements', label: 'admin.nav.announcements' },
    { path: 'support', label: 'admin.nav.support' },
    { path: 'audit', label: 'admin.nav.audit' },
    { path: 'outbox', label: 'admin.nav.outbox' },
  ];

  constructor() {
    void this.pending.refresh();
  }
}
