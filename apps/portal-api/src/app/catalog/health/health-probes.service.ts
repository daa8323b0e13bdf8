import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AppHealth } from '@passerelle/contracts';
import { EntitlementsService } from '../entitlements.service';

/** How often every health URL is asked. */
export const PROBE_INTERVAL_MS = 60_000;
/** A health URL that hasn't answered by then is down. */
export const PROBE_TIMEOUT_MS = 3_000;
/** Probes running at once, so a catalog of slow apps never floods the network or the event loop. */
export const PROBE_CONCURRENCY = 4;

interface ProbeTarget {
  id: string;
  healthUrl: string | null;
}

/**
 * Status dots for the tiles. In the serving process (not in the CLI), every app with a health URL
 * is asked every minute (GET, 3 s timeout, redirects not followed; 2xx/3xx is up) and the answer is
 * kept in memory. Readers get the last answer at once: nobody ever waits for a probe, so a slow app
 * never slows the dashboard. An app seen for the first time (or whose URL changed) is `unknown`
 * and probed soon after.
 */
@Injectable()
export class HealthProbesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('HealthProbes');
  /** Last answer per app, for the URL it was asked at. */
  private readonly results = new Map<string, { url: string; health: 'up' | 'down' }>();
  /** Apps noticed by healthOf() and not probed yet (or being probed now). */
  private readonly waiting = new Map<string, string>();
  private readonly stopping = new AbortController();
  private running = false;
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private drain?: Promise<void>;
  private readonly changeListeners: Array<(appId: string, health: 'up' | 'down') => void> = [];

  constructor(
    private readonly entitlements: EntitlementsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Only a process that serves HTTP probes (the CLI builds the same modules without a server). */
  onApplicationBootstrap(): void {
    if (!this.adapterHost.httpAdapter) return;
    this.running = true;
    this.timer = setInterval(() => void this.probeAll(), PROBE_INTERVAL_MS);
    this.timer.unref();
    void this.probeAll();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    this.stopping.abort();
    await Promise.allSettled([this.round, this.drain]);
  }

  /** Called when an app's health check starts failing, and when it answers again. */
  onChange(listener: (appId: string, health: 'up' | 'down') => void): void {
    this.changeListeners.push(listener);
  }

  /** Null when the app has no health URL; never waits. */
  healthOf(app: ProbeTarget): AppHealth | null {
    if (!app.healthUrl) return null;
    const result = this.results.get(app.id);
    if (result?.url === app.healthUrl) return result.health;
    this.enqueue(app.id, app.healthUrl);
    return 'unknown';
  }

  /** One round over the whole catalog (also what the timer runs). Resolves when every probe ended. */
  probeAll(): Promise<void> {
    this.round ??= this.runRound().finally(() => (this.round = undefined));
    return this.round;
  }

  private async runRound(): Promise<void> {
    try {
      const catalog = await this.entitlements.catalog();
      const targets = catalog.apps.flatMap((app) => (app.healthUrl ? [{ id: app.id, url: app.healthUrl }] : []));
      // Apps gone from the catalog, or without a health URL now, are forgotten.
      const kept = new Set(targets.map((t) => t.id));
      for (const id of this.results.keys()) if (!kept.has(id)) this.results.delete(id);
      await this.inParallel(targets);
    } catch (error) {
      this.logger.warn(`Health probes skipped: ${(error as Error).message}`);
    }
  }

  private enqueue(id: string, url: string): void {
    if (!this.running || this.waiting.has(id)) return;
    this.waiting.set(id, url);
    this.drain ??= this.drainWaiting().finally(() => (this.drain = undefined));
  }

  private async drainWaiting(): Promise<void> {
    // Let the request that noticed the new app finish first.
    await new Promise((resolve) => setImmediate(resolve));
    const done = new Set<string>();
    while (this.waiting.size > done.size && !this.stopping.signal.aborted) {
      const targets = [...this.waiting].filter(([id]) => !done.has(id)).map(([id, url]) => ({ id, url }));
      await this.inParallel(targets);
      for (const target of targets) done.add(target.id);
    }
    for (const id of done) this.waiting.delete(id);
  }

  private async inParallel(targets: Array<{ id: string; url: string }>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < targets.length && !this.stopping.signal.aborted) {
        const target = targets[next++];
        const health = await this.probe(target.url);
        if (this.stopping.signal.aborted) continue;
        const before = this.results.get(target.id);
        this.results.set(target.id, { url: target.url, health });
        // Down is news the first time it is seen; up only after down.
        if (before?.health !== health && (health === 'down' || before?.health === 'down')) {
          for (const listener of this.changeListeners) listener(target.id, health);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, targets.length) }, worker));
  }

  private async probe(url: string): Promise<'up' | 'down'> {
    try {
      const response = await fetch(url, {
        method: 'GET',
        redirect: 'manual',
        headers: { accept: '*/*', 'user-agent': 'Passerelle-HealthProbe/1' },
        signal: AbortSignal.any([AbortSignal.timeout(PROBE_TIMEOUT_MS), this.stopping.signal]),
      });
      await response.body?.cancel().catch(() => undefined);
      return response.status >= 200 && response.status < 400 ? 'up' : 'down';
    } catch {
      return 'down';
    }
  }
}
