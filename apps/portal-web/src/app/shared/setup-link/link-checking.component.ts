import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../../core/i18n';

/** Placeholder card while a one-time link is being checked. */
@Component({
  selector: 'psl-link-checking',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // The card lays out as if it were the page's own child.
  styles: ':host { display: contents; }',
  template: `
    <div class="card card--auth skeleton-card" aria-busy="true">
      <p class="progress-line" role="status">
        <span class="spinner" aria-hidden="true"></span>
        {{ label() | t }}
      </p>
      <div class="skeleton skeleton--title" aria-hidden="true"></div>
      <div class="skeleton skeleton--text" aria-hidden="true"></div>
      <div class="skeleton skeleton--field" aria-hidden="true"></div>
      <div class="skeleton skeleton--field" aria-hidden="true"></div>
    </div>
  `,
})
export class LinkCheckingComponent {
  readonly label = input.required<MessageKey>();
}
