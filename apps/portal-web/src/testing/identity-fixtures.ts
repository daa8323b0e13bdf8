import type { HttpTestingController, TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import type {
  AdminUser,
  ApiErrorBody,
  ApiErrorCode,
  AppClient,
  AuditEventView,
  CurrentUser,
  OutboxMail,
  Page,
  SessionInfo,
} from '@passerelle/contracts';
import { BrowserService, SessionService } from '../app/core/session';

/** Fixtures and stubs for the account and admin specs. */

export function currentUser(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 'u1',
    email: 'lea@acme.test',
    name: 'Léa Roux',
    givenName: 'Léa',
    familyName: 'Roux',
    locale: 'en',
    isAdmin: true,
    kind: 'employee',
    permissions: [],
    groups: [],
    amr: ['pwd', 'otp'],
    ...overrides,
  };
}

export function sessionInfo(overrides: Partial<SessionInfo> = {}): SessionInfo {
  return {
    id: 's1',
    current: false,
    browser: 'Firefox',
    os: 'Windows',
    ipAddress: '203.0.113.7',
    place: null,
    signedInAt: new Date(Date.now() - 3 * 24 * 3600_000).toISOString(),
    lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
    apps: [],
    ...overrides,
  };
}

export function adminUser(overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    id: 'u2',
    email: 'marc@acme.test',
    name: 'Marc Petit',
    isAdmin: false,
    kind: 'employee',
    permissions: [],
    accessEndsAt: null,
    status: 'active',
    groups: [],
    totpEnrolled: true,
    lockedUntil: null,
    lastSignInAt: null,
    createdAt: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

export function appClient(overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId: 'wiki',
    name: 'Wiki',
    public: false,
    firstParty: false,
    redirectUris: ['https://wiki.acme.test/callback'],
    postLogoutRedirectUris: [],
    initiateLoginUri: null,
    backchannelLogoutUri: null,
    scopes: [],
    idTokenSigningAlg: 'RS256',
    createdAt: '2026-01-01T10:00:00Z',
    ...overrides,
  };
}

export function auditEvent(overrides: Partial<AuditEventView> = {}): AuditEventView {
  return {
    id: 'e1',
    at: '2026-03-02T10:00:00Z',
    event: 'sign_in',
    outcome: 'success',
    actor: 'lea@acme.test',
    subject: null,
    ipAddress: '203.0.113.7',
    details: {},
    ...overrides,
  };
}

export function outboxMail(overrides: Partial<OutboxMail> = {}): OutboxMail {
  return {
    id: 'm1',
    to: 'marc@acme.test',
    subject: 'Your Acme Coop account',
    text: 'Hello Marc,\nchoose your password here.',
    createdAt: '2026-03-02T10:00:00Z',
    sentAt: null,
    ...overrides,
  };
}

export function pageOf<T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> {
  return { items, total: items.length, page: 1, pageSize: 20, ...overrides };
}

/** Answers a request with an ApiErrorBody. */
export function flushError(request: TestRequest, status: number, code: ApiErrorCode, fields?: Record<string, string[]>): void {
  const body: ApiErrorBody = { statusCode: status, code, message: code, ...(fields ? { fields } : {}) };
  request.flush(body, { status, statusText: 'Error' });
}

/** The one pending request for `method url` (query string ignored). */
export function expectCall(http: HttpTestingController, method: string, url: string): TestRequest {
  return http.expectOne((request) => request.method === method && request.url === url, `${method} ${url}`);
}

export interface BrowserStub {
  assign: jasmine.Spy;
  copyText: jasmine.Spy;
  print: jasmine.Spy;
  downloadText: jasmine.Spy;
  currentPath: jasmine.Spy;
}

export function browserStub(): BrowserStub {
  return {
    assign: jasmine.createSpy('assign'),
    copyText: jasmine.createSpy('copyText').and.resolveTo(),
    print: jasmine.createSpy('print'),
    downloadText: jasmine.createSpy('downloadText'),
    currentPath: jasmine.createSpy('currentPath').and.returnValue('/'),
  };
}

export function provideBrowserStub(stub: BrowserStub) {
  return { provide: BrowserService, useValue: stub };
}

export function sessionStub(user: CurrentUser | null = currentUser()) {
  const currentUserSignal = signal(user);
  return {
    currentUser: currentUserSignal.asReadonly(),
    load: jasmine.createSpy('load').and.callFake(() => Promise.resolve(currentUserSignal())),
    signOut: jasmine.createSpy('signOut').and.resolveTo(),
  };
}

export function provideSessionStub(stub: ReturnType<typeof sessionStub>) {
  return { provide: SessionService, useValue: stub };
}

/** Lets pending promises and timers (e.g. a 0 ms debounce) run. */
export function tick(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
