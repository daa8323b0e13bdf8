// Starts the three demo apps (Wiki, CRM, Files), each on its own port, in this process.
import { DEMO_APPS } from './apps';
import { DEMO_APP_KEYS, DEMO_APP_PATHS, type DemoAppKey } from './core/definition';
import { startDemoAppServer, type DemoAppServer } from './core/demo-app-server';
import type { Credentials } from './core/relying-party';

/** Where `npm run demo` puts them. The demo seed registers the same defaults. */
export const DEFAULT_DEMO_PORTS: Readonly<Record<DemoAppKey, number>> = { wiki: 3101, crm: 3102, files: 3103 };

export interface DemoAppOptions {
  /** 0 picks a free port; default DEFAULT_DEMO_PORTS. */
  port?: number;
  /** The OIDC client the demo seed registered for this app (without it, signing in answers 503 until configure()). */
  clientId?: string;
  clientSecret?: string;
  /** Host name in this app's URL; default DemoAppsOptions.publicHost (e.g. `localhost` to put it on another site than a portal at 127.0.0.1). */
  publicHost?: string;
}

export interface DemoAppsOptions {
  /** Passerelle's issuer: `${PUBLIC_URL}/oidc`. */
  issuer: string;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Host name in the apps' URLs; default the issuer's, so the browser sees one host name for all. */
  publicHost?: string;
  apps?: Partial<Record<DemoAppKey, DemoAppOptions>>;
  /** Where to report sign-in problems and back-channel logouts; default nowhere. */
  log?: (line: string) => void;
}

/** What Passerelle must know about a running demo app to register it. */
export interface DemoAppEndpoints {
  url: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  initiateLoginUri: string;
  backchannelLogoutUri: string;
  healthUrl: string;
}

export interface StartedDemoApps {
  apps: Readonly<Record<DemoAppKey, DemoAppServer & { endpoints: DemoAppEndpoints }>>;
  /** Each app's base URL, e.g. { wiki: 'http://localhost:3101', … }. */
  urls: Readonly<Record<DemoAppKey, string>>;
  /** Gives the apps their client credentials (e.g. from the demo seed's output). */
  configure(credentials: Partial<Record<DemoAppKey, Credentials>>): void;
  stop(): Promise<void>;
}

export function endpointsOf(url: string): DemoAppEndpoints {
  return {
    url,
    redirectUri: url + DEMO_APP_PATHS.callback,
    postLogoutRedirectUri: url + DEMO_APP_PATHS.home,
    initiateLoginUri: url + DEMO_APP_PATHS.login,
    backchannelLogoutUri: url + DEMO_APP_PATHS.backchannelLogout,
    healthUrl: url + DEMO_APP_PATHS.health,
  };
}

export async function startDemoApps(options: DemoAppsOptions): Promise<StartedDemoApps> {
  const issuer = options.issuer.replace(/\/$/, '');
  const started: Array<DemoAppServer & { endpoints: DemoAppEndpoints }> = [];
  try {
    for (const key of DEMO_APP_KEYS) {
      const own = options.apps?.[key] ?? {};
      const port = own.port ?? DEFAULT_DEMO_PORTS[key];
      const server = await startDemoAppServer({
        definition: DEMO_APPS[key],
        issuer,
        host: options.host ?? '127.0.0.1',
        port,
        publicHost: own.publicHost ?? options.publicHost ?? new URL(issuer).hostname.replace(/^\[|\]$/g, ''),
        credentials: own.clientId && own.clientSecret ? { clientId: own.clientId, clientSecret: own.clientSecret } : undefined,
        log: options.log ?? (() => undefined),
      }).catch((error: NodeJS.ErrnoException) => {
        throw new Error(error.code === 'EADDRINUSE' ? `The ${DEMO_APPS[key].name} demo app can't listen on port ${port}: it is in use.` : error.message);
      });
      started.push(Object.assign(server, { endpoints: endpointsOf(server.url) }));
    }
  } catch (error) {
    await Promise.all(started.map((s) => s.close()));
    throw error;
  }
  const apps = Object.fromEntries(started.map((s) => [s.definition.key, s])) as StartedDemoApps['apps'];
  return {
    apps,
    urls: Object.fromEntries(started.map((s) => [s.definition.key, s.url])) as StartedDemoApps['urls'],
    configure(credentials) {
      for (const key of DEMO_APP_KEYS) {
        const given = credentials[key];
        if (given) apps[key].configure(given);
      }
    },
    stop: async () => {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
