import { HttpErrorResponse } from '@angular/common/http';
import { failureMessageKey, toApiFailure } from './api-error';

describe('API error mapping', () => {
  it('reads code and field messages from an ApiErrorBody', () => {
    const failure = toApiFailure(
      new HttpErrorResponse({
        status: 400,
        error: { statusCode: 400, code: 'validation_failed', message: 'Bad', fields: { email: ['email must be an email'], junk: 3 } },
      }),
    );
    expect(failure).toEqual({ status: 400, code: 'validation_failed', fields: { email: ['email must be an email'] }, params: {} });
    expect(failureMessageKey(failure)).toBe('error.validation_failed');
  });

  it('keeps the string params a message needs (a guest’s end date and sponsor)', () => {
    const failure = toApiFailure(
      new HttpErrorResponse({
        status: 403,
        error: { statusCode: 403, code: 'guest_access_ended', message: 'Ended', params: { date: '2027-03-31T21:59:59.999Z', sponsor: 'Marie Dupont', junk: 3 } },
      }),
    );
    expect(failure.params).toEqual({ date: '2027-03-31T21:59:59.999Z', sponsor: 'Marie Dupont' });
    expect(failureMessageKey(failure)).toBe('error.guest_access_ended');
  });

  it('treats a missing server and unknown bodies by kind', () => {
    expect(failureMessageKey(toApiFailure(new HttpErrorResponse({ status: 0 })))).toBe('error.network');
    expect(failureMessageKey(toApiFailure(new HttpErrorResponse({ status: 502, error: '<html>' })))).toBe(
      'error.internal_error',
    );
    expect(failureMessageKey(toApiFailure(new HttpErrorResponse({ status: 418, error: { code: 'teapot' } })))).toBe(
      'error.unknown',
    );
  });
});
