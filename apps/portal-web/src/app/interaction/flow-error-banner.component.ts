import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { I18nService, type MessageKey, type MessageParams, TranslatePipe } from '../core/i18n';
import type { FormBanner } from '../shared/forms/form-feedback';
import { refusalMessage } from './guest-refusal';

/** "You can try again in …" for a wait of `seconds`, rounded up to whole minutes past one minute. */
export function waitMessage(seconds: number | null): { key: MessageKey; params?: MessageParams } {
  if (!seconds || seconds < 2) {
    return { key: 'interaction.retryIn.moment' };
  }
  if (seconds < 60) {
    return { key: 'interaction.retryIn.seconds', params: { count: seconds } };
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? { key: 'interaction.retryIn.minute' } : { key: 'interaction.retryIn.minutes', params: { count: minutes } };
}

/**
 * Above a sign-in form: why the submit failed (for a guest outside their access: the date and whom
 * to ask), and for too many attempts how long to wait (from the Retry-After header). Announced
 * (role=alert) and focusable, like <psl-form-error-banner>.
 */
@Component({
  selector: 'psl-flow-error-banner',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'notice notice--error', role: 'alert', tabindex: '-1' },
  // A stylesheet, not a host style="" attribute: the CSP (style-src with a nonce) refuses inline style
  // attributes, which left the banner inline and its box split around the text.
  styles: ':host { display: block; }',
  template: `
    <p>{{ text().key | t: text().params }}</p>
    @if (wait(); as message) {
      <p data-testid="retry-after">{{ message.key | t: message.params }}</p>
    }
  `,
})
export class FlowErrorBannerComponent {
  readonly banner = input.required<FormBanner>();
  readonly retryAfter = input<number | null>(null);

  private readonly i18n = inject(I18nService);
  /** The message, with its dates in the UI language (a guest's access window). */
  protected readonly text = computed(() => refusalMessage(this.banner(), this.i18n.locale()));

  protected readonly wait = computed(() => {
    const code = this.banner().code;
    if (code === 'too_many_attempts' || (code === 'rate_limited' && this.retryAfter())) {
      return waitMessage(this.retryAfter());
    }
    return null;
  });
}
