import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type BulkGuestRequest,
  type BulkGuestResponse,
  type GuestFilter,
  type GuestList,
  type GuestOptions,
  GuestRoutes,
  type GuestView,
  type InviteGuestRequest,
  type InviteGuestResponse,
  type UpdateGuestRequest,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** The guests API (GuestRoutes): the same calls for administrators and for sponsors. */
@Injectable({ providedIn: 'root' })
export class GuestsApiService {
  private readonly http = inject(HttpClient);

  list(filter: GuestFilter, search: string): Observable<GuestList> {
    let params = new HttpParams().set('filter', filter);
    if (search.trim()) {
      params = params.set('search', search.trim());
    }
    return this.http.get<GuestList>(GuestRoutes.guests, { params });
  }

  guest(id: string): Observable<GuestView> {
    return this.http.get<GuestView>(GuestRoutes.guest(id));
  }

  options(): Observable<GuestOptions> {
    return this.http.get<GuestOptions>(GuestRoutes.options);
  }

  invite(request: InviteGuestRequest): Observable<InviteGuestResponse> {
    return this.http.post<InviteGuestResponse>(GuestRoutes.guests, request);
  }

  update(id: string, request: UpdateGuestRequest): Observable<GuestView> {
    return this.http.patch<GuestView>(GuestRoutes.guest(id), request);
  }

  revoke(id: string): Observable<GuestView> {
    return this.http.post<GuestView>(GuestRoutes.revoke(id), {});
  }

  resendInvitation(id: string): Observable<InviteGuestResponse> {
    return this.http.post<InviteGuestResponse>(GuestRoutes.invitation(id), {});
  }

  cancelInvitation(id: string): Observable<void> {
    return this.http.delete<void>(GuestRoutes.invitation(id));
  }

  bulk(request: BulkGuestRequest): Observable<BulkGuestResponse> {
    return this.http.post<BulkGuestResponse>(GuestRoutes.bulk, request);
  }
}
