export { BrowserService } from './browser.service';
export { SessionService, type SessionStatus } from './session.service';
export { authGuard, adminGuard, sponsorGuard, maySponsor, communicationGuard, mayCommunicate, supportGuard, maySupport } from './guards';
export { SessionPaths, safeReturnTo, signInUrl } from './return-to';
export { retryAfterSeconds } from './retry-after';
