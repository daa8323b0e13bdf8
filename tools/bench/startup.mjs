// Start-up benchmark: how long from `node main.js` until /readyz answers and until Chromium shows
// the first screen, on a brand-new data folder (first start: key, database, migrations) and on an
// existing one. Baseline measured in the same run: a bare Node HTTP server answering its first request.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { apiMain, build, root } from '../run.mjs';
import { percentile, report } from './report.mjs';

const TARGET_FIRST_SCREEN_MS = 15_000;

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForOk(url, deadline) {
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function startOnce(script, args, env, browser) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: 'ignore',
  });
  try {
    await waitForOk(`http://127.0.0.1:${port}/readyz`, Date.now() + 60_000);
    const ready = performance.now() - started;
    let firstScreen = null;
    if (browser) {
      const page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByRole('heading').first().waitFor({ state: 'visible', timeout: 60_000 });
      firstScreen = performance.now() - started;
      await page.close();
    }
    return { ready, firstScreen, rss: peakRssMb(child.pid) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const baselineServer = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

export async function main(args) {
  const runs = Number(args.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 5);
  build(['portal-api', 'portal-web']);
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_BIN || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const samples = { baseline: [], first: [], again: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
      samples.baseline.push(await startOnce('-e', [baselineServer], {}, null).catch(() => null));
      samples.first.push(await startOnce(apiMain, [], { DATA_DIR: dataDir }, browser));
      samples.again.push(await startOnce(apiMain, [], { DATA_DIR: dataDir }, browser));
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  const ms = (v) => (v === null || v === undefined ? '—' : `${Math.round(v)}`);
  const row = (label, list) => {
    const ok = list.filter(Boolean);
    const ready = ok.map((s) => s.ready);
    const screens = ok.map((s) => s.firstScreen).filter((v) => v !== null);
    return {
      start: label,
      runs: ok.length,
      'ready p50 ms': ms(percentile(ready, 50)),
      'ready max ms': ms(Math.max(...ready)),
      'first screen p50 ms': screens.length ? ms(percentile(screens, 50)) : '—',
      'first screen max ms': screens.length ? ms(Math.max(...screens)) : '—',
      'peak RSS MB': ok.length ? Math.max(...ok.map((s) => s.rss)).toFixed(0) : '—',
    };
  };
  const rows = [row('baseline: bare node http', samples.baseline), row('passerelle, new data dir', samples.first), row('passerelle, existing data', samples.again)];
  const worst = Math.max(...[...samples.first, ...samples.again].map((s) => s.firstScreen));
  report('startup', rows, { targetFirstScreenMs: TARGET_FIRST_SCREEN_MS, worstFirstScreenMs: Math.round(worst), meetsTarget: worst <= TARGET_FIRST_SCREEN_MS });
  process.stdout.write(`First screen within ${TARGET_FIRST_SCREEN_MS / 1000} s of start: ${worst <= TARGET_FIRST_SCREEN_MS ? 'yes' : 'NO'} (worst ${Math.round(worst)} ms)\n`);
}
