import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import type { Locale } from '@passerelle/contracts';
import { I18nService, TranslatePipe } from '../core/i18n';

interface LanguageOption {
  locale: Locale;
  /** Each language is named in itself, so people find theirs whatever the current language. */
  label: string;
}

/** Two toggle buttons (English / Français); Tab reaches them, Enter or Space picks one. */
@Component({
  selector: 'psl-language-switcher',
  imports: [TranslatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
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
          {{ option.label }}
        </button>
      }
    </div>
  `,
})
export class LanguageSwitcherComponent {
  protected readonly i18n = inject(I18nService);
  protected readonly options: readonly LanguageOption[] = [
    { locale: 'en', label: 'English' },
    { locale: 'fr', label: 'Français' },
  ];

  protected choose(locale: Locale): void {
    this.i18n.setLocale(locale);
  }
}
