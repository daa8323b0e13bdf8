import type { Routes } from '@angular/router';
import { homeRoutes } from './home/home.routes';

/** Paths mirror WebRoutes in @passerelle/contracts. Route titles are message keys (see PageTitleStrategy). */
export const appRoutes: Routes = [
  // The dashboard is what almost every visit opens: in the first download, not one chunk round trip later.
  { path: '', pathMatch: 'full', children: homeRoutes },
  { path: 'setup', loadChildren: () => import('./setup/setup.routes').then((m) => m.setupRoutes) },
  { path: 'activate', loadChildren: () => import('./activate/activate.routes').then((m) => m.activateRoutes) },
  { path: 'sign-in', loadChildren: () => import('./sign-in/sign-in.routes').then((m) => m.signInRoutes) },
  {
    path: 'interaction',
    loadChildren: () => import('./interaction/interaction.routes').then((m) => m.interactionRoutes),
  },
  {
    path: 'reset-password',
    loadChildren: () => import('./reset-password/reset-password.routes').then((m) => m.resetPasswordRoutes),
  },
  // Guarded inside (authGuard / adminGuard from core/session).
  {
    path: 'account',
    loadChildren: () => import('./account/account.routes').then((m) => m.accountRoutes),
  },
  // Guests for employees allowed to sponsor them (sponsorGuard inside); administrators use /admin/guests.
  {
    path: 'guests',
    loadChildren: () => import('./guests/guests.routes').then((m) => m.sponsorGuestsRoutes),
  },
  // The notification centre (authGuard inside); the bell in the header links here.
  { path: 'alerts', loadChildren: () => import('./alerts/alerts.routes').then((m) => m.alertsRoutes) },
  // Announcements for employees given the communication permission (communicationGuard inside); administrators use /admin/announcements.
  {
    path: 'announcements',
    loadChildren: () => import('./announcements/announcements.routes').then((m) => m.communicationAnnouncementsRoutes),
  },
  // The support queue for agents and administrators (supportGuard inside). Before the requesters' `support` pages.
  { path: 'support/queue', loadChildren: () => import('./support/support.routes').then((m) => m.supportQueueRoutes) },
  // The person's own tickets (authGuard inside): `/support` and `/support/tickets/:id`, shown by the support widget inline.
  { path: 'support', loadChildren: () => import('./support/my-tickets/my-tickets.routes').then((m) => m.myTicketsRoutes) },
  {
    path: 'admin',
    loadChildren: () => import('./admin/admin.routes').then((m) => m.adminRoutes),
  },
  { path: '**', loadChildren: () => import('./not-found/not-found.routes').then((m) => m.notFoundRoutes) },
];
