import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { type BrowserStub, browserStub, provideBrowserStub } from '../../testing/identity-fixtures';
import { provideTestI18n, query, textOf } from '../../testing/test-helpers';
import { RecoveryCodesListComponent } from './recovery-codes-list.component';

describe('RecoveryCodesListComponent', () => {
  const CODES = ['aaaa-1111', 'bbbb-2222'];
  let browser: BrowserStub;

  async function setUp() {
    browser = browserStub();
    TestBed.configureTestingModule({ providers: [provideTestI18n(), provideHttpClient(), provideHttpClientTesting(), provideBrowserStub(browser)] });
    const fixture = TestBed.createComponent(RecoveryCodesListComponent);
    fixture.componentRef.setInput('codes', CODES);
    await fixture.whenStable();
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('lists the codes and offers download, copy and print', async () => {
    const { fixture, root } = await setUp();
    expect(Array.from(root.querySelectorAll('[data-testid="recovery-code"]')).map((li) => textOf(li))).toEqual(CODES);
    expect(textOf(root)).toContain('Each of these 2 codes');

    query<HTMLButtonElement>(root, '[data-testid="recovery-codes-download"]').click();
    const [name, text] = browser.downloadText.calls.mostRecent().args as [string, string];
    expect(name).toBe('passerelle-recovery-codes.txt');
    expect(text).toContain('aaaa-1111\nbbbb-2222');

    query<HTMLButtonElement>(root, '[data-testid="recovery-codes-copy"]').click();
    await fixture.whenStable();
    expect(browser.copyText).toHaveBeenCalledWith('aaaa-1111\nbbbb-2222');
    expect(textOf(query(root, '[data-testid="recovery-codes-copy"]'))).toBe('Copied');

    browser.print.and.callFake(() => expect(document.body.classList).toContain('psl-printing-recovery-codes'));
    query<HTMLButtonElement>(root, '[data-testid="recovery-codes-print"]').click();
    expect(browser.print).toHaveBeenCalled();
    expect(document.body.classList).not.toContain('psl-printing-recovery-codes');
  });

  it('asks to copy by hand when the clipboard is refused', async () => {
    const { fixture, root } = await setUp();
    browser.copyText.and.rejectWith(new Error('denied'));
    query<HTMLButtonElement>(root, '[data-testid="recovery-codes-copy"]').click();
    await fixture.whenStable();
    expect(textOf(root)).toContain('Your browser did not allow copying');
  });

  it('enables Done only once the person says they saved the codes', async () => {
    const { fixture, root } = await setUp();
    let done = 0;
    fixture.componentInstance.done.subscribe(() => done++);
    const button = query<HTMLButtonElement>(root, '[data-testid="recovery-codes-done"]');
    expect(button.disabled).toBeTrue();
    query<HTMLInputElement>(root, '[data-testid="recovery-codes-saved"]').click();
    await fixture.whenStable();
    expect(button.disabled).toBeFalse();
    button.click();
    expect(done).toBe(1);
  });
});
