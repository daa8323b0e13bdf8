import { type Injector, afterNextRender } from '@angular/core';

/**
 * After a row's own button removed the row, focus would fall to the page: put it on the button now
 * at the same place (or the last one), else on `fallback` (e.g. the "add" field).
 */
export function focusAfterRemoval(injector: Injector, root: HTMLElement, buttons: string, index: number, fallback: string): void {
  afterNextRender(
    {
      read: () => {
        const remaining = root.querySelectorAll<HTMLElement>(buttons);
        const target = remaining[Math.min(index, remaining.length - 1)] ?? root.querySelector<HTMLElement>(fallback);
        target?.focus();
      },
    },
    { injector },
  );
}
