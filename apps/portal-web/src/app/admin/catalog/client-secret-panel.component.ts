import { ChangeDetectionStrategy, Component, ElementRef, afterNextRender, input, output, viewChild } from '@angular/core';
import type { CreatedAppClient } from '@passerelle/contracts';
import { TranslatePipe } from '../../core/i18n';
import { CopyButtonComponent } from '../../account/copy-button.component';

/** A sign-in client just created with an app: its id and secret, shown this once, with copy buttons. */
@Component({
  selector: 'psl-client-secret-panel',
  imports: [TranslatePipe, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../../account/ui.css',
  styles: `
    :host {
      display: block;
    }
    section {
      border-color: var(--color-success-border);
    }
    dl {
      display: flex;
      flex-direction: column;
      gap: var(--space-2);
      margin: 0;
    }
    dt {
      color: var(--color-text-muted);
      font-weight: 600;
      font-size: var(--font-size-sm);
    }
    dd {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2);
      margin: 0;
    }
    code {
      padding: var(--space-1) var(--space-2);
      border-radius: var(--radius-sm);
      background: var(--color-surface-muted);
    }
  `,
  template: `
    <section class="card" aria-labelledby="client-secret-title" data-testid="client-secret-panel">
      <h2 id="client-secret-title" class="section-title" tabindex="-1" #heading>{{ 'admin.appEditor.secretTitle' | t: { name: client().name } }}</h2>
      <dl>
        <div>
          <dt>{{ 'admin.apps.clientId' | t }}</dt>
          <dd>
            <code class="mono" data-testid="client-secret-client-id">{{ client().clientId }}</code>
            <psl-copy-button [value]="client().clientId" accessibleLabel="admin.apps.copyClientId" />
          </dd>
        </div>
        @if (client().clientSecret; as secret) {
          <div>
            <dt>{{ 'admin.apps.clientSecret' | t }}</dt>
            <dd>
              <code class="mono" data-testid="client-secret-value">{{ secret }}</code>
              <psl-copy-button [value]="secret" accessibleLabel="admin.apps.copySecret" />
            </dd>
          </div>
        }
      </dl>
      @if (client().clientSecret) {
        <p class="notice notice--warning">{{ 'admin.apps.secretWarning' | t }}</p>
      } @else {
        <p class="notice notice--info">{{ 'admin.apps.noSecret' | t }}</p>
      }
      <button type="button" class="button button--primary" data-testid="client-secret-done" (click)="done.emit()">{{ 'admin.apps.secretDone' | t }}</button>
    </section>
  `,
})
export class ClientSecretPanelComponent {
  readonly client = input.required<CreatedAppClient>();
  readonly done = output<void>();
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');

  constructor() {
    afterNextRender({ read: () => this.heading()?.nativeElement.focus() });
  }
}
