/** Lifetimes of what the provider issues, in seconds. Short access tokens; refresh tokens rotate. */
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60;
export const CLIENT_CREDENTIALS_TTL_SECONDS = 10 * 60;
export const AUTHORIZATION_CODE_TTL_SECONDS = 60;
export const ID_TOKEN_TTL_SECONDS = 60 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 14 * 24 * 60 * 60;
export const SESSION_TTL_SECONDS = 14 * 24 * 60 * 60;
export const GRANT_TTL_SECONDS = 14 * 24 * 60 * 60;
/** How long a person may take to sign in (password, code, enrolment). */
export const INTERACTION_TTL_SECONDS = 30 * 60;
