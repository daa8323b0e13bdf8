import 'reflect-metadata';
import { startPortal } from './bootstrap/start-portal';
import { ConfigError, loadConfig, type AppConfig } from './infra/config/config';
import { bootLogger } from './infra/logging';
import { StartupError } from './infra/startup-error';
import { APP_VERSION, workspaceRoot } from './infra/version';

/** `npm start`: read the configuration, start, print where to go. Any start-up problem is one line and exit 1. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env, { workspaceRoot: workspaceRoot() });
  } catch (error) {
    return fail(error instanceof ConfigError ? `configuration error: ${error.message}` : String(error));
  }
  const log = bootLogger(config);
  try {
    const starting = startPortal(config, log);
    // Before start-up ends: /readyz answers as soon as the listener is up, and a process manager may
    // stop us from then on — the stop waits for the start to finish, then closes.
    stopGracefullyOnSignals(async () => (await starting).close(), log);
    const portal = await starting;
    log.info(`Passerelle ${APP_VERSION} is ready at ${config.publicUrl} (listening on ${portal.url})`);
    if (portal.setupLink) printSetupLink(portal.setupLink.url, portal.setupLink.expiresAt, config.setupLinkTtlMinutes);
  } catch (error) {
    if (error instanceof StartupError) return fail(error.message);
    return fail(`could not start: ${(error as Error).message?.split('\n')[0] ?? String(error)}`);
  }
}

/**
 * SIGTERM/SIGINT: stop accepting requests, let those in flight finish, close the database and
 * exit 0 — what process managers and orchestrators expect of a clean stop.
 */
function stopGracefullyOnSignals(close: () => Promise<void>, log: ReturnType<typeof bootLogger>): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`Received ${signal}, stopping`);
    // A stuck connection must not keep the process alive for ever.
    setTimeout(() => process.exit(1), 10_000).unref();
    void close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** The link goes to the console on purpose (like authentik's initial setup): it is the only way in. */
function printSetupLink(url: string, expiresAt: Date, ttlMinutes: number): void {
  const lines = [
    '',
    '  No administrator exists yet. To create the first one, open this one-time link',
    `  within ${ttlMinutes} minutes (it expires at ${expiresAt.toISOString()}):`,
    '',
    `    ${url}`,
    '',
    '  Restarting Passerelle prints a new link while setup is not done.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function fail(message: string): void {
  process.stderr.write(`passerelle: ${message}\n`);
  process.exitCode = 1;
  // Give pino's worker a moment to flush, then leave even if something holds the loop.
  setTimeout(() => process.exit(1), 200).unref();
}

void main();
