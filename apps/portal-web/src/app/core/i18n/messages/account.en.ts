/** English messages: Account page. Keys must also exist in account.fr.ts. */
export const accountEn = {
};
