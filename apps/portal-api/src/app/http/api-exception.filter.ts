import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiErrorBody, ApiErrorCode } from '@passerelle/contracts';
import { AppError } from './app-error';

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/**
 * Every error leaves as an ApiErrorBody: a stable code, a readable message, field problems when
 * there are some — and never a stack trace. Unexpected errors are logged in full, answered as 500.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request & { id?: string }>();
    const res = http.getResponse<Response>();
    const body = this.toBody(exception, req);
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, req: Request & { id?: string }): ApiErrorBody {
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    if (exception instanceof AppError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, fields: exception.fields, ...(exception.params ? { params: exception.params } : {}), requestId };
    }
    const bodyParserStatus = bodyParserError(exception);
    if (bodyParserStatus) return { ...bodyParserStatus, requestId };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      if (status < 500) {
        return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'bad_request', message: readableMessage(exception, req), requestId };
      }
    }
    // Only name, message and stack: some errors carry the request body, which may hold a password.
    const error = exception instanceof Error ? { name: exception.name, message: exception.message, stack: exception.stack } : { message: String(exception) };
    this.logger.error({ err: error, requestId }, 'Unhandled error while serving a request');
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'internal_error',
      message: 'Something went wrong on our side. Please try again; if it keeps happening, tell your administrator.',
      requestId,
    };
  }
}

function readableMessage(exception: HttpException, req: Request): string {
  if (exception.getStatus() === 404) return `There is nothing at ${req.method} ${req.path}.`;
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.join('; ');
  return exception.message;
}

/**
 * Errors thrown by Express's JSON body parser before Nest sees the request (bad JSON, too large,
 * unsupported encoding or charset…): answered with their 4xx status and a plain sentence.
 */
export function bodyParserError(exception: unknown): Omit<ApiErrorBody, 'requestId'> | undefined {
  const e = exception as { type?: unknown; status?: unknown; code?: unknown };
  // A body that claims gzip/deflate but is not: zlib's own error, without an HTTP status.
  if (typeof e?.code === 'string' && e.code.startsWith('Z_')) {
    return { statusCode: 400, code: 'bad_request', message: 'The request body could not be decompressed.' };
  }
  if (typeof e?.type !== 'string' || typeof e.status !== 'number' || e.status < 400 || e.status >= 500) return undefined;
  if (e.type === 'entity.too.large') {
    return { statusCode: 413, code: 'payload_too_large', message: 'The request body is too large.' };
  }
  if (e.type === 'entity.parse.failed') {
    return { statusCode: 400, code: 'bad_request', message: 'The request body must be a valid JSON object.' };
  }
  if (e.status === 415) {
    return { statusCode: 415, code: 'bad_request', message: 'The request body must be uncompressed UTF-8 JSON.' };
  }
  return { statusCode: e.status, code: CODE_BY_STATUS[e.status] ?? 'bad_request', message: 'The request body could not be read.' };
}
