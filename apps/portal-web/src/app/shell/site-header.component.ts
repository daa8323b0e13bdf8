import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { LanguageSwitcherComponent } from './language-switcher.component';

@Component({
  selector: 'psl-site-header',
  imports: [RouterLink, TranslatePipe, LanguageSwitcherComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="site-header">
      <div class="site-header__inner">
        <a class="brand" [routerLink]="homeRoute" [attr.aria-label]="'shell.homeLink' | t: { org: organisationName() }">
          <svg class="brand__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="8" />
            <path d="M8 21c3-7 13-7 16 0" />
            <circle cx="16" cy="11" r="3" />
          </svg>
          @if (loading()) {
            <span class="skeleton skeleton--text brand__skeleton">
              <span class="visually-hidden">{{ 'shell.loadingOrganisation' | t }}</span>
            </span>
          } @else {
            <span class="brand__name">{{ organisationName() }}</span>
          }
        </a>
        <psl-language-switcher />
      </div>
    </header>
  `,
})
export class SiteHeaderComponent {
  private readonly instance = inject(InstanceService);
  protected readonly homeRoute = WebRoutes.home;
  protected readonly organisationName = this.instance.organisationName;
  protected readonly loading = computed(() => !this.instance.info() && this.instance.status() !== 'error');
}
