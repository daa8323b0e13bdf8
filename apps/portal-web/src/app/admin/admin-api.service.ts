import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AdminCreateUserRequest,
  type AdminCreateUserResponse,
  AdminRoutes,
  type AdminUpdateUserRequest,
  type AdminUser,
  type AppClient,
  type AuditEventView,
  type CreateAppRequest,
  type CreatedAppClient,
  type OutboxMail,
  type Page,
  type SessionInfo,
  type UpdateAppRequest,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

export interface UserQuery {
  search: string;
  page: number;
  pageSize: number;
}

export interface AuditQuery {
  event?: string;
  outcome?: 'success' | 'failure';
  /** ISO date-times. */
  from?: string;
  to?: string;
  /** Id of the last event already shown: the next page starts after it. */
  before?: string;
}

export type UserAction = 'disable' | 'enable' | 'resetSecondFactor' | 'unlock';

/** Query parameters without the empty ones. */
function params(values: Record<string, string | number | undefined>): HttpParams {
  let result = new HttpParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      result = result.set(key, String(value));
    }
  }
  return result;
}

/** The administration API (AdminRoutes). */
@Injectable({ providedIn: 'root' })
export class AdminApiService {
  private readonly http = inject(HttpClient);

  users(query: UserQuery): Observable<Page<AdminUser>> {
    return this.http.get<Page<AdminUser>>(AdminRoutes.users, {
      params: params({ search: query.search.trim(), page: query.page, pageSize: query.pageSize }),
    });
  }

  createUser(request: AdminCreateUserRequest): Observable<AdminCreateUserResponse> {
    return this.http.post<AdminCreateUserResponse>(AdminRoutes.users, request);
  }

  updateUser(id: string, request: AdminUpdateUserRequest): Observable<AdminUser> {
    return this.http.patch<AdminUser>(AdminRoutes.user(id), request);
  }

  userAction(id: string, action: UserAction): Observable<AdminUser> {
    const url = {
      disable: AdminRoutes.disableUser,
      enable: AdminRoutes.enableUser,
      resetSecondFactor: AdminRoutes.resetSecondFactor,
      unlock: AdminRoutes.unlockUser,
    }[action](id);
    return this.http.post<AdminUser>(url, {});
  }

  userSessions(id: string): Observable<SessionInfo[]> {
    return this.http.get<SessionInfo[]>(AdminRoutes.userSessions(id));
  }

  endUserSessions(id: string): Observable<void> {
    return this.http.delete<void>(AdminRoutes.userSessions(id));
  }

  audit(query: AuditQuery): Observable<Page<AuditEventView>> {
    return this.http.get<Page<AuditEventView>>(AdminRoutes.audit, { params: params({ ...query }) });
  }

  outbox(page: number): Observable<Page<OutboxMail>> {
    return this.http.get<Page<OutboxMail>>(AdminRoutes.outbox, { params: params({ page }) });
  }

  apps(): Observable<AppClient[]> {
    return this.http.get<AppClient[]>(AdminRoutes.apps);
  }

  createApp(request: CreateAppRequest): Observable<CreatedAppClient> {
    return this.http.post<CreatedAppClient>(AdminRoutes.apps, request);
  }

  /** Replaces the app's extra API scopes (e.g. grants alerts:write). */
  updateAppScopes(clientId: string, request: UpdateAppRequest): Observable<AppClient> {
    return this.http.patch<AppClient>(AdminRoutes.app(clientId), request);
  }

  rotateSecret(clientId: string): Observable<CreatedAppClient> {
    return this.http.post<CreatedAppClient>(AdminRoutes.rotateAppSecret(clientId), {});
  }

  deleteApp(clientId: string): Observable<void> {
    return this.http.delete<void>(AdminRoutes.app(clientId));
  }
}
