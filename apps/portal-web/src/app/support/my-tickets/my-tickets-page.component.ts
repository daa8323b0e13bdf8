import { ChangeDetectionStrategy, Component, CUSTOM_ELEMENTS_SCHEMA, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { I18nService, TranslatePipe } from '../../core/i18n';
import { SupportWidgetLoader } from './support-widget-loader.service';

/**
 * `/support` and `/support/tickets/:id`: the person's tickets, shown by the support widget itself in
 * inline mode (the same screens as on the dashboard and in other apps).
 */
@Component({
  selector: 'psl-my-tickets-page',
  imports: [TranslatePipe, RouterLink],
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .my-tickets { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
    .my-tickets__head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem 1rem; margin-bottom: 1rem; }
    .my-tickets__head h1 { margin: 0; }
    .my-tickets__intro { margin: 0 0 1rem; }
    /* Reserve the widget's height before its script arrives: no jump. */
    passerelle-support { display: block; min-height: 26rem; }
  `,
  template: `
    <div class="my-tickets" data-testid="my-tickets-page">
      <div class="my-tickets__head">
        <h1>{{ 'support.myTickets.title' | t }}</h1>
        <a routerLink="/">{{ 'support.myTickets.back' | t }}</a>
      </div>
      <p class="my-tickets__intro">{{ 'support.myTickets.intro' | t }}</p>
      <passerelle-support mode="inline" [attr.view]="id() ? null : 'tickets'" [attr.ticket]="id() ?? null" [attr.lang]="i18n.locale()" />
    </div>
  `,
})
export class MyTicketsPageComponent {
  /** Route parameter `:id` (component input binding), absent on `/support`. */
  readonly id = input<string | undefined>(undefined);
  protected readonly i18n = inject(I18nService);

  constructor() {
    inject(SupportWidgetLoader).load();
  }
}
