// Registers <passerelle-support>: a tiny custom-element bridge over an Angular component (what
// @angular/elements does, for five string attributes, without its extra weight).
import { type ApplicationRef, type ComponentRef, createComponent } from '@angular/core';
import { SupportWidgetComponent } from './widget.component';

export const ELEMENT_NAME = 'passerelle-support';
const ATTRIBUTES = ['portal', 'lang', 'mode', 'view', 'ticket'] as const;

export function defineSupportElement(app: ApplicationRef, registry: CustomElementRegistry = customElements): void {
  if (registry.get(ELEMENT_NAME)) return; // the script was loaded twice: the first one serves

  class PasserelleSupportElement extends HTMLElement {
    static readonly observedAttributes = [...ATTRIBUTES];
    private ref: ComponentRef<SupportWidgetComponent> | null = null;

    connectedCallback(): void {
      if (this.ref) return; // moved in the page: keep the state
      this.ref = createComponent(SupportWidgetComponent, { environmentInjector: app.injector, hostElement: this });
      for (const name of ATTRIBUTES) this.ref.setInput(name, this.getAttribute(name));
      app.attachView(this.ref.hostView);
    }

    disconnectedCallback(): void {
      // Removed for good unless it comes back in the same task (a move).
      queueMicrotask(() => {
        if (!this.isConnected && this.ref) {
          app.detachView(this.ref.hostView);
          this.ref.destroy();
          this.ref = null;
        }
      });
    }

    attributeChangedCallback(name: string, _old: string | null, value: string | null): void {
      this.ref?.setInput(name, value);
    }
  }

  registry.define(ELEMENT_NAME, PasserelleSupportElement);
}
