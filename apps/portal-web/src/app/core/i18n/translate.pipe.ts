import { Pipe, PipeTransform, inject } from '@angular/core';
import { I18nService, type MessageParams } from './i18n.service';
import type { MessageKey } from './messages';

/**
 * `{{ 'setup.title' | t }}` or `{{ 'signIn.title' | t: { org: name } }}`.
 * Impure on purpose: the lookup is a cheap map read, and reading the locale signal inside it makes
 * OnPush views refresh when the language changes.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18nService);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.translate(key, params);
  }
}
