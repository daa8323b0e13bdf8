import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { TotpEnrolment } from '@passerelle/contracts';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session/browser.service';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { TOTP_INPUT, compactCode, totpCodeFormat, totpGroupErrors } from './code-format';
import { FlowErrorBannerComponent } from './flow-error-banner.component';
import { InteractionFlow } from './interaction-flow';

/** The SVG document as a data: URL for <img src> (CSP allows data: images; nothing is inlined into the DOM). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** The base32 key in groups of four for reading and typing ("JBSW Y3DP …"). */
export function groupKey(secret: string): string[] {
  return secret.replace(/\s+/g, '').match(/.{1,4}/g) ?? [];
}

/** Step 'enrol-totp': set up the authenticator app (scan or type the key), then confirm with a first code. */
@Component({
  selector: 'psl-enrol-step',
  imports: [ReactiveFormsModule, TranslatePipe, FieldComponent, FieldControlDirective, SubmitButtonComponent, FlowErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./interaction-steps.css', './interaction-controls.css'],
  styles: `
    .steps {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
    }
    .steps > li + li {
      margin-top: 0;
    }
    .qr {
      display: block;
      width: 12rem;
      height: 12rem;
      margin-top: var(--space-3);
      padding: var(--space-2);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: #fff;
    }
    .key {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--space-2) var(--space-3);
      margin-top: var(--space-2);
    }
    .key__value {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.6em;
      padding: var(--space-2) var(--space-3);
      border-radius: var(--radius-sm);
      background: var(--color-surface-muted);
      font-family: var(--font-mono);
      font-size: var(--font-size-lg);
      overflow-wrap: anywhere;
    }
    .copy-status {
      min-height: 1.5em;
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
    }
    .details {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: var(--space-1) var(--space-4);
      margin-top: var(--space-2);
      padding: var(--space-3) var(--space-4);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      font-size: var(--font-size-sm);
    }
    .details dt {
      color: var(--color-text-muted);
    }
    .details dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
  `,
  template: `
    <p class="card__intro">{{ 'interaction.enrol.intro' | t: { org: organisationName() } }}</p>

    @if (enrolment(); as setup) {
      <ol class="steps">
        <li>{{ 'interaction.enrol.step1' | t }}</li>
        <li>
          {{ 'interaction.enrol.step2' | t }}
          <img class="qr" [src]="qrUrl()" [alt]="'interaction.enrol.qrAlt' | t" width="192" height="192" data-testid="enrol-qr" />
        </li>
        <li>
          <span id="enrol-key-label">{{ 'interaction.enrol.step3' | t }}</span>
          <div class="key">
            <code class="key__value" data-testid="enrol-key">
              @for (group of keyGroups(); track $index) {
                <span>{{ group }}</span>
              }
            </code>
            <button type="button" class="button button--secondary" (click)="copyKey()" data-testid="copy-key">
              {{ 'interaction.enrol.copyKey' | t }}
            </button>
          </div>
          <p class="copy-status" role="status">
            @if (copyStatus(); as status) {
              {{ status | t }}
            }
          </p>
          <p class="small muted">{{ 'interaction.enrol.details' | t }}</p>
          <dl class="details" data-testid="enrol-details">
            <dt>{{ 'interaction.enrol.issuer' | t }}</dt>
            <dd>{{ setup.issuer }}</dd>
            <dt>{{ 'interaction.enrol.account' | t }}</dt>
            <dd>{{ setup.accountName }}</dd>
            <dt>{{ 'interaction.enrol.algorithm' | t }}</dt>
            <dd>{{ setup.algorithm }}</dd>
            <dt>{{ 'interaction.enrol.digits' | t }}</dt>
            <dd>{{ setup.digits }}</dd>
            <dt>{{ 'interaction.enrol.period' | t }}</dt>
            <dd>{{ 'interaction.enrol.periodValue' | t: { seconds: setup.period } }}</dd>
          </dl>
        </li>
        <li>{{ 'interaction.enrol.step4' | t }}</li>
      </ol>
    }

    <div class="form-banner-slot">
      @if (feedback.banner(); as error) {
        <psl-flow-error-banner #errorBanner [banner]="error" [retryAfter]="flow.retryAfter()" data-testid="interaction-error" />
      }
    </div>

    <form class="form" [formGroup]="form" (ngSubmit)="submit()" #formElement novalidate>
      <psl-field [feedback]="feedback" name="code" [label]="'interaction.enrol.codeField' | t">
        <input
          pslFieldControl
          class="code-input"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          spellcheck="false"
          [attr.pattern]="totpInput.pattern"
          [attr.maxlength]="totpInput.maxLength"
          formControlName="code"
        />
      </psl-field>
      <psl-submit-button
        [busy]="feedback.submitting()"
        label="interaction.enrol.submit"
        busyLabel="interaction.enrol.submitting"
        testId="enrol-submit"
      />
    </form>
  `,
})
export class EnrolStepComponent {
  protected readonly flow = inject(InteractionFlow);
  private readonly browser = inject(BrowserService);
  private readonly formElement = viewChild<ElementRef<HTMLElement>>('formElement');
  private readonly errorBanner = viewChild('errorBanner', { read: ElementRef<HTMLElement> });

  protected readonly totpInput = TOTP_INPUT;
  protected readonly organisationName = computed(() => this.flow.state()?.organisationName ?? '');
  protected readonly enrolment = computed((): TotpEnrolment | null => this.flow.state()?.enrolment ?? null);
  protected readonly qrUrl = computed(() => svgDataUrl(this.enrolment()?.qrSvg ?? ''));
  protected readonly keyGroups = computed(() => groupKey(this.enrolment()?.secret ?? ''));
  protected readonly copyStatus = signal<MessageKey | null>(null);

  protected readonly form = inject(NonNullableFormBuilder).group(
    { code: ['', [Validators.required]] },
    { validators: totpCodeFormat('code') },
  );

  protected readonly feedback = new FormFeedback<'code'>({
    form: this.form,
    fields: ['code'],
    idPrefix: 'interaction-enrol',
    formElement: this.formElement,
    banner: this.errorBanner,
    groupErrors: totpGroupErrors('code'),
    codeFields: { totp_invalid: 'code', totp_reused: 'code' },
  });

  protected async copyKey(): Promise<void> {
    this.copyStatus.set(null);
    try {
      await this.browser.copyText(this.keyGroups().join(''));
      this.copyStatus.set('interaction.copied');
    } catch {
      this.copyStatus.set('interaction.copyFailed');
    }
  }

  protected submit(): Promise<void> {
    return this.feedback.submit(async () => {
      const code = compactCode(this.form.getRawValue().code);
      await this.flow.send((api, uid) => api.enrolment(uid, { code }));
    });
  }
}
