import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { filter, map } from 'rxjs';
import { AlertBellComponent } from '../alerts/alert-bell.component';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { SessionService } from '../core/session/session.service';
import { LanguageSwitcherComponent } from './language-switcher.component';
import { UserMenuComponent } from './user-menu.component';

/** Pages that are themselves part of signing in: no "Sign in" link in the header there. */
const SIGN_IN_PAGES = ['/sign-in', '/interaction/'];

@Component({
  selector: 'psl-site-header',
  imports: [RouterLink, TranslatePipe, LanguageSwitcherComponent, UserMenuComponent, AlertBellComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .site-header__end {
      display: flex;
      flex: none;
      align-items: center;
      gap: var(--space-2);
    }
    /* Reserves the avatar's place while the session loads, so nothing shifts when it arrives. */
    .site-header__session {
      display: inline-flex;
      gap: var(--space-2);
      justify-content: flex-end;
      min-width: 2.75rem;
      min-height: 2.75rem;
      align-items: center;
    }
    .site-header__session:empty {
      min-width: 0;
    }
    .session-skeleton {
      width: 2.75rem;
      height: 2.75rem;
      border-radius: 50%;
    }
    .sign-in-link {
      min-height: 2.5rem;
      padding: var(--space-1) var(--space-4);
      font-size: var(--font-size-sm);
      white-space: nowrap;
    }
    @media (max-width: 400px) {
      .site-header__end,
      .site-header__session {
        gap: var(--space-1);
      }
      .sign-in-link {
        padding: var(--space-1) var(--space-3);
      }
    }
  `,
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
        <div class="site-header__end">
          <psl-language-switcher />
          <div class="site-header__session">
            @if (user(); as person) {
              <psl-alert-bell />
              <psl-user-menu [user]="person" />
            } @else if (sessionLoading()) {
              <span class="skeleton session-skeleton" aria-hidden="true"></span>
              <span class="skeleton session-skeleton" aria-hidden="true"></span>
            } @else if (showSignIn()) {
              <a
                class="button button--secondary sign-in-link"
                [routerLink]="signInRoute"
                [queryParams]="{ returnTo: currentUrl() }"
                data-testid="header-sign-in"
              >
                {{ 'userMenu.signIn' | t }}
              </a>
            }
          </div>
        </div>
      </div>
    </header>
  `,
})
export class SiteHeaderComponent {
  private readonly instance = inject(InstanceService);
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);

  protected readonly homeRoute = WebRoutes.home;
  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly organisationName = this.instance.organisationName;
  protected readonly loading = computed(() => !this.instance.info() && this.instance.status() !== 'error');
  protected readonly user = this.session.currentUser;
  protected readonly sessionLoading = computed(() => {
    const status = this.session.status();
    return status === 'idle' || status === 'loading';
  });

  protected readonly currentUrl = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map((event) => event.urlAfterRedirects),
    ),
    { initialValue: this.router.url },
  );

  /** "Sign in" once the portal is set up, nobody is signed in, and this page is not a sign-in step. */
  protected readonly showSignIn = computed(
    () =>
      this.instance.info()?.setupRequired === false &&
      this.session.status() === 'ready' &&
      !SIGN_IN_PAGES.some((page) => this.currentUrl().startsWith(page)),
  );

  constructor() {
    this.session.load().catch(() => undefined);
  }
}
