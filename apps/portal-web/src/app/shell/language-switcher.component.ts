import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { Locale } from '@passerelle/contracts';
import { I18nService, TranslatePipe } from '../core/i18n';

interface LanguageOption {
  locale: Locale;
  /** Each language is named in itself, so people find theirs whatever the current language. */
  label: string;
  /** Shown instead on narrow screens, so the organisation name keeps its room. */
  short: string;
}

/** Two toggle buttons (English / Français); Tab reaches them, Enter or Space picks one. */
@Component({
  selector: 'psl-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .lang-switch__short {
      display: none;
    }
    /* Narrow screens show "EN"/"FR" but keep the full name as the button's text for assistive
       technology (visually hidden, not an aria-label that the visible text would contradict). */
    @media (max-width: 420px) {
      .lang-switch__long {
        position: absolute;
        width: 1px;
        height: 1px;
        margin: -1px;
        overflow: hidden;
        clip: rect(0, 0, 0, 0);
        white-space: nowrap;
      }
      .lang-switch__short {
        display: inline;
      }
    }
  `,
  template: `
    <div class="lang-switch" role="group" [attr.aria-label]="'shell.languageLabel' | t">
      @for (option of options; track option.locale) {
        <button
          type="button"
          class="lang-switch__option"
          [attr.lang]="option.locale"
          [attr.aria-pressed]="option.locale === i18n.locale()"
          (click)="choose(option.locale)"
        >
          <span class="lang-switch__long">{{ option.label }}</span>
          <span class="lang-switch__short" aria-hidden="true">{{ option.short }}</span>
        </button>
      }
    </div>
  `,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly options: readonly LanguageOption[] = [
    { locale: 'en', label: 'English', short: 'EN' },
    { locale: 'fr', label: 'Français', short: 'FR' },
  ];

  protected choose(locale: Locale): void {
    this.i18n.setLocale(locale);
  }
}
