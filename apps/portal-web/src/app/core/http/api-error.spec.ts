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
    expect(failure).toEqual({ status: 400, code: 'validation_failed', fields: { email: ['email must be an email'] } });
    expect(failureMessageKey(failure)).toBe('error.validation_failed');
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
