import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { CatalogApp } from '@passerelle/contracts';
import { TranslatePipe } from '../../core/i18n';
import { AppIconComponent } from './app-icon.component';
import { HealthBadgeComponent } from './health-badge.component';

/**
 * One app in the console's catalog list: icon, name (opens the editor), who sees it, how it signs
 * people in, health and whether it can be requested; the move buttons for keyboard ordering.
 */
@Component({
  selector: 'psl-catalog-app-row',
  imports: [RouterLink, TranslatePipe, AppIconComponent, HealthBadgeComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./move-button.css', './catalog-app-row.component.css'],
  template: `
    <psl-app-icon [name]="app().name" [src]="app().iconUrl" />
    <div class="row__body">
      <a class="row__name" [routerLink]="['/admin/apps', app().id]" [attr.data-focus]="app().id + ':edit'" data-testid="catalog-app-link">{{ app().name }}</a>
      <p class="row__meta">
        <span data-testid="catalog-app-visibility">{{ visibility() }}</span>
        <span class="row__sep" aria-hidden="true">·</span>
        @if (app().clientId) {
          <span data-testid="catalog-app-sso">{{ 'admin.catalog.ssoWith' | t: { client: app().clientName ?? app().clientId! } }}</span>
        } @else {
          <span data-testid="catalog-app-sso">{{ 'admin.catalog.plainLink' | t }}</span>
        }
        @if (app().health) {
          <span class="row__sep" aria-hidden="true">·</span>
          <psl-health-badge [health]="app().health!" />
        }
        @if (app().requestable) {
          <span class="row__sep" aria-hidden="true">·</span>
          <span class="row__requestable" data-testid="catalog-app-requestable">{{ 'admin.catalog.requestable' | t }}</span>
        }
      </p>
    </div>
    <div class="row__moves">
      <button
        type="button"
        class="move"
        data-testid="catalog-app-up"
        [attr.data-focus]="app().id + ':up'"
        [disabled]="!canUp()"
        [attr.aria-label]="'admin.catalog.moveAppUp' | t: { name: app().name }"
        [attr.title]="'admin.catalog.moveAppUp' | t: { name: app().name }"
        (click)="moved.emit(-1)"
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        class="move"
        data-testid="catalog-app-down"
        [attr.data-focus]="app().id + ':down'"
        [disabled]="!canDown()"
        [attr.aria-label]="'admin.catalog.moveAppDown' | t: { name: app().name }"
        [attr.title]="'admin.catalog.moveAppDown' | t: { name: app().name }"
        (click)="moved.emit(1)"
      >
        <span aria-hidden="true">↓</span>
      </button>
    </div>
  `,
})
export class CatalogAppRowComponent {
  readonly app = input.required<CatalogApp>();
  /** "Everyone", "Finance, Direction", "Only people given access"… */
  readonly visibility = input.required<string>();
  readonly canUp = input(true);
  readonly canDown = input(true);
  readonly moved = output<-1 | 1>();
}
