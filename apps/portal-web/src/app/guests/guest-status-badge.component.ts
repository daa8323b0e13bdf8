import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { GuestView } from '@passerelle/contracts';
import { TranslatePipe } from '../core/i18n';
import { BADGE_TEXT, GuestTime } from './guest-time';

/** A guest's status as a badge: words first (never colour alone), coloured to scan a list fast. */
@Component({
  selector: 'psl-guest-status-badge',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: '../account/ui.css',
  styles: `
    .badge--warning {
      border-color: var(--color-warning);
      background: var(--color-surface);
      color: var(--color-warning);
    }
  `,
  template: `
    <span
      class="badge"
      [class.badge--info]="badge() === 'starting'"
      [class.badge--success]="badge() === 'active'"
      [class.badge--warning]="badge() === 'ending'"
      [attr.data-status]="badge()"
      data-testid="guest-status"
      >{{ text() | t }}</span
    >
  `,
})
export class GuestStatusBadgeComponent {
  readonly guest = input.required<Pick<GuestView, 'status' | 'endsAt'>>();
  private readonly time = inject(GuestTime);
  protected readonly badge = computed(() => this.time.badge(this.guest()));
  protected readonly text = computed(() => BADGE_TEXT[this.badge()]);
}
