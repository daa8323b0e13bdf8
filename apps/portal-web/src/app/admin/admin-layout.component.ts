import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { type MessageKey, TranslatePipe } from '../core/i18n';

/** `/admin`: a heading, the section tabs (Users, Apps, Audit log, Outbox) and the section below. */
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
  `,
  template: `
    <p class="eyebrow">{{ 'admin.eyebrow' | t }}</p>
    <nav class="admin-nav" [attr.aria-label]="'admin.navLabel' | t">
      <ul>
        @for (link of links; track link.path) {
          <li>
            <a [routerLink]="link.path" routerLinkActive="active" ariaCurrentWhenActive="page">{{ link.label | t }}</a>
          </li>
        }
      </ul>
    </nav>
    <router-outlet />
  `,
})
export class AdminLayoutComponent {
  protected readonly links: readonly { path: string; label: MessageKey }[] = [
    { path: 'users', label: 'admin.nav.users' },
    { path: 'apps', label: 'admin.nav.apps' },
    { path: 'audit', label: 'admin.nav.audit' },
    { path: 'outbox', label: 'admin.nav.outbox' },
  ];
}
