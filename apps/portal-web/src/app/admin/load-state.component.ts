import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { TranslatePipe } from '../core/i18n';
import type { Loadable } from '../account/loadable';

/**
 * What a console page shows until its data is there: a skeleton shaped like the page (a form or a
 * list) while loading, or the reason it failed with "Try again". Nothing once it is ready.
 */
@Component({
  selector: 'psl-load-state',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['../account/ui.css', './admin-page.css'],
  // No box of its own: once the page is ready it adds no gap to the page's layout.
  styles: `
    :host {
      display: contents;
    }
  `,
  template: `
    @switch (loadable().status()) {
      @case ('loading') {
        <div class="loading-block" aria-busy="true">
          @if (shape() === 'list') {
            <span class="skeleton skeleton--text"></span>
            <span class="skeleton skeleton--text"></span>
            <span class="skeleton skeleton--text skeleton--short"></span>
          } @else {
            <span class="skeleton skeleton--field"></span>
            <span class="skeleton skeleton--field"></span>
            <span class="skeleton skeleton--field"></span>
          }
          <span class="visually-hidden">{{ 'common.loading' | t }}</span>
        </div>
      }
      @case ('error') {
        <div class="notice notice--error" role="alert" [attr.data-testid]="testId()">
          <p>{{ loadable().error()! | t }}</p>
          <p><button type="button" class="button button--secondary button--small" (click)="retry.emit()">{{ 'common.retry' | t }}</button></p>
        </div>
      }
    }
  `,
})
export class LoadStateComponent {
  readonly loadable = input.required<Pick<Loadable<unknown>, 'status' | 'error'>>();
  readonly shape = input<'form' | 'list'>('form');
  /** data-testid of the error notice. */
  readonly testId = input.required<string>();
  readonly retry = output<void>();
}
