import { Directive, output } from '@angular/core';

/**
 * Alt+↑ / Alt+↓ pressed anywhere inside (on the row's link or buttons): one step up (-1) or down (+1).
 * The keyboard twin of dragging; the row's own move buttons do the same.
 */
@Directive({
  selector: '[pslAltArrows]',
  host: { '(keydown)': 'onKeydown($event)' },
})
export class AltArrowsDirective {
  readonly altMove = output<-1 | 1>();

  protected onKeydown(event: KeyboardEvent): void {
    if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) {
      return;
    }
    event.preventDefault();
    // A section's keys must not also move the section it sits in.
    event.stopPropagation();
    this.altMove.emit(event.key === 'ArrowUp' ? -1 : 1);
  }
}
