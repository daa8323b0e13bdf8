import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { RequestableApp } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { AppIconComponent } from './app-icon.component';

/**
 * Apps the person cannot open yet but may ask for: greyed tiles (not links) with a "Request access"
 * button, or where their request stands ("Request sent", "Refused: <note>" with a way to ask again).
 */
@Component({
  selector: 'psl-requestable-apps',
  imports: [TranslatePipe, AppIconComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./tiles.css', './requestable-apps.component.css'],
  template: `
    <ul class="tiles">
      @for (app of apps(); track app.id) {
        <li class="tiles__item">
          <div class="request-tile" [attr.data-app-id]="app.id" data-testid="requestable">
            <psl-app-icon class="request-tile__icon" [name]="app.name" [iconUrl]="app.iconUrl" [seed]="app.id" />
            <span class="request-tile__name">{{ app.name }}</span>
            @if (app.description) {
              <span class="request-tile__description" [title]="app.description">{{ app.description }}</span>
            }
            @switch (app.request?.status) {
              @case ('pending') {
                <p class="request-tile__status request-tile__status--sent" data-testid="requestable-status">
                  <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d="M3 8.5 6.5 12 13 4.5" /></svg>
                  {{ 'dashboard.requestable.pending' | t }}
                </p>
              }
              @case ('refused') {
                <p class="request-tile__status request-tile__status--refused" data-testid="requestable-status">
                  @if (app.request?.note; as note) {
                    {{ 'dashboard.requestable.refusedNote' | t: { note } }}
                  } @else {
                    {{ 'dashboard.requestable.refused' | t }}
                  }
                </p>
                <button
                  type="button"
                  class="button button--secondary request-tile__button"
                  [attr.aria-label]="'dashboard.requestable.againFor' | t: { name: app.name }"
                  (click)="request.emit(app)"
                  data-testid="requestable-button"
                >
                  {{ 'dashboard.requestable.again' | t }}
                </button>
              }
              @default {
                <button
                  type="button"
                  class="button button--secondary request-tile__button"
                  [attr.aria-label]="'dashboard.requestable.buttonFor' | t: { name: app.name }"
                  (click)="request.emit(app)"
                  data-testid="requestable-button"
                >
                  {{ 'dashboard.requestable.button' | t }}
                </button>
              }
            }
          </div>
        </li>
      }
    </ul>
  `,
})
export class RequestableAppsComponent {
  readonly apps = input.required<readonly RequestableApp[]>();
  readonly request = output<RequestableApp>();
}
