import { inject } from '@angular/core';
import { type CanActivateFn, Router } from '@angular/router';
import type { CurrentUser } from '@passerelle/contracts';
import { BrowserService } from './browser.service';
import { signInUrl } from './return-to';
import { SessionService } from './session.service';

type Check = { kind: 'user'; user: CurrentUser } | { kind: 'signed-out' } | { kind: 'unreachable' };

async function check(): Promise<Check> {
  try {
    const user = await inject(SessionService).load();
    return user ? { kind: 'user', user } : { kind: 'signed-out' };
  } catch {
    return { kind: 'unreachable' };
  }
}

/**
 * Lets signed-in people through. Anyone else leaves for the portal's sign-in (a full-page navigation
 * through the API), coming back to the page they asked for. When the server can't be asked, '/'
 * explains that and offers a retry.
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const browser = inject(BrowserService);
  const router = inject(Router);
  const result = await check();
  if (result.kind === 'user') {
    return true;
  }
  if (result.kind === 'unreachable') {
    return router.parseUrl('/');
  }
  browser.assign(signInUrl(state.url));
  return false;
};

/** Like authGuard, and the person must be an administrator; others go to '/'. */
export const adminGuard: CanActivateFn = async (_route, state) => {
  const browser = inject(BrowserService);
  const router = inject(Router);
  const result = await check();
  if (result.kind === 'user') {
    return result.user.isAdmin ? true : router.parseUrl('/');
  }
  if (result.kind === 'unreachable') {
    return router.parseUrl('/');
  }
  browser.assign(signInUrl(state.url));
  return false;
};

/** Who may invite and look after guests: administrators, and employees given the `sponsor` permission. */
export function maySponsor(user: CurrentUser): boolean {
  return user.isAdmin || (user.kind !== 'guest' && (user.permissions ?? []).includes('sponsor'));
}

/** Like adminGuard, for the guests pages outside the console: administrators and sponsors; others go to '/'. */
export const sponsorGuard: CanActivateFn = async (_route, state) => {
  const browser = inject(BrowserService);
  const router = inject(Router);
  const result = await check();
  if (result.kind === 'user') {
    return maySponsor(result.user) ? true : router.parseUrl('/');
  }
  if (result.kind === 'unreachable') {
    return router.parseUrl('/');
  }
  browser.assign(signInUrl(state.url));
  return false;
};

/** Who may write company announcements: administrators, and employees given the `communication` permission. */
export function mayCommunicate(user: CurrentUser): boolean {
  return user.isAdmin || (user.kind !== 'guest' && (user.permissions ?? []).includes('communication'));
}

/** Like sponsorGuard, for the announcements pages outside the console: administrators and communication people; others go to '/'. */
export const communicationGuard: CanActivateFn = async (_route, state) => {
  const browser = inject(BrowserService);
  const router = inject(Router);
  const result = await check();
  if (result.kind === 'user') {
    return mayCommunicate(result.user) ? true : router.parseUrl('/');
  }
  if (result.kind === 'unreachable') {
    return router.parseUrl('/');
  }
  browser.assign(signInUrl(state.url));
  return false;
};

/** Who works the support queue: administrators, and employees given the `support` permission (support agents). */
export function maySupport(user: CurrentUser): boolean {
  return user.isAdmin || (user.kind !== 'guest' && (user.permissions ?? []).includes('support'));
}

/** Like communicationGuard, for the support queue: administrators and support agents; others go to '/'. */
export const supportGuard: CanActivateFn = async (_route, state) => {
  const browser = inject(BrowserService);
  const router = inject(Router);
  const result = await check();
  if (result.kind === 'user') {
    return maySupport(result.user) ? true : router.parseUrl('/');
  }
  if (result.kind === 'unreachable') {
    return router.parseUrl('/');
  }
  browser.assign(signInUrl(state.url));
  return false;
};
