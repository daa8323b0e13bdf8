import type { Routes } from '@angular/router';
import { adminGuard } from '../core/session';
import { AdminLayoutComponent } from './admin-layout.component';

export const adminRoutes: Routes = [
  {
    path: '',
    component: AdminLayoutComponent,
    canActivate: [adminGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      { path: 'users', title: 'title.admin.users', loadComponent: () => import('./users-page.component').then((m) => m.UsersPageComponent) },
      { path: 'apps', title: 'title.admin.apps', loadComponent: () => import('./apps-page.component').then((m) => m.AppsPageComponent) },
      { path: 'audit', title: 'title.admin.audit', loadComponent: () => import('./audit-page.component').then((m) => m.AuditPageComponent) },
      { path: 'outbox', title: 'title.admin.outbox', loadComponent: () => import('./outbox-page.component').then((m) => m.OutboxPageComponent) },
    ],
  },
];
