import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, computed, input, viewChild } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import type { LinkPage } from './setup-link';

/** Success card once a one-time link did its job: a check mark, what happened, and the way to sign in. Takes focus. */
@Component({
  selector: 'psl-link-done',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card card--auth card--success" [attr.aria-labelledby]="page() + '-done-title'" [attr.data-testid]="page() + '-success'">
      <div class="success-mark" aria-hidden="true">
        <svg viewBox="0 0 24 24" focusable="false"><path d="M5 12.5l4.5 4.5L19 7.5" /></svg>
      </div>
      <h1 [id]="page() + '-done-title'" class="card__title" tabindex="-1" #heading>{{ title() | t }}</h1>
      <p>{{ body() | t: { name: account().name, org: organisationName(), email: account().email } }}</p>
      <a class="button button--primary button--block" [routerLink]="signInRoute">{{ 'common.signIn' | t }}</a>
    </section>
  `,
  styles: `
    :host {
      display: contents;
    }
    .success-mark {
      display: grid;
      place-items: center;
      width: 3rem;
      height: 3rem;
      margin-bottom: var(--space-4);
      border-radius: 50%;
      background: var(--color-success-bg);
    }
    svg {
      width: 1.75rem;
      height: 1.75rem;
      fill: none;
      stroke: var(--color-success);
      stroke-width: 2.5;
      stroke-linecap: round;
      stroke-linejoin: round;
    }
  `,
})
export class LinkDoneComponent {
  readonly page = input.required<LinkPage>();
  readonly account = input.required<{ name: string; email: string }>();
  readonly organisationName = input.required<string>();

  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly title = computed((): MessageKey => `${this.page()}.success.title`);
  protected readonly body = computed((): MessageKey => `${this.page()}.success.body`);
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    // The form the person just sent is gone: move focus to the news so screen readers announce it.
    afterNextRender({ read: () => this.heading()?.nativeElement.focus() });
  }
}
