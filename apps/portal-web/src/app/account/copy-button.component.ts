import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { type MessageKey, TranslatePipe } from '../core/i18n';
import { BrowserService } from '../core/session';
import { pendingWork } from './loadable';

/**
 * A "Copy" button for a value shown next to it. Says "Copied" for a moment (also to screen readers),
 * or asks to copy by hand when the browser refuses the clipboard.
 */
@Component({
  selector: 'psl-copy-button',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: var(--space-2);
      flex-wrap: wrap;
    }
    .copy__button {
      min-width: 6.5rem;
      min-height: 2.25rem;
      padding: var(--space-1) var(--space-3);
      font-size: var(--font-size-sm);
    }
    .copy__button:hover {
      background: var(--color-surface-muted);
    }
    .copy__status {
      font-size: var(--font-size-sm);
      color: var(--color-text-muted);
    }
    .copy__status--failed {
      color: var(--color-danger);
    }
  `,
  template: `
    <button
      type="button"
      class="button button--secondary copy__button"
      [attr.aria-label]="accessibleLabel() ? (accessibleLabel()! | t) : null"
      [attr.data-testid]="testId()"
      (click)="copy()"
    >
      {{ (state() === 'copied' ? 'account.copy.copied' : label()) | t }}
    </button>
    <span class="copy__status" [class.copy__status--failed]="state() === 'failed'" role="status">
      @if (state() === 'copied') {
        <span class="visually-hidden">{{ 'account.copy.copiedLong' | t }}</span>
      } @else if (state() === 'failed') {
        {{ 'account.copy.failed' | t }}
      }
    </span>
  `,
})
export class CopyButtonComponent {
  /** The text put on the clipboard. */
  readonly value = input.required<string>();
  readonly label = input<MessageKey>('account.copy.copy');
  /** A fuller name for screen readers when several copy buttons sit on one page, e.g. "Copy the client secret". */
  readonly accessibleLabel = input<MessageKey | null>(null);
  readonly testId = input<string | null>(null);

  private readonly browser = inject(BrowserService);
  private readonly track = pendingWork();
  protected readonly state = signal<'idle' | 'copied' | 'failed'>('idle');
  private timer: ReturnType<typeof setTimeout> | undefined;

  protected copy(): Promise<void> {
    return this.track(() => this.copyNow());
  }

  private async copyNow(): Promise<void> {
    clearTimeout(this.timer);
    try {
      await this.browser.copyText(this.value());
      this.state.set('copied');
      this.timer = setTimeout(() => this.state.set('idle'), 2500);
    } catch {
      this.state.set('failed');
    }
  }
}
