import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import type { Provider } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, type Routes } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ApiRoutes, type InstanceInfo } from '@passerelle/contracts';
import { BROWSER_LANGUAGES, PREFERENCE_STORAGE, type PreferenceStorage } from '../app/core/i18n';

/** An in-memory stand-in for localStorage. */
export class MemoryStorage implements PreferenceStorage {
  readonly data = new Map<string, string>();

  constructor(initial: Record<string, string> = {}) {
    for (const [key, value] of Object.entries(initial)) {
      this.data.set(key, value);
    }
  }

  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

/** Deterministic language detection for specs: no real localStorage, chosen browser languages. */
export function provideTestI18n(
  options: { languages?: readonly string[]; storage?: PreferenceStorage | null } = {},
): Provider[] {
  return [
    { provide: PREFERENCE_STORAGE, useValue: options.storage === undefined ? new MemoryStorage() : options.storage },
    { provide: BROWSER_LANGUAGES, useValue: options.languages ?? ['en-GB', 'en'] },
  ];
}

export function instanceInfo(overrides: Partial<InstanceInfo> = {}): InstanceInfo {
  return { organisationName: 'Acme Coop', setupRequired: false, version: '0.1.0', ...overrides };
}

export function query<T extends Element = HTMLElement>(root: Element, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) {
    throw new Error(`No element matches ${selector}`);
  }
  return found;
}

/** Text content with whitespace collapsed, for readable expectations. */
export function textOf(element: Element | null): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types like a user: sets the value, fires input, then leaves the field. */
export function typeInto(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event(input instanceof HTMLSelectElement ? 'change' : 'input'));
  input.dispatchEvent(new Event('blur'));
}

/** The routed component's element, failing clearly when nothing is routed. */
export function routedElement(harness: { routeNativeElement: HTMLElement | null }): HTMLElement {
  const element = harness.routeNativeElement;
  if (!element) {
    throw new Error('No routed component');
  }
  return element;
}

/** TestBed with HTTP testing, the given routes and test i18n; returns the HTTP controller and a router harness. */
export async function routedHarness(routes: Routes): Promise<{ http: HttpTestingController; harness: RouterTestingHarness }> {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter(routes), provideTestI18n()],
  });
  return { http: TestBed.inject(HttpTestingController), harness: await RouterTestingHarness.create() };
}

/** The pending POST /api/setup/link request (the link check of /setup and /activate). */
export function expectLinkCheck(http: HttpTestingController): TestRequest {
  return http.expectOne((request) => request.url === ApiRoutes.setupLink && request.method === 'POST');
}

/** Clicks a button by data-testid and renders at once (the app stays busy until requests are answered). */
export function clickAndRender(harness: RouterTestingHarness, testId: string): void {
  query<HTMLButtonElement>(routedElement(harness), `[data-testid="${testId}"]`).click();
  harness.fixture.detectChanges();
}
