import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { FormFeedback } from '../shared/forms/form-feedback';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionFlow } from './interaction-flow';

/** Scopes that can be said in plain words; any other scope is listed as the app names it. */
const KNOWN_SCOPES: ReadonlyMap<string, MessageKey> = new Map<string, MessageKey>([
  ['openid', 'interaction.consent.scope.openid'],
  ['profile', 'interaction.consent.scope.profile'],
  ['email', 'interaction.consent.scope.email'],
  ['groups', 'interaction.consent.scope.groups'],
  ['offline_access', 'interaction.consent.scope.offline_access'],
]);

/** Step 'consent': what the app asks for, in plain words, and Allow / Deny. */
@Component({
  selector: 'psl-consent-step',
  imports: [TranslatePipe, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  styles: `
    .scopes {
      display: flex;
      flex-direction: column;
      gap: var(--space-2);
      padding-left: var(--space-5);
    }
    .scopes code {
      font-family: var(--font-mono);
      overflow-wrap: anywhere;
    }
    .button-row .button {
      flex: 1 1 8rem;
    }
  `,
  template: `
    <p>{{ 'interaction.consent.intro' | t: { app: appName() } }}</p>
    <ul class="scopes" data-testid="consent-scopes">
      @for (key of known(); track key) {
        <li>{{ key | t: { org: organisationName() } }}</li>
      }
    </ul>
    @if (unknown().length) {
      <p>{{ 'interaction.consent.other' | t }}</p>
      <ul class="scopes" data-testid="consent-other-scopes">
        @for (scope of unknown(); track scope) {
          <li><code>{{ scope }}</code></li>
        }
      </ul>
    }

    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" [retryAfter]="flow.retryAfter()" data-testid="interaction-error" />
      }
    </div>

    <div class="button-row">
      <button
        type="button"
        class="button button--primary"
        [disabled]="feedback.submitting()"
        (click)="answer(true)"
        data-testid="consent-allow"
      >
        @if (sending() === true) {
          <span class="spinner spinner--on-primary" aria-hidden="true"></span>
        }
        {{ 'interaction.consent.allow' | t }}
      </button>
      <button
        type="button"
        class="button button--secondary"
        [disabled]="feedback.submitting()"
        (click)="answer(false)"
        data-testid="consent-deny"
      >
        @if (sending() === false) {
          <span class="spinner" aria-hidden="true"></span>
        }
        {{ 'interaction.consent.deny' | t }}
      </button>
    </div>
    <p class="visually-hidden" role="status">
      @if (feedback.submitting()) {
        {{ 'interaction.consent.sending' | t }}
      }
    </p>
  `,
})
export class ConsentStepComponent {
  protected readonly flow = inject(InteractionFlow);
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly appName = computed(() => this.flow.state()?.client.name ?? '');
  protected readonly organisationName = computed(() => this.flow.state()?.organisationName ?? '');
  private readonly scopes = computed(() => [...new Set(this.flow.state()?.consent?.scopes ?? [])]);
  protected readonly known = computed(() => this.scopes().flatMap((scope) => KNOWN_SCOPES.get(scope) ?? []));
  protected readonly unknown = computed(() => this.scopes().filter((scope) => !KNOWN_SCOPES.has(scope)));
  /** Which answer is on its way, for the spinner. */
  protected readonly sending = signal<boolean | null>(null);

  // No fields: the feedback only tracks the request and shows its failure.
  protected readonly feedback = new FormFeedback<never>({
    form: new FormGroup({}),
    fields: [],
    idPrefix: 'interaction-consent',
    formElement: signal(undefined),
    banner: this.errorBanner,
  });

  protected async answer(approve: boolean): Promise<void> {
    this.sending.set(approve);
    try {
      await this.feedback.submit(() => this.flow.send((api, uid) => api.consent(uid, { approve })));
    } finally {
      this.sending.set(null);
    }
  }
}
