import type { accountEn } from './account.en';

/** French messages: Account page. */
export const accountFr: Record<keyof typeof accountEn, string> = {
};
