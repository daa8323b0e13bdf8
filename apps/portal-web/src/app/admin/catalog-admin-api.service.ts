import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AccessRequestStatus,
  type AccessRequestView,
  type AppGrant,
  CatalogAdminRoutes,
  type CatalogApp,
  type CatalogAppInput,
  type CatalogAppUpdate,
  type CatalogOrder,
  type CatalogOverview,
  type CatalogSection,
  type DecideAccessRequest,
  FeedRoutes,
  type FeedStatus,
  type GroupInput,
  type GroupMember,
  type GroupView,
  type Page,
  type SetAppIconRequest,
} from '@passerelle/contracts';
import { type Observable, map } from 'rxjs';

/** A list the server may send bare or as a Page: the items either way. */
function itemsOf<T>(value: T[] | Page<T>): T[] {
  return Array.isArray(value) ? value : value.items;
}

/** The console's catalog, groups and access-request API (CatalogAdminRoutes). */
@Injectable({ providedIn: 'root' })
export class CatalogAdminApiService {
  private readonly http = inject(HttpClient);

  catalog(): Observable<CatalogOverview> {
    return this.http.get<CatalogOverview>(CatalogAdminRoutes.catalog);
  }

  createApp(input: CatalogAppInput): Observable<CatalogApp> {
    return this.http.post<CatalogApp>(CatalogAdminRoutes.apps, input);
  }

  updateApp(appId: string, update: CatalogAppUpdate): Observable<CatalogApp> {
    return this.http.patch<CatalogApp>(CatalogAdminRoutes.app(appId), update);
  }

  deleteApp(appId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.app(appId));
  }

  setIcon(appId: string, request: SetAppIconRequest): Observable<CatalogApp> {
    return this.http.put<CatalogApp>(CatalogAdminRoutes.appIcon(appId), request);
  }

  removeIcon(appId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.appIcon(appId));
  }

  /** How polling the app's feed goes (404 when it has no feed URL). */
  feedStatus(appId: string): Observable<FeedStatus> {
    return this.http.get<FeedStatus>(FeedRoutes.status(appId));
  }

  /** Polls the feed now; answers with the state that came of it. */
  checkFeed(appId: string): Observable<FeedStatus> {
    return this.http.post<FeedStatus>(FeedRoutes.check(appId), {});
  }

  grants(appId: string): Observable<AppGrant[]> {
    return this.http.get<AppGrant[] | Page<AppGrant>>(CatalogAdminRoutes.appGrants(appId)).pipe(map(itemsOf));
  }

  grant(appId: string, userId: string): Observable<unknown> {
    return this.http.post(CatalogAdminRoutes.appGrants(appId), { userId });
  }

  revoke(appId: string, userId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.appGrant(appId, userId));
  }

  createSection(name: string): Observable<CatalogSection> {
    return this.http.post<CatalogSection>(CatalogAdminRoutes.sections, { name });
  }

  renameSection(sectionId: string, name: string): Observable<CatalogSection> {
    return this.http.patch<CatalogSection>(CatalogAdminRoutes.section(sectionId), { name });
  }

  deleteSection(sectionId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.section(sectionId));
  }

  saveOrder(order: CatalogOrder): Observable<unknown> {
    return this.http.put(CatalogAdminRoutes.order, order);
  }

  groups(): Observable<GroupView[]> {
    return this.http.get<GroupView[] | Page<GroupView>>(CatalogAdminRoutes.groups).pipe(map(itemsOf));
  }

  createGroup(input: GroupInput): Observable<GroupView> {
    return this.http.post<GroupView>(CatalogAdminRoutes.groups, input);
  }

  updateGroup(groupId: string, input: GroupInput): Observable<GroupView> {
    return this.http.patch<GroupView>(CatalogAdminRoutes.group(groupId), input);
  }

  deleteGroup(groupId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.group(groupId));
  }

  members(groupId: string): Observable<GroupMember[]> {
    return this.http.get<GroupMember[] | Page<GroupMember>>(CatalogAdminRoutes.groupMembers(groupId)).pipe(map(itemsOf));
  }

  /** The group's members after adding one. */
  addMember(groupId: string, userId: string): Observable<GroupMember[] | null> {
    return this.http.post<GroupMember[] | null>(CatalogAdminRoutes.groupMembers(groupId), { userId });
  }

  removeMember(groupId: string, userId: string): Observable<void> {
    return this.http.delete<void>(CatalogAdminRoutes.groupMember(groupId, userId));
  }

  accessRequests(status: AccessRequestStatus, page = 1, pageSize = 50): Observable<Page<AccessRequestView>> {
    const params = new HttpParams().set('status', status).set('page', page).set('pageSize', pageSize);
    return this.http.get<Page<AccessRequestView> | AccessRequestView[]>(CatalogAdminRoutes.accessRequests, { params }).pipe(
      map((value) => (Array.isArray(value) ? { items: value, total: value.length, page: 1, pageSize: value.length } : value)),
    );
  }

  approve(id: string, request: DecideAccessRequest): Observable<unknown> {
    return this.http.post(CatalogAdminRoutes.approveAccessRequest(id), request);
  }

  refuse(id: string, request: DecideAccessRequest): Observable<unknown> {
    return this.http.post(CatalogAdminRoutes.refuseAccessRequest(id), request);
  }
}
