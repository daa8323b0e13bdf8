import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AuthRoutes,
  type CompletePasswordReset,
  type PasswordResetLinkStatus,
  type RequestPasswordReset,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ResetPasswordApiService {
  private readonly http = inject(HttpClient);

  /** 202 whether or not an account uses the address. */
  request(body: RequestPasswordReset): Observable<unknown> {
    return this.http.post(AuthRoutes.passwordReset, body);
  }

  /** The token goes in the body, so it stays out of access logs. */
  check(token: string): Observable<PasswordResetLinkStatus> {
    return this.http.post<PasswordResetLinkStatus>(AuthRoutes.passwordResetCheck, { token });
  }

  complete(body: CompletePasswordReset): Observable<unknown> {
    return this.http.post(AuthRoutes.passwordResetComplete, body);
  }
}
