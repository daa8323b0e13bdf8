import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../../core/i18n';
import { type LinkPage, type LinkProblem, deadLinkMessages, leadsToSignIn } from './setup-link';

/**
 * Explains in plain words why a one-time link no longer works (or that the page needs one). When signing in is the way forward it
 * offers that; otherwise it shows the projected content (how to get a fresh link).
 */
@Component({
  selector: 'psl-dead-link',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The card lays out as if it were the page's own child.
  styles: ':host { display: contents; }',
  template: `
    <section class="card card--auth" [attr.aria-labelledby]="page() + '-dead-title'" [attr.data-testid]="testId()">
      <h1 [id]="page() + '-dead-title'" class="card__title">{{ messages().title | t }}</h1>
      <p>{{ messages().body | t }}</p>
      @if (signIn()) {
        <a class="button button--primary" [routerLink]="signInRoute">{{ 'common.signIn' | t }}</a>
      } @else {
        <ng-content />
      }
    </section>
  `,
})
export class DeadLinkComponent {
  readonly page = input.required<LinkPage>();
  readonly reason = input.required<LinkProblem>();

  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly messages = computed(() => deadLinkMessages(this.page(), this.reason()));
  protected readonly testId = computed(() => `${this.page()}-${this.reason() === 'missing' ? 'missing' : 'dead-link'}`);
  protected readonly signIn = computed(() => leadsToSignIn(this.reason()));
}
