import type { adminEn } from './admin.en';

/** French messages: Administration console. */
export const adminFr: Record<keyof typeof adminEn, string> = {
};
