import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** Up to two letters for an app without an icon: "Team wiki" → "TW", "Comptabilité" → "CO". */
export function initials(name: string): string {
  const words = name.trim().split(/[\s\-_.]+/u).filter(Boolean);
  const letters = words.length > 1 ? words[0][0] + words[1][0] : (words[0] ?? '?').slice(0, 2);
  return letters.toLocaleUpperCase();
}

/** One of six tints, the same for a name every time (all dark enough for white letters). */
export function tintOf(name: string): number {
  let hash = 0;
  for (const char of name) {
    hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  }
  return hash % 6;
}

/** An app's stored icon, or its initials on a tint. Decorative: the app's name is always next to it. */
@Component({
  selector: 'psl-app-icon',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { 'aria-hidden': 'true', '[class.large]': 'large()' },
  styles: `
    :host {
      flex: none;
      display: inline-grid;
      place-items: center;
      width: 2.5rem;
      height: 2.5rem;
      overflow: hidden;
      border-radius: var(--radius-sm);
      font-weight: 700;
      font-size: 0.95rem;
      color: #fff;
      user-select: none;
    }
    :host(.large) {
      width: 4rem;
      height: 4rem;
      border-radius: var(--radius-md);
      font-size: 1.4rem;
    }
    img {
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: var(--color-surface);
    }
    .t0 { background: #2a55c9; }
    .t1 { background: #17703f; }
    .t2 { background: #8a3d04; }
    .t3 { background: #7b2cbf; }
    .t4 { background: #b42318; }
    .t5 { background: #0f5e6e; }
    span {
      display: grid;
      place-items: center;
      width: 100%;
      height: 100%;
    }
  `,
  template: `
    @if (src(); as url) {
      <img [src]="url" alt="" width="64" height="64" />
    } @else {
      <span [class]="'t' + tint()">{{ letters() }}</span>
    }
  `,
})
export class AppIconComponent {
  readonly name = input.required<string>();
  /** A stored icon's URL, or a data: URL while previewing an upload. */
  readonly src = input<string | null>(null);
  readonly large = input(false);

  protected readonly letters = computed(() => initials(this.name()));
  protected readonly tint = computed(() => tintOf(this.name()));
}
