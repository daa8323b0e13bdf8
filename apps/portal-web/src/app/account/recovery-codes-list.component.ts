import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ViewEncapsulation, computed, inject, input, output, signal } from '@angular/core';
import { I18nService, TranslatePipe } from '../core/i18n';
import { InstanceService } from '../core/instance/instance.service';
import { BrowserService } from '../core/session';
import { CopyButtonComponent } from './copy-button.component';

const PRINTING_CLASS = 'psl-printing-recovery-codes';

/**
 * Freshly issued recovery codes, shown once: the list, Download .txt / Copy / Print, and an
 * "I saved them" acknowledgement that enables `done`. Reusable wherever codes are issued.
 */
@Component({
  selector: 'psl-recovery-codes-list',
  imports: [TranslatePipe, CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Not encapsulated: the print rules must hide the rest of the page. Class names are prefixed.
  encapsulation: ViewEncapsulation.None,
  styles: `
    .recovery-codes {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
    }
    .recovery-codes .notice--warning {
      border-color: #f3c98b;
      background: #fff6e8;
      color: #8a3d04;
    }
    .recovery-codes__actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
    }
    .recovery-codes .button--small {
      min-height: 2.25rem;
      padding: var(--space-1) var(--space-3);
      font-size: var(--font-size-sm);
    }
    .recovery-codes .button:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
    .recovery-codes__check {
      display: flex;
      align-items: flex-start;
      gap: var(--space-2);
      font-weight: 600;
    }
    .recovery-codes__check input {
      flex: none;
      width: 1.25rem;
      height: 1.25rem;
      margin: 0.15rem 0 0;
      accent-color: var(--color-primary);
    }
    .recovery-codes__sheet {
      padding: var(--space-4);
      border: 1px solid var(--color-border);
      border-radius: var(--radius-md);
      background: var(--color-surface-muted);
    }
    .recovery-codes__print-title {
      display: none;
    }
    .recovery-codes__list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
      gap: var(--space-2) var(--space-4);
      padding: 0;
      list-style: none;
      font-family: var(--font-mono);
      font-size: var(--font-size-md);
      font-variant-numeric: tabular-nums;
    }
    .recovery-codes__list li {
      white-space: nowrap;
    }
    @media print {
      body.${PRINTING_CLASS} * {
        visibility: hidden;
      }
      body.${PRINTING_CLASS} .recovery-codes__sheet,
      body.${PRINTING_CLASS} .recovery-codes__sheet * {
        visibility: visible;
      }
      body.${PRINTING_CLASS} .recovery-codes__sheet {
        position: absolute;
        inset: 0 auto auto 0;
        width: 100%;
        border: 0;
        background: none;
      }
      body.${PRINTING_CLASS} .recovery-codes__print-title {
        display: block;
        margin-bottom: 1rem;
      }
    }
  `,
  template: `
    <div class="recovery-codes" data-testid="recovery-codes">
      <p class="notice notice--warning">{{ 'account.codes.intro' | t: { count: codes().length } }}</p>
      <div class="recovery-codes__sheet">
        <p class="recovery-codes__print-title">{{ fileTitle() }}</p>
        <ul class="recovery-codes__list" [attr.aria-label]="'account.codes.listLabel' | t">
          @for (code of codes(); track code) {
            <li data-testid="recovery-code">{{ code }}</li>
          }
        </ul>
      </div>
      <div class="recovery-codes__actions">
        <button type="button" class="button button--secondary button--small" data-testid="recovery-codes-download" (click)="download()">
          {{ 'account.codes.download' | t }}
        </button>
        <psl-copy-button [value]="text()" accessibleLabel="account.codes.copyLabel" testId="recovery-codes-copy" />
        <button type="button" class="button button--secondary button--small" data-testid="recovery-codes-print" (click)="print()">
          {{ 'account.codes.print' | t }}
        </button>
      </div>
      <label class="recovery-codes__check">
        <input type="checkbox" data-testid="recovery-codes-saved" [checked]="saved()" (change)="saved.set($any($event.target).checked)" />
        <span>{{ 'account.codes.saved' | t }}</span>
      </label>
      <button
        type="button"
        class="button button--primary"
        data-testid="recovery-codes-done"
        [disabled]="!saved()"
        (click)="done.emit()"
      >
        {{ doneLabel() | t }}
      </button>
    </div>
  `,
})
export class RecoveryCodesListComponent {
  readonly codes = input.required<readonly string[]>();
  readonly doneLabel = input<'account.codes.done'>('account.codes.done');
  /** The person confirmed they saved the codes. */
  readonly done = output<void>();

  private readonly i18n = inject(I18nService);
  private readonly instance = inject(InstanceService);
  private readonly document = inject(DOCUMENT);
  private readonly browser = inject(BrowserService);

  protected readonly fileName = 'passerelle-recovery-codes.txt';
  protected readonly saved = signal(false);
  protected readonly fileTitle = computed(() =>
    this.i18n.translate('account.codes.fileTitle', { org: this.instance.organisationName() }),
  );
  protected readonly text = computed(() => this.codes().join('\n'));

  protected download(): void {
    const body = `${this.fileTitle()}\n${this.i18n.translate('account.codes.fileHint')}\n\n${this.text()}\n`;
    this.browser.downloadText(this.fileName, body);
  }

  protected print(): void {
    const body = this.document.body;
    body.classList.add(PRINTING_CLASS);
    try {
      this.browser.print();
    } finally {
      body.classList.remove(PRINTING_CLASS);
    }
  }
}
