import type { Routes } from '@angular/router';
import { authGuard } from '../core/session';

/** `/alerts`: the person's notification centre (lazy). */
export const alertsRoutes: Routes = [
  {
    path: '',
    title: 'title.alerts',
    canActivate: [authGuard],
    loadComponent: () => import('./alerts-page.component').then((m) => m.AlertsPageComponent),
  },
];
