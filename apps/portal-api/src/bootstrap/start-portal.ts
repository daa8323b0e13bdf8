import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express, NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { OidcProviderHost } from '../app/identity/oidc/oidc-provider.host';
import { implicitConsentForFirstParty } from '../app/identity/oidc/implicit-consent';
import fs from 'node:fs';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import type pino from 'pino';
import type { DataSource } from 'typeorm';
import { API_PREFIX, OIDC_MOUNT_PATH, OpsRoutes } from '@passerelle/contracts';
import { AppModule } from '../app/app.module';
import { iconUploadBodyParser } from '../app/catalog/icons/icon-upload-body';
import { alertBodyParser } from '../app/alerts/alert-body';
import { announcementImageBodyParser } from '../app/announcements/announcement-image-body';
import { bodyParserError } from '../app/http/api-exception.filter';
import { createValidationPipe, RefuseNulCharacters } from '../app/http/validation';
import { MetricsService } from '../app/metrics/metrics.service';
import { attachmentUploadBody, isAttachmentUpload } from '../app/support/attachments/upload-body';
import { WidgetAccessService } from '../app/support/widget-access/widget-access.service';
import { widgetCors } from '../app/support/widget-access/widget-cors';
import { WidgetOrigins } from '../app/support/widget-access/widget-origins';
import { mountWidgetPages } from '../app/support/widget-access/widget-pages';
import { SessionsService } from '../app/identity/sessions/sessions.service';
import { SetupService } from '../app/setup/setup.service';
import { mountWebApp } from '../app/web/web-app';
import { describeDatabase, type AppConfig } from '../infra/config/config';
import { requestIdOf } from '../infra/logging';
import { openDatabase } from '../infra/database/open-database';
import { StartupError } from '../infra/startup-error';
import { PortalNestLogger } from '../infra/nest-logger';
import { CreatedFiles, loadInstanceKey, prepareDataDir } from '../infra/storage/data-dir';
import { APP_VERSION } from '../infra/version';

export interface StartedPortal {
  app: INestApplication;
  dataSource: DataSource;
  /** Where it listens, e.g. http://127.0.0.1:3000 */
  url: string;
  /** The one-time first-administrator link, when the database has no administrator yet. */
  setupLink?: { url: string; expiresAt: Date };
  close(): Promise<void>;
}

/**
 * Starts Passerelle: data folder and instance key, database (connect + migrate), the Nest app,
 * then the HTTP listener. If any step fails, what this start created is removed again and a
 * StartupError explains the problem in one sentence.
 */
export async function startPortal(config: AppConfig, log: pino.Logger): Promise<StartedPortal> {
  const created = new CreatedFiles();
  let dataSource: DataSource | undefined;
  let app: INestApplication | undefined;
  try {
    if (config.port !== 0) await assertPortFree(config.host, config.port);
    prepareDataDir(config, created);
    const key = loadInstanceKey(config, created);
    if (config.database.kind === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm']) created.noteIfNew(config.database.file + suffix, fs.existsSync(config.database.file + suffix));
    }
    const database = await openDatabase(config);
    dataSource = database.dataSource;
    if (database.applied.length) log.info(`Applied database migrations: ${database.applied.join(', ')}`);
    log.info(`Database: ${describeDatabase(config)}`);

    app = await createNestApp(config, dataSource, key.key);
    await listen(app, config);
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${boundPort(app)}`;
    const setupLink = await app.get(SetupService).firstAdminLinkIfNeeded();
    created.forget();
    // Only now: a start that fails removes the new key again, so warning earlier would mislead.
    if (key.generated) {
      log.warn(`Generated a new instance key in ${key.source}. Back it up with the database: encrypted secrets can't be read without it. In production set SECRET_KEY instead.`);
    }
    const started = { app, dataSource, url, setupLink };
    return { ...started, close: () => closeQuietly(started.app, started.dataSource) };
  } catch (error) {
    await closeQuietly(app, dataSource);
    created.rollback();
    throw error;
  }
}

async function createNestApp(config: AppConfig, dataSource: DataSource, instanceKey: Buffer): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, dataSource, instanceKey), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  app.useLogger(app.get(PortalNestLogger));
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  const express = app.getHttpAdapter().getInstance() as Express;
  // First of all, so every response (web pages, body errors) carries the id the logs use.
  express.use((req: Request, res: Response, next: NextFunction) => (requestIdOf(req, res), next()));
  express.use(securityHeaders(config));
  express.use(recordMetrics(app.get(MetricsService)));
  // The OpenID provider parses its own bodies (forms and JSON), so it is mounted before ours.
  const oidc = app.get(OidcProviderHost);
  await oidc.start();
  express.use(OIDC_MOUNT_PATH, implicitConsentForFirstParty((clientId) => oidc.isFirstParty(clientId), (clientId) => oidc.implicitConsentMarker(clientId)), oidc.handle);
  // JSON only: the API takes no forms, so there is no other body parser to attack. Icon uploads
  // announcement images and alert batches alone get bigger limits (base64 of a 256 kB icon, a 2 MB
  // image, 100 alerts).
  // The support widget calls from registered apps' sites: CORS for them (and bearer requests lose their cookies).
  express.use(widgetCors(app.get(WidgetOrigins)));
  express.use(attachmentUploadBody());
  express.use(iconUploadBodyParser());
  express.use(alertBodyParser());
  express.use(announcementImageBodyParser());
  app.useBodyParser('json', { limit: '100kb' });
  express.use(rejectUnreadableBodies);
  express.use(refuseCrossSiteWrites(config));

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [...[OpsRoutes.liveness, OpsRoutes.readiness, OpsRoutes.metrics].map((p) => p.slice(1)), 'interaction/{*step}'],
  });
  app.useGlobalPipes(new RefuseNulCharacters(), createValidationPipe());
  const openApi = new DocumentBuilder()
    .setTitle('Passerelle API')
    .setDescription('Self-hosted workplace portal: identity, apps, guests, alerts and support.')
    .setVersion(APP_VERSION)
    .build();
  SwaggerModule.setup(`${API_PREFIX}/docs`, app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: `${API_PREFIX}/docs/openapi.json` });

  mountWidgetPages(express, { widgetDistDir: config.widgetDistDir, sessions: app.get(SessionsService), widgetAccess: app.get(WidgetAccessService) });
  mountWebApp(express, config.webDistDir);
  await app.init();
  return app;
}

/** CSP with a per-request nonce for the Angular app; the API docs page needs inline styles. */
function securityHeaders(config: AppConfig) {
  const https = config.publicUrl.startsWith('https://');
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", (_req, res) => `'nonce-${(res as Response).locals['cspNonce']}'`],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
  });
  const docs = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], objectSrc: ["'none'"] },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
  });
  // Provider pages post forms to apps (form_post, logout): no form-action limit; the provider adds
  // the hash of its one inline script itself.
  const provider = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], frameAncestors: ["'none'"], objectSrc: ["'none'"], baseUri: ["'none'"] },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000 } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals['cspNonce'] = randomBytes(16).toString('base64');
    const headers = /^\/api\/docs(\/|$)/.test(req.path) ? docs : req.path.startsWith(`${OIDC_MOUNT_PATH}/`) ? provider : strict;
    headers(req, res, () => {
      // The sign-in page may run in the support widget's popup (/widget/connect signs in first):
      // a same-origin opener policy there would cut the popup from the app that opened it.
      if (/^\/interaction\/[^/]+$/.test(req.path)) res.setHeader('Cross-Origin-Opener-Policy', 'unsafe-none');
      next();
    });
  };
}

/**
 * Cookie-authenticated writes only from the portal's own pages: a write to /api or /interaction
 * with another site's Origin, or a form encoding (which any site can post), is refused. SameSite=Lax
 * cookies already keep most cross-site requests out; this also covers sibling subdomains.
 */
function refuseCrossSiteWrites(config: AppConfig) {
  const ownHosts = new Set([new URL(config.publicUrl).host]);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method) || !/^\/(api|interaction)\//.test(req.path)) return next();
    // The support widget's bearer token can't be sent by another site's form, and its cookies were
    // dropped (widgetCors): its guard checks the token's origin against the request's.
    if (req.path.startsWith('/api/support/') && /^Bearer\s/i.test(req.headers.authorization ?? '')) return next();
    const origin = req.headers.origin;
    let foreignOrigin = false;
    if (origin) {
      try {
        const host = new URL(origin).host;
        foreignOrigin = !ownHosts.has(host) && host !== req.headers.host;
      } catch {
        foreignOrigin = true;
      }
    }
    const type = req.headers['content-type'];
    // A raw upload is not JSON, but no form can set X-File-Name.
    const formEncoded = !!type && !/^application\/json\b/i.test(type) && !isAttachmentUpload(req);
    if (!foreignOrigin && !formEncoded) return next();
    res.status(403).json({ statusCode: 403, code: 'forbidden', message: 'This request must come from Passerelle’s own pages, as JSON.', requestId: requestIdOf(req, res) });
  };
}

/** Body-parser failures (bad JSON, too large, wrong charset) answered like every other API error. */
function rejectUnreadableBodies(error: unknown, req: Request, res: Response, next: NextFunction): void {
  const problem = bodyParserError(error);
  if (!problem) return next(error);
  res.status(problem.statusCode).json({ ...problem, requestId: requestIdOf(req, res) });
}

function recordMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // Route templates, not raw URLs, keep the label set small.
      const route = req.route?.path ? `${req.baseUrl}${req.route.path}` : req.path.startsWith(`/${API_PREFIX}/`) ? 'unmatched' : 'web';
      metrics.observe(req.method, route, res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}

async function listen(app: INestApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    throw listenError(error, config);
  }
}

function listenError(error: unknown, config: AppConfig): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartupError(`Port ${config.port} on ${config.host} is already in use; stop the other program or set PORT to a free port`);
  if (code === 'EACCES') return new StartupError(`Not allowed to listen on port ${config.port}; use a port above 1023 or run with the needed rights`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new StartupError(`HOST ${config.host} is not an address of this machine`);
  return error as Error;
}

/** Checked before anything is created, so a busy port leaves no files behind. */
function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => reject(listenError(error, { host, port } as AppConfig)));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function boundPort(app: INestApplication): number {
  const address = app.getHttpServer().address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function closeQuietly(app: INestApplication | undefined, dataSource: DataSource | undefined): Promise<void> {
  if (app) await app.close().catch(() => undefined);
  if (dataSource?.isInitialized) await dataSource.destroy().catch(() => undefined);
}
