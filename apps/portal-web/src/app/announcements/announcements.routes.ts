import type { Routes } from '@angular/router';
import { communicationGuard } from '../core/session';

/**
 * The announcements pages, lazy. Mounted twice: in the console at `/admin/announcements` (behind
 * the console's adminGuard) and at `/announcements` for employees given the `communication`
 * permission. Links between the pages are relative, so each mount keeps to its own paths.
 */
function announcementPages(titles: { list: string; create: string; edit: string }): Routes {
  return [
    { path: '', title: titles.list, loadComponent: () => import('./announcements-page.component').then((m) => m.AnnouncementsPageComponent) },
    { path: 'new', title: titles.create, loadComponent: () => import('./announcement-editor-page.component').then((m) => m.AnnouncementEditorPageComponent) },
    { path: ':announcementId', title: titles.edit, loadComponent: () => import('./announcement-editor-page.component').then((m) => m.AnnouncementEditorPageComponent) },
  ];
}

/** Under `/admin/announcements` (the console's layout and guard around them). */
export const adminAnnouncementsRoutes: Routes = announcementPages({
  list: 'title.admin.announcements',
  create: 'title.admin.newAnnouncement',
  edit: 'title.admin.editAnnouncement',
});

/** Under `/announcements`: administrators and communication people. */
export const communicationAnnouncementsRoutes: Routes = [
  {
    path: '',
    canActivate: [communicationGuard],
    children: announcementPages({ list: 'title.announcements', create: 'title.newAnnouncement', edit: 'title.editAnnouncement' }),
  },
];
