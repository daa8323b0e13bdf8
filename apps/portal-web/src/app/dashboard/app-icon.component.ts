import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';

/** Backgrounds for initials, each with white text at 5:1 or more, in both palettes. */
const BADGE_COLOURS = ['#2a55c9', '#17703f', '#b42318', '#6d28d9', '#a21caf', '#0e7490', '#b45309', '#475569', '#be185d', '#4d7c0f', '#0f766e'];

/** "Comptabilité" → "C", "Notes de frais" → "ND": the first letters of the first two words. */
export function initialsOf(name: string): string {
  const words = name.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const letters = words.slice(0, 2).map((word) => Array.from(word)[0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

/** The same app always gets the same colour (a small hash of its id). */
export function badgeColourOf(seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) {
    hash = (hash * 31 + seed.charCodeAt(i)) >>> 0;
  }
  return BADGE_COLOURS[hash % BADGE_COLOURS.length];
}

/**
 * An app's icon, or a coloured badge with its initials when it has none (or the image fails to
 * load). Decorative: the tile or result around it carries the app's name.
 */
@Component({
  selector: 'psl-app-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'app-icon', 'aria-hidden': 'true' },
  styles: `
    :host {
      display: inline-grid;
      flex: none;
      place-items: center;
      width: var(--app-icon-size, 3rem);
      height: var(--app-icon-size, 3rem);
      border-radius: 22%;
      overflow: hidden;
    }
    .app-icon__image {
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    .app-icon__initials {
      display: grid;
      place-items: center;
      width: 100%;
      height: 100%;
      color: #fff;
      font-size: calc(var(--app-icon-size, 3rem) * 0.4);
      font-weight: 700;
      letter-spacing: 0.02em;
      line-height: 1;
    }
  `,
  template: `
    @if (image(); as url) {
      <img class="app-icon__image" [src]="url" alt="" decoding="async" (error)="failedUrl.set(url)" />
    } @else {
      <span class="app-icon__initials" [style.background-color]="colour()" data-testid="app-initials">{{ initials() }}</span>
    }
  `,
})
export class AppIconComponent {
  readonly name = input.required<string>();
  readonly iconUrl = input<string | null>(null);
  /** What picks the colour (the app's id), so two apps named alike still differ. */
  readonly seed = input('');

  /** The icon that failed to load (a new version is tried again). */
  protected readonly failedUrl = signal<string | null>(null);
  protected readonly image = computed(() => {
    const url = this.iconUrl();
    return url && url !== this.failedUrl() ? url : null;
  });
  protected readonly initials = computed(() => initialsOf(this.name()));
  protected readonly colour = computed(() => badgeColourOf(this.seed() || this.name()));
}
