import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  afterRenderEffect,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { TranslatePipe } from '../core/i18n';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

let nextId = 0;

/**
 * A modal dialog on the native <dialog> (the rest of the page is inert while it is open): titled by
 * its heading, Tab stays inside, Escape or the close button asks to close (`closed`), and focus
 * returns where it was. The first `[data-autofocus]` element, else the first focusable one, gets focus.
 * The parent owns `open`.
 */
@Component({
  selector: 'psl-dialog',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Keys pressed inside the dialog bubble up to the host.
  host: { '(keydown)': 'onKeydown($event)' },
  styles: `
    .dialog {
      width: min(32rem, calc(100vw - 2rem));
      max-height: calc(100dvh - 2rem);
      padding: 0;
      border: 1px solid var(--color-border);
      border-radius: var(--radius-lg);
      background: var(--color-surface);
      color: var(--color-text);
      box-shadow: 0 12px 40px rgba(16, 24, 40, 0.25);
    }
    .dialog--wide {
      width: min(44rem, calc(100vw - 2rem));
    }
    .dialog::backdrop {
      background: rgba(16, 24, 40, 0.45);
    }
    .dialog__header {
      display: flex;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--space-3);
      padding: var(--space-5) var(--space-5) 0;
    }
    .dialog__title {
      font-size: var(--font-size-lg);
      line-height: 1.3;
      font-weight: 650;
      overflow-wrap: anywhere;
    }
    .dialog__close {
      flex: none;
      display: grid;
      place-items: center;
      width: 2.5rem;
      height: 2.5rem;
      margin: calc(-1 * var(--space-2)) calc(-1 * var(--space-2)) 0 0;
      border: 0;
      border-radius: var(--radius-sm);
      background: transparent;
      color: var(--color-text-muted);
      font-size: 1.5rem;
      line-height: 1;
      cursor: pointer;
    }
    .dialog__close:hover {
      background: var(--color-surface-muted);
      color: var(--color-text);
    }
    .dialog__body {
      display: flex;
      flex-direction: column;
      gap: var(--space-4);
      padding: var(--space-4) var(--space-5) var(--space-5);
    }
    @media (max-width: 480px) {
      .dialog__header {
        padding: var(--space-4) var(--space-4) 0;
      }
      .dialog__body {
        padding: var(--space-3) var(--space-4) var(--space-4);
      }
    }
  `,
  template: `
    <dialog
      #dialog
      class="dialog"
      [class.dialog--wide]="wide()"
      [attr.aria-labelledby]="titleId"
      [attr.data-testid]="testId()"
      (cancel)="onCancel($event)"
    >
      @if (open()) {
        <div class="dialog__header">
          <h2 class="dialog__title" [id]="titleId">{{ heading() }}</h2>
          <button type="button" class="dialog__close" [attr.aria-label]="'account.dialog.close' | t" (click)="closed.emit()">
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div class="dialog__body">
          <ng-content />
        </div>
      }
    </dialog>
  `,
})
export class DialogComponent {
  readonly open = input.required<boolean>();
  readonly heading = input.required<string>();
  readonly wide = input(false);
  readonly testId = input<string | null>(null);
  /** The person asked to close it (Escape, the × button); the parent sets `open` to false. */
  readonly closed = output<void>();

  protected readonly titleId = `psl-dialog-${++nextId}-title`;
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly document = inject(DOCUMENT);
  private returnFocusTo: HTMLElement | null = null;

  constructor() {
    afterRenderEffect({
      write: () => {
        const open = this.open();
        untracked(() => (open ? this.show() : this.hide()));
      },
    });
  }

  private show(): void {
    const dialog = this.dialog().nativeElement;
    if (dialog.open) {
      return;
    }
    this.returnFocusTo = this.document.activeElement instanceof HTMLElement ? this.document.activeElement : null;
    dialog.showModal();
    const target = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? this.focusable()[1] ?? this.focusable()[0];
    target?.focus();
  }

  private hide(): void {
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) {
      return;
    }
    dialog.close();
    const target = this.returnFocusTo;
    this.returnFocusTo = null;
    if (target?.isConnected) {
      target.focus();
    }
  }

  private focusable(): HTMLElement[] {
    return Array.from(this.dialog().nativeElement.querySelectorAll<HTMLElement>(FOCUSABLE));
  }

  /** The browser's own Escape handling: keep the dialog until the parent closes it. */
  protected onCancel(event: Event): void {
    event.preventDefault();
    this.closed.emit();
  }

  protected onKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.closed.emit();
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    const items = this.focusable();
    if (!items.length) {
      event.preventDefault();
      return;
    }
    const first = items[0];
    const last = items[items.length - 1];
    const active = this.document.activeElement;
    if (event.shiftKey && (active === first || !this.dialog().nativeElement.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  }
}
