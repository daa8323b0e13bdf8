import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { AppConfig } from './config/config';

/** Query parameters whose values never reach a log line. */
const SECRET_QUERY_KEYS = /token|code|secret|password|passwd|key|state|nonce|assertion|otp/i;

/** Paths too chatty to log on every request. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function loggerOptions(config: AppConfig): Params {
  return {
    // Every path, not only the prefixed API routes: ops endpoints and the web app get request ids too.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      transport: config.logFormat === 'pretty' ? { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } : undefined,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
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
  };
}

/** `/x?token=abc&page=2` → `/x?token=[redacted]&page=2`. */
export function redactUrl(url: string): string {
  const [pathPart, query] = url.split('?', 2);
  if (!query) return url;
  const params = new URLSearchParams(query);
  for (const key of [...params.keys()]) if (SECRET_QUERY_KEYS.test(key)) params.set(key, '[redacted]');
  return `${pathPart}?${params.toString()}`;
}

/** A logger for before Nest starts and for the CLI, with the same format rules. */
export function bootLogger(config: Pick<AppConfig, "logLevel" | "logFormat">, destination: 1 | 2 = 1): pino.Logger {
  if (config.logFormat === 'pretty') {
    return pino({ level: config.logLevel, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', destination } } });
  }
  return pino({ level: config.logLevel }, pino.destination(destination));
}
