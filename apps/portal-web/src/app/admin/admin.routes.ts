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
      { path: 'groups', title: 'title.admin.groups', loadComponent: () => import('./groups/groups-page.component').then((m) => m.GroupsPageComponent) },
      { path: 'apps', title: 'title.admin.apps', loadComponent: () => import('./catalog/catalog-page.component').then((m) => m.CatalogPageComponent) },
      // The OpenID Connect clients apps sign in with ("Sign-in clients" tab of Apps).
      { path: 'apps/clients', title: 'title.admin.clients', loadComponent: () => import('./apps-page.component').then((m) => m.AppsPageComponent) },
      { path: 'apps/new', title: 'title.admin.newApp', loadComponent: () => import('./catalog/app-editor-page.component').then((m) => m.AppEditorPageComponent) },
      { path: 'apps/:appId', title: 'title.admin.editApp', loadComponent: () => import('./catalog/app-editor-page.component').then((m) => m.AppEditorPageComponent) },
      {
        path: 'access-requests',
        title: 'title.admin.accessRequests',
        loadComponent: () => import('./access-requests/access-requests-page.component').then((m) => m.AccessRequestsPageComponent),
      },
      { path: 'guests', loadChildren: () => import('../guests/guests.routes').then((m) => m.adminGuestsRoutes) },
      { path: 'announcements', loadChildren: () => import('../announcements/announcements.routes').then((m) => m.adminAnnouncementsRoutes) },
      { path: 'support', loadChildren: () => import('../support/support.routes').then((m) => m.adminSupportRoutes) },
      { path: 'audit', title: 'title.admin.audit', loadComponent: () => import('./audit-page.component').then((m) => m.AuditPageComponent) },
      { path: 'outbox', title: 'title.admin.outbox', loadComponent: () => import('./outbox-page.component').then((m) => m.OutboxPageComponent) },
    ],
  },
];
