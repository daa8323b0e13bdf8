import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import pinoPretty from 'pino-pretty';
import type { AppConfig } from './config/config';

/** Query parameters whose values never reach a log line. */
const SECRET_QUERY_KEYS = /token|code|secret|password|passwd|key|state|nonce|assertion|otp/i;

/** Paths too chatty to log on every request. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function loggerOptions(config: AppConfig): Params {
  return {
    // Every path, not only the prefixed API routes: ops endpoints and the web app get request ids too.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: [
      {
        level: config.logLevel,
        genReqId: requestIdOf,
        autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '').split('?')[0]) },
        redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
        serializers: {
          req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
            id: req.id,
            method: req.method,
            url: redactUrl(req.url ?? ''),
            remoteAddress: (req as { remoteAddress?: string }).remoteAddress,
          }),
          res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
        },
      },
      logStream(config, 1),
    ],
  };
}

/**
 * The request's id: a well-formed incoming X-Request-Id (so a proxy's id follows the request) or a
 * new UUID; set once on the request and echoed in the response.
 */
export function requestIdOf(req: IncomingMessage & { id?: unknown }, res: ServerResponse): string {
  if (typeof req.id === 'string') return req.id;
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  return id;
}

/** `/x?token=abc&page=2` → `/x?token=[redacted]&page=2`. */
export function redactUrl(url: string): string {
  const [pathPart, query] = url.split('?', 2);
  if (!query) return url;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  return `${pathPart}?${params.toString()}`;
}

/**
 * Where log lines go: JSON lines, or readable lines in development. Written synchronously, so the
 * console shows lines in the order they happened and nothing is lost when the process exits.
 */
function logStream(config: Pick<AppConfig, 'logFormat'>, destination: 1 | 2): pino.DestinationStream {
  if (config.logFormat === 'pretty') {
    return pinoPretty({ sync: true, destination, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  }
  return pino.destination({ dest: destination, sync: true });
}

/** A logger for before Nest starts and for the CLI, with the same format rules. */
export function bootLogger(config: Pick<AppConfig, 'logLevel' | 'logFormat'>, destination: 1 | 2 = 1): pino.Logger {
  return pino({ level: config.logLevel }, logStream(config, destination));
}
