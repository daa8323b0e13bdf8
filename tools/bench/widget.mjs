// Support widget size benchmark: builds the widget (production) and reports main.js raw, gzip (-9)
// and brotli sizes against the 120 kB gzipped target. Baselines measured in the same run: the
// smallest Angular custom element built the same way (zoneless, createApplication, one ShadowDom
// component), and portal-web's initial JavaScript when a build of it is there.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { root } from '../run.mjs';
import { report } from './report.mjs';

const TARGET_GZIP_KB = 120;
const WIDGET_JS = path.join(root, 'dist/apps/support-widget/browser/main.js');
const BASELINE_JS = path.join(root, 'dist/bench/support-widget-baseline/browser/main.js');
const PORTAL_WEB = path.join(root, process.env.WEB_DIST_DIR ?? 'dist/apps/portal-web/browser');

function nxBuild(configuration) {
  const started = performance.now();
  const result = spawnSync(path.join(root, 'node_modules/.bin/nx'), ['run', `support-widget:build:${configuration}`, '--output-style=static', '--skip-nx-cache'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  if (result.status !== 0) {
    process.stderr.write(`support-widget:build:${configuration} failed; see above.\n`);
    process.exit(result.status ?? 1);
  }
  return performance.now() - started;
}

function sizes(buffers) {
  const all = Buffer.concat(buffers);
  return {
    raw: all.length,
    // Each file is downloaded on its own: compress them one by one.
    gzip: buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0),
    brotli: buffers.reduce((sum, b) => sum + brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, 0),
  };
}

/**
 * portal-web's first screen: the module scripts of index.html and every chunk they import statically,
 * followed through (index.html preloads only some of them; dynamic import() chunks are lazy, left out).
 */
function portalWebInitial() {
  const index = path.join(PORTAL_WEB, 'index.html');
  if (!existsSync(index)) return null;
  const html = readFileSync(index, 'utf8');
  const pending = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set();
  while (pending.length) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(path.join(PORTAL_WEB, file), 'utf8');
    for (const m of code.matchAll(/(?:^|[;}\s])import(?:[^"'()]*?from)?\s*"\.\/([^"]+\.js)"/g)) pending.push(m[1]);
  }
  if (!seen.size) return null;
  return { files: seen.size, ...sizes([...seen].map((f) => readFileSync(path.join(PORTAL_WEB, f)))) };
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

export async function main() {
  const widgetBuildMs = nxBuild('production');
  nxBuild('bench-baseline');
  const widget = sizes([readFileSync(WIDGET_JS)]);
  const baseline = sizes([readFileSync(BASELINE_JS)]);
  const portal = portalWebInitial();
  const row = (what, s, note = '') => ({ bundle: what, 'raw kB': kb(s.raw), 'gzip -9 kB': kb(s.gzip), 'brotli kB': kb(s.brotli), note });
  const rows = [
    row('baseline: minimal Angular element', baseline, 'same build, one ShadowDom component'),
    row('support widget main.js', widget, `target ≤ ${TARGET_GZIP_KB} kB gzip; +${kb(widget.gzip - baseline.gzip)} kB gzip over the baseline`),
  ];
  if (portal) rows.push(row('portal-web initial JS', portal, `for scale: ${portal.files} files of the existing build`));
  const meetsTarget = widget.gzip <= TARGET_GZIP_KB * 1024;
  report('widget', rows, { targetGzipKb: TARGET_GZIP_KB, widgetGzipBytes: widget.gzip, widgetBuildMs: Math.round(widgetBuildMs), meetsTarget });
  process.stdout.write(`Widget within ${TARGET_GZIP_KB} kB gzipped: ${meetsTarget ? 'yes' : 'NO'} (${kb(widget.gzip)} kB)\n`);
}
