import { AuthRoutes } from '@passerelle/contracts';

/** Client-side paths of the identity pages (WebRoutes in @passerelle/contracts holds the older ones). */
export const SessionPaths = {
  account: '/account',
  admin: '/admin/users',
  resetPassword: '/reset-password',
} as const;

/**
 * A path on this origin to come back to after signing in, or '/' when `value` is anything else:
 * it must start with one '/', not '//' or '/\' (which browsers read as another host), and hold no
 * control characters.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2048) {
    return '/';
  }
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) {
    return '/';
  }
  return value;
}

/** Where the browser goes to start the portal's own sign-in (the API answers with a redirect to the provider). */
export function signInUrl(returnTo: unknown): string {
  return `${AuthRoutes.signIn}?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}
