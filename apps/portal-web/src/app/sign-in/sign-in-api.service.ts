import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';

/**
 * The identity module (password + TOTP) will own this endpoint; until it is installed the API answers
 * 404 or 501. Move the path to ApiRoutes in @passerelle/contracts when the module lands.
 */
export const SIGN_IN_ENDPOINT = '/api/auth/sign-in';

export interface SignInRequest {
  email: string;
  password: string;
}

@Injectable({ providedIn: 'root' })
export class SignInApiService {
  private readonly http = inject(HttpClient);

  signIn(request: SignInRequest): Observable<unknown> {
    return this.http.post<unknown>(SIGN_IN_ENDPOINT, request);
  }
}
