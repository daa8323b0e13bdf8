// Bench baseline (`npm run bench -- widget`): the smallest Angular custom element built the same way
// as the widget (zoneless, createApplication, one ShadowDom component), so the report can tell
// Angular's own floor from what the widget adds.
import { ChangeDetectionStrategy, Component, ViewEncapsulation, createComponent, provideZonelessChangeDetection, signal } from '@angular/core';
import { createApplication } from '@angular/platform-browser';

@Component({
  selector: 'pss-baseline',
  encapsulation: ViewEncapsulation.ShadowDom,
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<button type="button" (click)="count.set(count() + 1)">{{ count() }}</button>`,
})
class BaselineComponent {
  readonly count = signal(0);
}

void createApplication({ providers: [provideZonelessChangeDetection()] }).then((app) => {
  customElements.define(
    'pss-baseline',
    class extends HTMLElement {
      connectedCallback() {
        app.attachView(createComponent(BaselineComponent, { environmentInjector: app.injector, hostElement: this }).hostView);
      }
    },
  );
});
