import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import type { AccountSecurity, TotpEnrolment } from '@passerelle/contracts';
import { firstValueFrom } from 'rxjs';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { FieldComponent, FieldControlDirective } from '../shared/forms/field.component';
import { FormErrorBannerComponent } from '../shared/forms/form-error-banner.component';
import { FormFeedback } from '../shared/forms/form-feedback';
import { SubmitButtonComponent } from '../shared/forms/submit-button.component';
import { notBlank } from '../shared/forms/validators';
import { AccountApiService, secondFactorProof } from './account-api.service';
import { CopyButtonComponent } from './copy-button.component';
import { DateFormatter } from './dates';
import { Loadable } from './loadable';
import { RecoveryCodesListComponent } from './recovery-codes-list.component';

/** Fewer recovery codes than this (or as many) earns a warning. */
export const LOW_RECOVERY_CODES = 3;

type Purpose = 'replace' | 'codes';
type View = 'status' | 'proof' | 'scan' | 'codes';

/** The SVG document as a data: URL for an <img> (never inlined as markup). */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/**
 * Two-step verification: its status (enrolled since, recovery codes left), replacing the
 * authenticator (prove the second factor → scan the new key → confirm with a code from the new
 * device → new recovery codes) and issuing new recovery codes (prove the second factor → codes).
 */
@Component({
  selector: 'psl-two-step-section',
  imports: [
    ReactiveFormsModule,
    TranslatePipe,
    FieldComponent,
    FieldControlDirective,
    FormErrorBannerComponent,
    SubmitButtonComponent,
    CopyButtonComponent,
    RecoveryCodesListComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './two-step-section.component.html',
  styleUrls: ['./ui.css', './two-step-section.component.css'],
})
export class TwoStepSectionComponent {
  private readonly api = inject(AccountApiService);
  private readonly dates = inject(DateFormatter);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly proofElement = viewChild<ElementRef<HTMLElement>>('proofElement');
  private readonly proofBanner = viewChild('proofBanner', { read: ElementRef<HTMLElement> });
  private readonly codeElement = viewChild<ElementRef<HTMLElement>>('codeElement');
  private readonly codeBanner = viewChild('codeBanner', { read: ElementRef<HTMLElement> });

  protected readonly security = new Loadable<AccountSecurity>();
  protected readonly view = signal<View>('status');
  protected readonly purpose = signal<Purpose>('replace');
  protected readonly enrolment = signal<TotpEnrolment | null>(null);
  protected readonly codes = signal<readonly string[]>([]);
  /** What just happened, announced above the status once a flow ends. */
  protected readonly notice = signal<MessageKey | null>(null);
  protected readonly lowCodes = computed(() => {
    const value = this.security.value();
    return !!value && value.recoveryCodesLeft <= LOW_RECOVERY_CODES;
  });
  protected readonly qrSrc = computed(() => {
    const enrolment = this.enrolment();
    return enrolment ? svgDataUrl(enrolment.qrSvg) : '';
  });

  protected readonly proofForm = this.fb.group({ proof: ['', [Validators.required, notBlank]] });
  protected readonly proofFeedback = new FormFeedback<'proof'>({
    form: this.proofForm,
    fields: ['proof'],
    idPrefix: 'two-step',
    formElement: this.proofElement,
    banner: this.proofBanner,
    codeFields: {
      totp_invalid: 'proof',
      totp_reused: 'proof',
      recovery_code_invalid: 'proof',
      second_factor_required: 'proof',
    },
  });

  protected readonly codeForm = this.fb.group({ code: ['', [Validators.required, notBlank]] });
  protected readonly codeFeedback = new FormFeedback<'code'>({
    form: this.codeForm,
    fields: ['code'],
    idPrefix: 'two-step-new',
    formElement: this.codeElement,
    banner: this.codeBanner,
    codeFields: { totp_invalid: 'code', totp_reused: 'code' },
  });

  constructor() {
    void this.reload();
  }

  reload(): Promise<void> {
    return this.security.load(() => this.api.security());
  }

  protected enrolledSince(value: string): string {
    return this.dates.date(value);
  }

  /** The key without its grouping spaces, as authenticator apps want it pasted. */
  protected compactKey(secret: string): string {
    return secret.replace(/\s+/g, '');
  }

  protected begin(purpose: Purpose): void {
    this.purpose.set(purpose);
    this.notice.set(null);
    this.proofForm.reset();
    this.proofFeedback.submitted.set(false);
    this.proofFeedback.banner.set(null);
    this.show('proof');
  }

  protected cancel(): void {
    this.enrolment.set(null);
    this.show('status');
  }

  protected submitProof(): Promise<void> {
    return this.proofFeedback.submit(async () => {
      const proof = secondFactorProof(this.proofForm.getRawValue().proof);
      if (this.purpose() === 'replace') {
        this.enrolment.set(await firstValueFrom(this.api.startAuthenticator(proof)));
        this.codeForm.reset();
        this.codeFeedback.submitted.set(false);
        this.codeFeedback.banner.set(null);
        this.show('scan');
      } else {
        const issued = await firstValueFrom(this.api.newRecoveryCodes(proof));
        this.codes.set(issued.codes);
        this.show('codes');
      }
      this.proofForm.reset();
    });
  }

  protected submitCode(): Promise<void> {
    return this.codeFeedback.submit(async () => {
      const code = this.codeForm.getRawValue().code.replace(/\s+/g, '');
      const issued = await firstValueFrom(this.api.confirmAuthenticator({ code }));
      this.enrolment.set(null);
      this.codes.set(issued.codes);
      this.show('codes');
    });
  }

  protected finish(): void {
    this.notice.set(this.purpose() === 'replace' ? 'account.twoStep.replaced' : 'account.twoStep.codesReplaced');
    this.codes.set([]);
    this.show('status');
    void this.reload();
  }

  /** Switches step and moves focus to the new step's heading (or the section's status). */
  private show(view: View): void {
    this.view.set(view);
    afterNextRender(
      { read: () => this.host.nativeElement.querySelector<HTMLElement>('[data-step-heading]')?.focus() },
      { injector: this.injector },
    );
  }
}
