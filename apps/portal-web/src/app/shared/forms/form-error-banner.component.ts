import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { WebRoutes } from '@passerelle/contracts';
import { type MessageKey, TranslatePipe } from '../../core/i18n';
import { leadsToSignIn } from '../setup-link/setup-link';
import type { FormBanner } from './form-feedback';

/** Above a form: why the submit failed, with the way to sign in when that is what to do. Focusable (tabindex -1). */
@Component({
  selector: 'psl-form-error-banner',
  imports: [RouterLink, TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'notice notice--error', role: 'alert', tabindex: '-1' },
  // A stylesheet, not a host style="" attribute: the CSP (style-src with a nonce) refuses inline style
  // attributes, which left the banner inline and its box split around the text.
  styles: ':host { display: block; }',
  template: `
    @if (title(); as heading) {
      <p class="notice__title">{{ heading | t }}</p>
    }
    <p>{{ banner().key | t }}</p>
    @if (signIn()) {
      <p><a [routerLink]="signInRoute">{{ 'common.signIn' | t }}</a></p>
    }
  `,
})
export class FormErrorBannerComponent {
  readonly banner = input.required<FormBanner>();
  readonly title = input<MessageKey | null>(null);

  protected readonly signInRoute = WebRoutes.signIn;
  protected readonly signIn = computed(() => leadsToSignIn(this.banner().code));
}
