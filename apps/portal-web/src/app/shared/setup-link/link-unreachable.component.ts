import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import type { LinkPage } from './setup-link';

/** Shown when a one-time link could not be checked (server down, network): says so and offers a retry. */
@Component({
  selector: 'psl-link-unreachable',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The card lays out as if it were the page's own child.
  styles: ':host { display: contents; }',
  template: `
    <section class="card card--auth" [attr.aria-labelledby]="page() + '-unreachable-title'">
      <h1 [id]="page() + '-unreachable-title'" class="card__title">{{ title() | t }}</h1>
      <p>{{ body() | t }}</p>
      <button type="button" class="button button--primary" (click)="retry.emit()">{{ 'common.retry' | t }}</button>
    </section>
  `,
})
export class LinkUnreachableComponent {
  readonly page = input.required<LinkPage>();
  readonly body = input.required<MessageKey>();
  readonly retry = output();

  protected readonly title = computed((): MessageKey => `${this.page()}.unreachable.title`);
}
