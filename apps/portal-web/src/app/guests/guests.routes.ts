import type { Routes } from '@angular/router';
import { sponsorGuard } from '../core/session';

/**
 * The guests pages, lazy. Mounted twice: in the console at `/admin/guests` (behind the console's
 * adminGuard) and at `/guests` for employees allowed to sponsor guests. Links between the pages are
 * relative, so each mount keeps to its own paths; the API decides which guests each caller sees.
 */
function guestPages(titles: { list: string; invite: string; detail: string }): Routes {
  return [
    { path: '', title: titles.list, loadComponent: () => import('./guests-page.component').then((m) => m.GuestsPageComponent) },
    { path: 'new', title: titles.invite, loadComponent: () => import('./guest-invite-page.component').then((m) => m.GuestInvitePageComponent) },
    { path: ':guestId', title: titles.detail, loadComponent: () => import('./guest-detail-page.component').then((m) => m.GuestDetailPageComponent) },
  ];
}

/** Under `/admin/guests` (the console's layout and guard around them). */
export const adminGuestsRoutes: Routes = guestPages({ list: 'title.admin.guests', invite: 'title.admin.inviteGuest', detail: 'title.admin.guest' });

/** Under `/guests`: administrators and sponsors. */
export const sponsorGuestsRoutes: Routes = [
  { path: '', canActivate: [sponsorGuard], children: guestPages({ list: 'title.guests', invite: 'title.inviteGuest', detail: 'title.guest' }) },
];
