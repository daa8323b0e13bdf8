import { inject } from '@angular/core';
import type { CanActivateFn } from '@angular/router';
import { I18nService, type LazyMessages } from '../core/i18n';
import { supportConsolePagesEn } from '../core/i18n/messages/support-console-pages.en';
import { supportConsolePagesFr } from '../core/i18n/messages/support-console-pages.fr';

/** The console's texts travel with its lazy chunk, not in everyone's first download. */
export const SUPPORT_CONSOLE_MESSAGES: LazyMessages = { en: supportConsolePagesEn, fr: supportConsolePagesFr };

/** Registers the console's texts; call in an injection context (each console page does, so it works on its own too). */
export function useSupportMessages(): void {
  inject(I18nService).addMessages(SUPPORT_CONSOLE_MESSAGES);
}

/** First on the console's routes, so page titles are translated too. */
export const supportMessagesLoaded: CanActivateFn = () => {
  useSupportMessages();
  return true;
};
