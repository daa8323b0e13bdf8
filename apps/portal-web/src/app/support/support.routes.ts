import type { Routes } from '@angular/router';
import { supportGuard } from '../core/session';
import { supportMessagesLoaded } from './support-messages';

/** `/support/queue` (registered before the requesters' `/support` pages): support agents and administrators. */
export const supportQueueRoutes: Routes = [
  {
    path: '',
    canActivate: [supportGuard, supportMessagesLoaded],
    children: [
      { path: '', title: 'title.support.queue', loadComponent: () => import('./queue/queue-page.component').then((m) => m.QueuePageComponent) },
      { path: 'canned', title: 'title.support.canned', loadComponent: () => import('./canned-page.component').then((m) => m.CannedPageComponent) },
      { path: ':ticketId', title: 'title.support.ticket', loadComponent: () => import('./ticket/ticket-page.component').then((m) => m.TicketPageComponent) },
    ],
  },
];

/** Under `/admin/support` (the console's layout and adminGuard around them). */
export const adminSupportRoutes: Routes = [
  {
    path: '',
    title: 'title.admin.support',
    canActivate: [supportMessagesLoaded],
    loadComponent: () => import('./admin/support-settings-layout.component').then((m) => m.SupportSettingsLayoutComponent),
    children: [
      { path: '', loadComponent: () => import('./admin/categories-section.component').then((m) => m.CategoriesSectionComponent) },
      { path: 'sla', loadComponent: () => import('./admin/sla-section.component').then((m) => m.SlaSectionComponent) },
      { path: 'canned', loadComponent: () => import('./canned-replies.component').then((m) => m.CannedRepliesComponent) },
      { path: 'webhooks', loadComponent: () => import('./admin/webhooks-section.component').then((m) => m.WebhooksSectionComponent) },
    ],
  },
];
