import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  ApiRoutes,
  type CreateFirstAdminRequest,
  type CreateFirstAdminResponse,
  type SetupLinkStatus,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class SetupApiService {
  private readonly http = inject(HttpClient);

  /** Asks whether a setup link still works, before showing the form. */
  checkLink(token: string): Observable<SetupLinkStatus> {
    return this.http.get<SetupLinkStatus>(ApiRoutes.setupLink, { params: { token } });
  }

  createFirstAdmin(request: CreateFirstAdminRequest): Observable<CreateFirstAdminResponse> {
    return this.http.post<CreateFirstAdminResponse>(ApiRoutes.setup, request);
  }
}
