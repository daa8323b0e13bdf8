import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AnnouncementAdminView,
  type AnnouncementOptions,
  AnnouncementRoutes,
  type AnnouncementView,
  type SaveAnnouncementRequest,
  type SetAnnouncementImageRequest,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** The announcements API (AnnouncementRoutes): the console's calls and the dashboard's feed. */
@Injectable({ providedIn: 'root' })
export class AnnouncementsApiService {
  private readonly http = inject(HttpClient);

  feed(): Observable<AnnouncementView[]> {
    return this.http.get<AnnouncementView[]>(AnnouncementRoutes.feed);
  }

  list(): Observable<AnnouncementAdminView[]> {
    return this.http.get<AnnouncementAdminView[]>(AnnouncementRoutes.manage);
  }

  get(id: string): Observable<AnnouncementAdminView> {
    return this.http.get<AnnouncementAdminView>(AnnouncementRoutes.one(id));
  }

  options(): Observable<AnnouncementOptions> {
    return this.http.get<AnnouncementOptions>(AnnouncementRoutes.options);
  }

  create(request: SaveAnnouncementRequest): Observable<AnnouncementAdminView> {
    return this.http.post<AnnouncementAdminView>(AnnouncementRoutes.manage, request);
  }

  update(id: string, request: SaveAnnouncementRequest): Observable<AnnouncementAdminView> {
    return this.http.put<AnnouncementAdminView>(AnnouncementRoutes.one(id), request);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(AnnouncementRoutes.one(id));
  }

  setImage(id: string, request: SetAnnouncementImageRequest): Observable<AnnouncementAdminView> {
    return this.http.put<AnnouncementAdminView>(AnnouncementRoutes.image(id), request);
  }

  removeImage(id: string): Observable<AnnouncementAdminView> {
    return this.http.delete<AnnouncementAdminView>(AnnouncementRoutes.image(id));
  }
}
