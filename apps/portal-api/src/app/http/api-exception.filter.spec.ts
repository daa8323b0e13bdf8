import { ArgumentsHost, BadRequestException, Logger, NotFoundException } from '@nestjs/common';
import { ApiExceptionFilter } from './api-exception.filter';
import { AppError } from './app-error';

/** Runs the filter on an exception and returns what it answered. */
function answer(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent = { status: 0, body: {} as Record<string, unknown> };
  const res = { headersSent: false, status: (s: number) => ((sent.status = s), res), json: (b: Record<string, unknown>) => (sent.body = b) };
  const host = { switchToHttp: () => ({ getRequest: () => ({ id: 'req-1', method: 'GET', path: '/api/x' }), getResponse: () => res }) };
  new ApiExceptionFilter().catch(exception, host as unknown as ArgumentsHost);
  return sent;
}

describe('ApiExceptionFilter', () => {
  it('passes on an AppError with its code, message and fields', () => {
    const { status, body } = answer(new AppError('email_taken', 409, 'Taken.', { email: ['Taken.'] }));
    expect(status).toBe(409);
    expect(body).toEqual({ statusCode: 409, code: 'email_taken', message: 'Taken.', fields: { email: ['Taken.'] }, requestId: 'req-1' });
  });

  it('turns framework 4xx errors into the same shape', () => {
    expect(answer(new NotFoundException()).body).toEqual(jasmine.objectContaining({ code: 'not_found', message: 'There is nothing at GET /api/x.' }));
    expect(answer(new BadRequestException('Wrong.')).body).toEqual(jasmine.objectContaining({ code: 'bad_request', message: 'Wrong.' }));
  });

  it('hides the details of unexpected errors behind a plain 500, and logs them for the operator', () => {
    const logged = spyOn(Logger.prototype, 'error');
    const { status, body } = answer(new Error('SQLITE_CORRUPT at /srv/data/passerelle.sqlite'));
    expect(logged).toHaveBeenCalledTimes(1);
    expect(status).toBe(500);
    expect(body['code']).toBe('internal_error');
    expect(JSON.stringify(body)).not.toContain('SQLITE');
  });
});
