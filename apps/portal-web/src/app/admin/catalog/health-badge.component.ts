import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { AppHealth } from '@passerelle/contracts';
import { type MessageKey, TranslatePipe } from '../../core/i18n';

const LABEL: Record<AppHealth, MessageKey> = {
  up: 'admin.catalog.health.up',
  down: 'admin.catalog.health.down',
  unknown: 'admin.catalog.health.unknown',
};

/** A coloured dot with its meaning in words (never colour alone). */
@Component({
  selector: 'psl-health-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-health]': 'health()', 'data-testid': 'health' },
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--space-1);
    }
    .dot {
      width: 0.6rem;
      height: 0.6rem;
      border-radius: 50%;
      background: var(--color-text-muted);
    }
    :host([data-health='up']) .dot {
      background: var(--color-success);
    }
    :host([data-health='down']) .dot {
      background: var(--color-danger);
    }
    :host([data-health='down']) {
      color: var(--color-danger);
      font-weight: 600;
    }
  `,
  template: `<span class="dot" aria-hidden="true"></span>{{ label[health()] | t }}`,
})
export class HealthBadgeComponent {
  readonly health = input.required<AppHealth>();
  protected readonly label = LABEL;
}
