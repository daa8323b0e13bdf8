import { ElementRef, Injector, afterNextRender, inject } from '@angular/core';

/**
 * `focusLater('[data-testid="x"]')` focuses that element of the component once the next render is
 * done: after an action whose button went away, the person continues from its confirmation.
 * Create it in an injection context (a field initializer).
 */
export function focusAfterRender(): (selector: string) => void {
  const injector = inject(Injector);
  const host: HTMLElement = inject(ElementRef).nativeElement;
  return (selector) => {
    afterNextRender({ read: () => host.querySelector<HTMLElement>(selector)?.focus() }, { injector });
  };
}
