import { ChangeDetectionStrategy, Component, PendingTasks, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { SessionPaths } from '../core/session/return-to';
import { SessionService } from '../core/session/session.service';
import { SetupNeededComponent } from './setup-needed.component';

type HomeView = 'checking' | 'setup-needed' | 'unreachable' | 'signed-in' | 'signed-out';

/**
 * `/`: the setup explanation while no administrator exists; otherwise a greeting for the signed-in
 * person (the dashboard comes later) or the organisation's name and a way to sign in.
 */
@Component({
  selector: 'psl-home-page',
  imports: [RouterLink, TranslatePipe, SetupNeededComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .home {
      display: flex;
      flex-direction: column;
      gap: var(--space-5);
      width: 100%;
      max-width: 40rem;
    }
    .home__greeting {
      font-size: 1.75rem;
      line-height: 1.2;
      font-weight: 700;
      overflow-wrap: anywhere;
    }
    .placeholder {
      border-style: dashed;
      box-shadow: none;
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-3);
    }
    .card--guest {
      text-align: center;
    }
    .card--guest .button {
      margin-top: var(--space-5);
    }
    @media (max-width: 480px) {
      .home__greeting {
        font-size: 1.4rem;
      }
      .links .button {
        flex: 1 1 100%;
      }
    }
  `,
  template: `
    @switch (view()) {
      @case ('checking') {
        <div class="card card--auth skeleton-card" aria-busy="true">
          <p class="progress-line" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {{ 'home.checking' | t }}
          </p>
          <div class="skeleton skeleton--title" aria-hidden="true"></div>
          <div class="skeleton skeleton--text" aria-hidden="true"></div>
          <div class="skeleton skeleton--text skeleton--short" aria-hidden="true"></div>
        </div>
      }
      @case ('setup-needed') {
        <psl-setup-needed />
      }
      @case ('unreachable') {
        <section class="card card--auth" aria-labelledby="home-unreachable-title">
          <h1 id="home-unreachable-title" class="card__title">{{ 'home.unreachable.title' | t }}</h1>
          <p>{{ 'home.unreachable.body' | t }}</p>
          <button type="button" class="button button--primary" (click)="decide()">{{ 'common.retry' | t }}</button>
        </section>
      }
      @case ('signed-in') {
        @if (user(); as person) {
          <div class="home" data-testid="home-signed-in">
            <div>
              <h1 class="home__greeting">{{ 'homeUser.greeting' | t: { name: person.givenName || person.name } }}</h1>
              <p class="muted">{{ 'homeUser.intro' | t: { org: organisationName() } }}</p>
            </div>
            <section class="card placeholder" aria-labelledby="home-apps-title">
              <h2 id="home-apps-title" class="card__subtitle">{{ 'homeUser.apps.title' | t }}</h2>
              <p>{{ 'homeUser.apps.body' | t }}</p>
              <div class="links">
                <a class="button button--secondary" [routerLink]="paths.account" data-testid="home-account">{{ 'homeUser.account' | t }}</a>
                @if (person.isAdmin) {
                  <a class="button button--secondary" [routerLink]="paths.admin" data-testid="home-admin">{{ 'homeUser.admin' | t }}</a>
                }
              </div>
            </section>
          </div>
        }
      }
      @case ('signed-out') {
        <section class="card card--auth card--guest" aria-labelledby="home-guest-title" data-testid="home-signed-out">
          <h1 id="home-guest-title" class="card__title">{{ organisationName() }}</h1>
          <p class="card__intro">{{ 'homeGuest.intro' | t }}</p>
          <a class="button button--primary button--block" [routerLink]="signInRoute" data-testid="home-sign-in">{{ 'userMenu.signIn' | t }}</a>
        </section>
      }
    }
  `,
})
export class HomePageComponent {
  private readonly instance = inject(InstanceService);
  private readonly session = inject(SessionService);
  private readonly pendingTasks = inject(PendingTasks);

  protected readonly view = signal<HomeView>('checking');
  protected readonly user = this.session.currentUser;
  protected readonly organisationName = this.instance.organisationName;
  protected readonly paths = SessionPaths;
  protected readonly signInRoute = WebRoutes.signIn;

  constructor() {
    void this.decide();
  }

  protected async decide(): Promise<void> {
    this.view.set('checking');
    // Keeps the app "unstable" until the decision is shown (tests and e2e wait for it).
    const done = this.pendingTasks.add();
    try {
      const info = await this.instance.load();
      if (info.setupRequired) {
        this.view.set('setup-needed');
        return;
      }
      const user = await this.session.load();
      this.view.set(user ? 'signed-in' : 'signed-out');
    } catch {
      this.view.set('unreachable');
    } finally {
      done();
    }
  }
}
