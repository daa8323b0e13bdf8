import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslatePipe } from '../../core/i18n';

/** Under "Apps": the catalog (tiles) and the sign-in clients (OpenID Connect) they may use. */
@Component({
  selector: 'psl-apps-tabs',
  imports: [RouterLink, RouterLinkActive, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    ul {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin: 0;
      padding: 0;
      list-style: none;
    }
    a {
      display: inline-flex;
      align-items: center;
      min-height: 2.25rem;
      padding: var(--space-1) var(--space-3);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-pill);
      background: var(--color-surface);
      color: var(--color-text-muted);
      font-size: var(--font-size-sm);
      font-weight: 600;
      text-decoration: none;
    }
    a:hover {
      color: var(--color-text);
    }
    a.active {
      border-color: var(--color-primary);
      background: var(--color-primary-soft);
      color: var(--color-primary);
    }
  `,
  template: `
    <nav [attr.aria-label]="'admin.catalog.tabsLabel' | t">
      <ul>
        <li>
          <a routerLink="/admin/apps" routerLinkActive="active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page" data-testid="apps-tab-catalog">{{
            'admin.catalog.tabCatalog' | t
          }}</a>
        </li>
        <li>
          <a routerLink="/admin/apps/clients" routerLinkActive="active" ariaCurrentWhenActive="page" data-testid="apps-tab-clients">{{
            'admin.catalog.tabClients' | t
          }}</a>
        </li>
      </ul>
    </nav>
  `,
})
export class AppsTabsComponent {}
