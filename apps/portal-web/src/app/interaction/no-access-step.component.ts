import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { FormGroup } from '@angular/forms';
import { firstValueFrom } from 'rxjs';
import { TranslatePipe } from '../core/i18n';
import { FormFeedback } from '../shared/forms/form-feedback';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionApiService } from './interaction-api.service';
import { InteractionFlow } from './interaction-flow';

/**
 * Step 'no-access': the person is signed in, but this app isn't one they may use. Says so plainly,
 * offers "Request access" when IT accepts requests for it, and the way back to the dashboard.
 * Nothing on this page lets the sign-in go on to the app.
 */
@Component({
  selector: 'psl-no-access-step',
  imports: [TranslatePipe, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  styles: `
    .button-row .button {
      flex: 1 1 12rem;
      text-align: center;
      text-decoration: none;
    }
  `,
  template: `
    <p data-testid="no-access-body">{{ 'interaction.noAccess.body' | t: { app: appName(), email: email() } }}</p>

    @if (requested()) {
      <div class="notice notice--success" role="status" data-testid="no-access-requested">
        <p>{{ (justSent() ? 'interaction.noAccess.sent' : 'interaction.noAccess.pending') | t }}</p>
      </div>
    } @else if (requestable()) {
      <p>{{ 'interaction.noAccess.canRequest' | t }}</p>
    } @else {
      <p>{{ 'interaction.noAccess.askIt' | t }}</p>
    }

    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" data-testid="interaction-error" />
      }
    </div>

    <div class="button-row">
      @if (requestable() && !requested()) {
        <button
          type="button"
          class="button button--primary"
          [disabled]="feedback.submitting()"
          (click)="request()"
          data-testid="no-access-request"
        >
          @if (feedback.submitting()) {
            <span class="spinner spinner--on-primary" aria-hidden="true"></span>
          }
          {{ 'interaction.noAccess.request' | t }}
        </button>
      }
      <a
        href="/"
        class="button"
        [class.button--primary]="!requestable() || requested()"
        [class.button--secondary]="requestable() && !requested()"
        data-testid="no-access-dashboard"
      >
        {{ 'interaction.noAccess.dashboard' | t }}
      </a>
    </div>
    <p class="visually-hidden" role="status">
      @if (feedback.submitting()) {
        {{ 'interaction.noAccess.sending' | t }}
      }
    </p>
  `,
})
export class NoAccessStepComponent {
  private readonly flow = inject(InteractionFlow);
  private readonly api = inject(InteractionApiService);
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  private readonly noAccess = computed(() => this.flow.state()?.noAccess);
  protected readonly appName = computed(() => this.noAccess()?.appName ?? this.flow.state()?.client.name ?? '');
  protected readonly email = computed(() => this.flow.state()?.email ?? '');
  protected readonly requestable = computed(() => this.noAccess()?.requestable === true);
  /** Set once this page sent the request. */
  protected readonly justSent = signal(false);
  protected readonly requested = computed(() => this.justSent() || this.noAccess()?.requestPending === true);

  // No fields: the feedback only tracks the request and shows its failure.
  protected readonly feedback = new FormFeedback<never>({
    form: new FormGroup({}),
    fields: [],
    idPrefix: 'interaction-no-access',
    formElement: signal(undefined),
    banner: this.errorBanner,
  });

  protected async request(): Promise<void> {
    const appId = this.noAccess()?.appId;
    if (!appId) {
      return;
    }
    await this.feedback.submit(async () => {
      await firstValueFrom(this.api.requestAccess(appId));
      this.justSent.set(true);
    });
  }
}
