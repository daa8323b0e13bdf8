import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ActivatedRoute } from '@angular/router';
import { TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { signInUrl } from '../core/session/return-to';

/**
 * `/sign-in?returnTo=/path`: starts the portal's own sign-in. The API (GET /api/auth/sign-in) sends
 * the browser to the provider, whose interaction page asks for the password and second factor, then
 * back to `returnTo` — a path on this site only; anything else becomes '/'.
 */
@Component({
  selector: 'psl-sign-in-page',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card card--auth skeleton-card" aria-labelledby="sign-in-title" aria-busy="true">
      <h1 id="sign-in-title" class="card__title">{{ 'signInRedirect.title' | t }}</h1>
      <p class="progress-line" role="status">
        <span class="spinner" aria-hidden="true"></span>
        {{ 'signInRedirect.body' | t }}
      </p>
      <p><a [href]="target" data-testid="sign-in-fallback">{{ 'signInRedirect.fallback' | t }}</a></p>
    </section>
  `,
})
export class SignInPageComponent {
  protected readonly target = signInUrl(inject(ActivatedRoute).snapshot.queryParamMap.get('returnTo') ?? '/');

  constructor() {
    inject(BrowserService).assign(this.target);
  }
}
