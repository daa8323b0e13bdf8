import { ChangeDetectionStrategy, Component, PendingTasks, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { SessionService } from '../core/session/session.service';
import { DashboardComponent } from '../dashboard/dashboard.component';
import { SetupNeededComponent } from './setup-needed.component';

type HomeView = 'checking' | 'setup-needed' | 'unreachable' | 'signed-in' | 'signed-out';

/**
 * `/`: the setup explanation while no administrator exists; otherwise the signed-in person's
 * dashboard, or the organisation's name and a way to sign in.
 */
@Component({
  selector: 'psl-home-page',
  imports: [RouterLink, TranslatePipe, SetupNeededComponent, DashboardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: contents;
    }
    .card--guest {
      text-align: center;
    }
    .card--guest .button {
      margin-top: var(--space-5);
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
          <psl-dashboard [user]="person" (signedOut)="onSignedOut()" />
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
  protected readonly signInRoute = WebRoutes.signIn;

  constructor() {
    void this.decide();
  }

  /** The dashboard found the session over (signed out in another tab): show the signed-out view. */
  protected async onSignedOut(): Promise<void> {
    const done = this.pendingTasks.add();
    try {
      const user = await this.session.load({ refresh: true }).catch(() => null);
      if (!user) {
        this.view.set('signed-out');
      }
    } finally {
      done();
    }
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
