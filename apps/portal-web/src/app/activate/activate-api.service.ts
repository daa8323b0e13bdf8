import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type ActivateAccountRequest, ApiRoutes } from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** Answer of POST /api/setup/activate: whose account now has a password. */
export interface ActivatedAccount {
  email: string;
  name: string;
}

/** Link checks go through SetupLinkService (shared with /setup). */
@Injectable({ providedIn: 'root' })
export class ActivateApiService {
  private readonly http = inject(HttpClient);

  activate(request: ActivateAccountRequest): Observable<ActivatedAccount> {
    return this.http.post<ActivatedAccount>(ApiRoutes.activate, request);
  }
}
