import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideTestI18n, query } from '../../testing/test-helpers';
import { ConfirmDialogComponent } from './confirm-dialog.component';

@Component({
  selector: 'psl-confirm-host',
  imports: [ConfirmDialogComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button type="button" id="opener" (click)="open.set(true)">Open</button>
    <psl-confirm-dialog [open]="open()" heading="Delete it?" confirmLabel="admin.apps.deleteConfirm" (confirmed)="confirmed = confirmed + 1" (cancelled)="open.set(false)">
      <p>Gone for good.</p>
    </psl-confirm-dialog>
  `,
})
class HostComponent {
  readonly open = signal(false);
  confirmed = 0;
}

describe('ConfirmDialogComponent', () => {
  async function setUp() {
    TestBed.configureTestingModule({ providers: [provideTestI18n()] });
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const opener = query<HTMLButtonElement>(fixture.nativeElement, '#opener');
    opener.focus();
    opener.click();
    await fixture.whenStable();
    return { fixture, opener, dialog: query<HTMLDialogElement>(fixture.nativeElement, 'dialog') };
  }

  function press(target: Element, key: string, shiftKey = false): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true });
    target.dispatchEvent(event);
    return event;
  }

  it('opens as a modal titled by its heading, with focus on Cancel', async () => {
    const { dialog } = await setUp();
    expect(dialog.open).toBeTrue();
    expect(dialog.matches(':modal')).toBeTrue();
    expect(document.getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent?.trim()).toBe('Delete it?');
    expect(document.activeElement?.textContent?.trim()).toBe('Cancel');
  });

  it('keeps Tab inside the dialog', async () => {
    const { dialog } = await setUp();
    const buttons = Array.from(dialog.querySelectorAll<HTMLButtonElement>('button'));
    const first = buttons[0];
    const last = buttons[buttons.length - 1];
    last.focus();
    expect(press(last, 'Tab').defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(first);
    expect(press(first, 'Tab', true).defaultPrevented).toBeTrue();
    expect(document.activeElement).toBe(last);
  });

  it('closes with Escape and gives focus back', async () => {
    const { fixture, dialog, opener } = await setUp();
    press(dialog, 'Escape');
    await fixture.whenStable();
    expect(dialog.open).toBeFalse();
    expect(document.activeElement).toBe(opener);
    expect(fixture.componentInstance.confirmed).toBe(0);
  });

  it('reports the confirmation', async () => {
    const { fixture, dialog } = await setUp();
    query<HTMLButtonElement>(dialog, '[data-testid="confirm-dialog-confirm"]').click();
    expect(fixture.componentInstance.confirmed).toBe(1);
  });
});
