import { ChangeDetectionStrategy, Component, PendingTasks, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { SetupNeededComponent } from './setup-needed.component';

type HomeView = 'checking' | 'setup-needed' | 'unreachable';

/** `/` decides where to go: the setup explanation while no administrator exists, else sign-in. */
@Component({
  selector: 'psl-home-page',
  imports: [TranslatePipe, SetupNeededComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
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
    }
  `,
})
export class HomePageComponent {
  private readonly instance = inject(InstanceService);
  private readonly router = inject(Router);
  private readonly pendingTasks = inject(PendingTasks);
  protected readonly view = signal<HomeView>('checking');

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
      } else {
        await this.router.navigateByUrl(WebRoutes.signIn, { replaceUrl: true });
      }
    } catch {
      this.view.set('unreachable');
    } finally {
      done();
    }
  }
}
