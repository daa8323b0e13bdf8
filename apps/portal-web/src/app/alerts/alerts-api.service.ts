import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AlertCounts,
  type AlertList,
  type AlertListQuery,
  AlertRoutes,
  CatalogRoutes,
  type Dashboard,
  type DashboardApp,
  type UpdateAlertStateRequest,
} from '@passerelle/contracts';
import { type Observable, map } from 'rxjs';

/** The signed-in person's alerts (AlertRoutes.mine and below). */
@Injectable({ providedIn: 'root' })
export class AlertsApiService {
  private readonly http = inject(HttpClient);

  list(query: AlertListQuery = {}): Observable<AlertList> {
    let params = new HttpParams();
    if (query.appId) {
      params = params.set('appId', query.appId);
    }
    if (query.severity) {
      params = params.set('severity', query.severity);
    }
    if (query.unread) {
      params = params.set('unread', 'true');
    }
    if (query.before) {
      params = params.set('before', query.before);
    }
    if (query.limit) {
      params = params.set('limit', String(query.limit));
    }
    return this.http.get<AlertList>(AlertRoutes.mine, { params });
  }

  counts(): Observable<AlertCounts> {
    return this.http.get<AlertCounts>(AlertRoutes.counts);
  }

  /**
   * Marks one alert read/unread or dismisses it. `keepalive` lets the request finish when the click
   * that caused it also leaves the page (an alert's link on the portal's own origin).
   */
  update(id: string, change: UpdateAlertStateRequest): Observable<void> {
    return this.http.patch<void>(AlertRoutes.one(id), change, { keepalive: true });
  }

  /** Marks every alert (or one app's) read. */
  readAll(appId?: string): Observable<void> {
    return this.http.post<void>(AlertRoutes.readAll, appId ? { appId } : {});
  }

  /** The apps the person may open: names and icons for the filter and the list. */
  apps(): Observable<DashboardApp[]> {
    return this.http.get<Dashboard>(CatalogRoutes.dashboard).pipe(map((dashboard) => dashboard.apps));
  }
}
