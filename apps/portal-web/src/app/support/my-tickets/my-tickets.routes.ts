import type { Routes } from '@angular/router';
import { authGuard } from '../../core/session';

/** `/support` (My tickets) and `/support/tickets/:id`, for every signed-in person (lazy). */
export const myTicketsRoutes: Routes = [
  {
    path: '',
    title: 'title.myTickets',
    canActivate: [authGuard],
    loadComponent: () => import('./my-tickets-page.component').then((m) => m.MyTicketsPageComponent),
  },
  {
    path: 'tickets/:id',
    title: 'title.myTickets',
    canActivate: [authGuard],
    loadComponent: () => import('./my-tickets-page.component').then((m) => m.MyTicketsPageComponent),
  },
];
