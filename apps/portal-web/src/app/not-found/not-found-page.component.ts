import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';

@Component({
  selector: 'psl-not-found-page',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card card--auth" aria-labelledby="not-found-title">
      <p class="eyebrow" aria-hidden="true">404</p>
      <h1 id="not-found-title" class="card__title">{{ 'notFound.title' | t }}</h1>
      <p>{{ 'notFound.body' | t }}</p>
      <a class="button button--primary" [routerLink]="homeRoute">{{ 'common.home' | t }}</a>
    </section>
  `,
})
export class NotFoundPageComponent {
  protected readonly homeRoute = WebRoutes.home;
}
