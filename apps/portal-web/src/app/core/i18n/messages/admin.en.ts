/** English messages: Administration console. Keys must also exist in admin.fr.ts. */
export const adminEn = {
};
