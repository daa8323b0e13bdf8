import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ApiRoutes, type CreateFirstAdminRequest, type CreateFirstAdminResponse } from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** Link checks go through SetupLinkService (shared with /activate). */
@Injectable({ providedIn: 'root' })
export class SetupApiService {
  private readonly http = inject(HttpClient);

  createFirstAdmin(request: CreateFirstAdminRequest): Observable<CreateFirstAdminResponse> {
    return this.http.post<CreateFirstAdminResponse>(ApiRoutes.setup, request);
  }
}
