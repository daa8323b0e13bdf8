// The support widget's entry: one ES module that defines <passerelle-support>. The portal's origin
// is where this script came from (`import.meta.url`), unless the element's `portal` attribute says.
import { provideZonelessChangeDetection } from '@angular/core';
import { createApplication } from '@angular/platform-browser';
import { defineSupportElement, ELEMENT_NAME } from './lib/element';
import { SCRIPT_ORIGIN } from './lib/widget.component';

if (!customElements.get(ELEMENT_NAME)) {
  createApplication({ providers: [provideZonelessChangeDetection(), { provide: SCRIPT_ORIGIN, useValue: new URL(import.meta.url).origin }] })
    .then((app) => defineSupportElement(app))
    .catch((err: unknown) => console.error('Passerelle support widget could not start', err));
}
