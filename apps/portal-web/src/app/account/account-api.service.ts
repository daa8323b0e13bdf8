import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AccountRoutes,
  type AccountSecurity,
  type ChangePasswordRequest,
  type CodeStepRequest,
  type RecoveryCodes,
  type SecondFactorProof,
  type SessionInfo,
  type TotpEnrolment,
  type UpdateProfileRequest,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** The signed-in person's own account (AccountRoutes). */
@Injectable({ providedIn: 'root' })
export class AccountApiService {
  private readonly http = inject(HttpClient);

  security(): Observable<AccountSecurity> {
    return this.http.get<AccountSecurity>(AccountRoutes.security);
  }

  updateProfile(request: UpdateProfileRequest): Observable<void> {
    return this.http.patch<void>(AccountRoutes.profile, request);
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(AccountRoutes.password, request);
  }

  startAuthenticator(proof: SecondFactorProof): Observable<TotpEnrolment> {
    return this.http.post<TotpEnrolment>(AccountRoutes.authenticatorStart, proof);
  }

  confirmAuthenticator(request: CodeStepRequest): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>(AccountRoutes.authenticatorConfirm, request);
  }

  newRecoveryCodes(proof: SecondFactorProof): Observable<RecoveryCodes> {
    return this.http.post<RecoveryCodes>(AccountRoutes.recoveryCodes, proof);
  }

  sessions(): Observable<SessionInfo[]> {
    return this.http.get<SessionInfo[]>(AccountRoutes.sessions);
  }

  endSession(id: string): Observable<void> {
    return this.http.delete<void>(AccountRoutes.session(id));
  }

  signOutEverywhere(): Observable<void> {
    return this.http.post<void>(AccountRoutes.signOutEverywhere, {});
  }
}

/** A TOTP code is digits (spaces allowed); anything else typed in the same box is a recovery code. */
export function secondFactorProof(value: string): SecondFactorProof {
  const trimmed = value.trim();
  const digits = trimmed.replace(/\s+/g, '');
  return /^\d{6,8}$/.test(digits) ? { code: digits } : { recoveryCode: trimmed };
}
