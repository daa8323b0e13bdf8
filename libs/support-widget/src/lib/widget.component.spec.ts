import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { SCRIPT_ORIGIN, SupportWidgetComponent } from './widget.component';

// The element on another site than the portal: nothing is asked until the person clicks "Connect".
describe('SupportWidgetComponent (another site)', () => {
  const PORTAL = 'https://portal.invalid';

  function render(attributes: Record<string, string | null> = {}) {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), { provide: SCRIPT_ORIGIN, useValue: PORTAL }] });
    const fixture = TestBed.createComponent(SupportWidgetComponent);
    for (const [name, value] of Object.entries(attributes)) fixture.componentRef.setInput(name, value);
    return { fixture, root: (fixture.nativeElement as HTMLElement).shadowRoot as ShadowRoot };
  }
  const byTestId = (root: ShadowRoot, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

  it('styles itself with a constructed stylesheet, no <style> element (CSP)', async () => {
    const { fixture, root } = render();
    await fixture.whenStable();
    expect(root.adoptedStyleSheets.length).toBe(1);
    expect(root.querySelector('style')).toBeNull();
    expect(getComputedStyle(byTestId(root, 'launcher') as HTMLElement).position).toBe('fixed');
  });

  it('opens a dialog that Escape closes, giving focus back to the launcher', async () => {
    const { fixture, root } = render({ lang: 'en' });
    await fixture.whenStable();
    const launcher = byTestId(root, 'launcher') as HTMLButtonElement;
    launcher.click();
    await fixture.whenStable();
    const panel = byTestId(root, 'panel') as HTMLElement;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect(panel.getAttribute('aria-modal')).toBe('true');
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(byTestId(root, 'connect')?.textContent).toContain('Connect with Passerelle');
    // Focus moves into the dialog once it is drawn.
    await new Promise((resolve) => setTimeout(resolve));
    expect(panel.contains(root.activeElement)).withContext(String(root.activeElement)).toBeTrue();
    panel.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await fixture.whenStable();
    expect(byTestId(root, 'panel')).toBeNull();
    expect(root.activeElement).toBe(launcher);
  });

  it('says when the browser blocked the sign-in window, and offers to try again', async () => {
    spyOn(window, 'open').and.returnValue(null);
    const { fixture, root } = render({ lang: 'fr' });
    await fixture.whenStable();
    (byTestId(root, 'launcher') as HTMLButtonElement).click();
    await fixture.whenStable();
    (byTestId(root, 'connect') as HTMLButtonElement).click();
    await fixture.whenStable();
    expect(window.open).toHaveBeenCalledTimes(1);
    const url = new URL((window.open as jasmine.Spy).calls.mostRecent().args[0] as string);
    expect(url.origin + url.pathname).toBe(`${PORTAL}/widget/connect`);
    expect(url.searchParams.get('origin')).toBe(location.origin);
    expect(byTestId(root, 'popup-blocked')?.textContent).toContain('bloqué');
    expect(byTestId(root, 'connect')?.textContent).toContain('Rouvrir la fenêtre de connexion');
  });

  it('renders the panel in place in inline mode, on the tab it is told', async () => {
    const { fixture, root } = render({ mode: 'inline', view: 'tickets' });
    await fixture.whenStable();
    expect(byTestId(root, 'launcher')).toBeNull();
    expect(byTestId(root, 'panel')?.getAttribute('role')).toBe('region');
    expect(fixture.componentInstance.tab()).toBe('tickets');
  });
});
