import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  type AccessRequestView,
  CatalogRoutes,
  type CodeStepRequest,
  type CreateAccessRequest,
  type ConsentRequest,
  type InteractionState,
  InteractionRoutes,
  type PasswordStepRequest,
} from '@passerelle/contracts';
import type { Observable } from 'rxjs';

/** The sign-in steps of one oidc-provider interaction (`/interaction/:uid/...`, JSON), and asking for an app from there. */
@Injectable({ providedIn: 'root' })
export class InteractionApiService {
  private readonly http = inject(HttpClient);

  state(uid: string): Observable<InteractionState> {
    return this.http.get<InteractionState>(InteractionRoutes.state(uid));
  }

  password(uid: string, request: PasswordStepRequest): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.password(uid), request);
  }

  totp(uid: string, request: CodeStepRequest): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.totp(uid), request);
  }

  recovery(uid: string, request: CodeStepRequest): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.recovery(uid), request);
  }

  enrolment(uid: string, request: CodeStepRequest): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.enrolment(uid), request);
  }

  finish(uid: string): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.finish(uid), {});
  }

  consent(uid: string, request: ConsentRequest): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.consent(uid), request);
  }

  abort(uid: string): Observable<InteractionState> {
    return this.http.post<InteractionState>(InteractionRoutes.abort(uid), {});
  }

  /** "Request access" on the no-access step (the person is signed in by then). */
  requestAccess(appId: string): Observable<AccessRequestView> {
    const request: CreateAccessRequest = { appId };
    return this.http.post<AccessRequestView>(CatalogRoutes.accessRequests, request);
  }
}
