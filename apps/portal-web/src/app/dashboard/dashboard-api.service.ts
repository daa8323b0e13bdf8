import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { CatalogRoutes, type CreateAccessRequest, type Dashboard, type RequestableApp, type UpdatePinsRequest } from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** The person's request as the server returns it after POST (the contract leaves the body open). */
export type SentAccessRequest = Partial<NonNullable<RequestableApp['request']>> | null;

/** The signed-in person's dashboard (CatalogRoutes). */
@Injectable({ providedIn: 'root' })
export class DashboardApiService {
  private readonly http = inject(HttpClient);

  dashboard(): Observable<Dashboard> {
    return this.http.get<Dashboard>(CatalogRoutes.dashboard);
  }

  savePins(appIds: readonly string[]): Observable<unknown> {
    const body: UpdatePinsRequest = { appIds: [...appIds] };
    return this.http.put(CatalogRoutes.pins, body);
  }

  requestAccess(request: CreateAccessRequest): Observable<SentAccessRequest> {
    return this.http.post<SentAccessRequest>(CatalogRoutes.accessRequests, request);
  }
}
