import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { AuthRoutes } from '@passerelle/contracts';
import { retryAfterSeconds } from './retry-after';
import { safeReturnTo, signInUrl } from './return-to';

describe('safeReturnTo / signInUrl', () => {
  it('keeps paths on this site, with their query and fragment', () => {
    expect(safeReturnTo('/')).toBe('/');
    expect(safeReturnTo('/account')).toBe('/account');
    expect(safeReturnTo('/admin/users?page=2#top')).toBe('/admin/users?page=2#top');
  });

  it('turns anything else into /', () => {
    for (const value of [
      null,
      undefined,
      42,
      '',
      'account',
      'https://evil.test/',
      '//evil.test',
      '/\\evil.test',
      'javascript:alert(1)',
      '/ok\nSet-Cookie: x',
      '/x\u0000',
      `/${'a'.repeat(3000)}`,
    ]) {
      expect(safeReturnTo(value)).withContext(String(value)).toBe('/');
    }
  });

  it('builds the sign-in address with the path encoded', () => {
    expect(signInUrl('/account?tab=a&b=c')).toBe(`${AuthRoutes.signIn}?returnTo=%2Faccount%3Ftab%3Da%26b%3Dc`);
    expect(signInUrl('//evil.test')).toBe(`${AuthRoutes.signIn}?returnTo=%2F`);
  });
});

describe('retryAfterSeconds', () => {
  function refusal(retryAfter?: string): HttpErrorResponse {
    const headers = retryAfter === undefined ? new HttpHeaders() : new HttpHeaders({ 'Retry-After': retryAfter });
    return new HttpErrorResponse({ status: 429, headers });
  }

  it('reads seconds', () => {
    expect(retryAfterSeconds(refusal('90'))).toBe(90);
  });

  it('reads an HTTP date', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(retryAfterSeconds(refusal('Mon, 23 Nov 2026 12:02:00 GMT'), () => now)).toBe(120);
  });

  it('says nothing without a usable header', () => {
    expect(retryAfterSeconds(refusal())).toBeNull();
    expect(retryAfterSeconds(refusal('soon'))).toBeNull();
    expect(retryAfterSeconds(refusal('0'))).toBeNull();
    expect(retryAfterSeconds(new Error('x'))).toBeNull();
  });
});
