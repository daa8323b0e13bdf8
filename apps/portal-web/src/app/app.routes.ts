import type { Routes } from '@angular/router';

/** Paths mirror WebRoutes in @passerelle/contracts. Route titles are message keys (see PageTitleStrategy). */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', loadChildren: () => import('./home/home.routes').then((m) => m.homeRoutes) },
  { path: 'setup', loadChildren: () => import('./setup/setup.routes').then((m) => m.setupRoutes) },
  { path: 'activate', loadChildren: () => import('./activate/activate.routes').then((m) => m.activateRoutes) },
  { path: 'sign-in', loadChildren: () => import('./sign-in/sign-in.routes').then((m) => m.signInRoutes) },
  { path: '**', loadChildren: () => import('./not-found/not-found.routes').then((m) => m.notFoundRoutes) },
];
