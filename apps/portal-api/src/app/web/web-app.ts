import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** Paths that belong to the server, never to the Angular app's client-side routes. */
// /interaction/<uid> is the sign-in page; its JSON steps live below it (/interaction/<uid>/state…).
const SERVER_PATHS = /^\/(api|healthz|readyz|metrics|oidc|widget)(\/|$)|^\/interaction\/[^/]+\/./;
export const CSP_NONCE_PLACEHOLDER = '**CSP_NONCE**';

/**
 * Serves the built Angular app: real files from the build folder, and index.html for every other
 * GET that is not a server path, so client-side routes survive a reload. index.html gets the
 * request's CSP nonce, which Angular uses for the styles it adds at run time.
 */
export function mountWebApp(app: Express, webDistDir: string): { built: boolean } {
  const indexFile = path.join(webDistDir, 'index.html');
  const template = fs.existsSync(indexFile) ? fs.readFileSync(indexFile, 'utf8') : notBuiltPage();

  app.use(
    express.static(webDistDir, {
      index: false,
      fallthrough: true,
      setHeaders: (res, file) => {
        // Built bundles carry a content hash in their names: cache them for a year.
        const hashed = /-[A-Z0-9]{8,}\.(js|css|woff2?)$/i.test(file);
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );

  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    // A missing file with an extension (e.g. /main-OLD.js) is a 404, not the app page.
    if (path.extname(req.path) && !req.path.endsWith('.html')) return next();
    const nonce = String(res.locals['cspNonce'] ?? '');
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(template.split(CSP_NONCE_PLACEHOLDER).join(nonce));
  });

  return { built: template !== notBuiltPage() };
}

function notBuiltPage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Passerelle</title></head>
<body><main><h1>Passerelle is running</h1><p>The web app is not built yet: run <code>npm run build</code> (or <code>npm start</code>) and reload.</p></main></body></html>`;
}
