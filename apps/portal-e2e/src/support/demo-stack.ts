// What `npm run demo` starts (tools/demo.mjs), as a per-group fixture: the three demo apps on free
// ports, the demo seed run by the ops CLI against a fresh data directory (it registers the apps
// where they listen and prints their new client secrets), the apps given those secrets, then the
// portal on that data. Same order, same CLI command, same seed function as the demo. The apps then
// post their own alerts through the push API, as in the demo.
import { DEMO_APP_KEYS, startDemoApps, type DemoAppKey, type StartedDemoApps } from '@passerelle/demo-apps';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import type { Person } from './people';
import { runCli, startServer, type TestServer } from './server';
import type { Stack } from './stack';

const START_TIMEOUT_MS = 120_000;

/** What `demo seed --json` prints (DemoSeedResult in apps/portal-api/src/cli/demo-seed.ts). */
export interface DemoSeedOutput {
  organisation: string;
  administrator: string;
  password: string;
  created: string[];
  demoApps: Record<DemoAppKey, { appId: string; url: string; clientId: string; clientSecret: string }>;
}

/** The demo people the specs use (the seed has eight), with their groups there. */
export const DEMO_PEOPLE = {
  julien: { email: 'julien.favre@atelier-lumiere.example', name: 'Julien Favre', groups: ['IT', 'Everyone'] },
  claire: { email: 'claire.dubois@atelier-lumiere.example', name: 'Claire Dubois', groups: ['Direction', 'Everyone'] },
  amina: { email: 'amina.benali@atelier-lumiere.example', name: 'Amina Benali', groups: ['Design', 'Everyone'] },
  noah: { email: 'noah.keller@atelier-lumiere.example', name: 'Noah Keller', groups: ['Design', 'Everyone'] },
} as const;
export type DemoPersonKey = keyof typeof DEMO_PEOPLE;

export interface DemoStack extends Stack {
  readonly demo: StartedDemoApps;
  readonly seeded: DemoSeedOutput;
  /** `${PUBLIC_URL}/oidc`, what the demo apps trust. */
  readonly issuer: string;
  /** A demo person; the same object all along the group, so the authenticator key it enrolled is kept. */
  person(key: DemoPersonKey): Person;
  /** Problems the demo apps met (failed sign-ins, refused logout tokens). */
  problems(): string[];
  /** Everything the demo apps logged (problems and back-channel logouts), for failure messages. */
  log(): string;
}

export interface DemoStackOptions {
  /**
   * Host names for some apps' URLs (default: the portal's, 127.0.0.1). `{ crm: 'localhost' }` puts the
   * CRM on another SITE than the portal for the browser, not only another origin: the portal's cookies
   * are then third-party there.
   */
  hosts?: Partial<Record<DemoAppKey, string>>;
}

/** Call inside a describe(): the group gets its own demo installation, stopped after the group. */
export function useDemoStack(options: DemoStackOptions = {}): DemoStack {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let demo: StartedDemoApps | undefined;
  let seeded: DemoSeedOutput | undefined;
  const log: string[] = [];
  const people = new Map<DemoPersonKey, Person>();

  beforeAll(async () => {
    const starting = launchBrowser();
    try {
      server = await startServer({}, {
        async beforeStart({ baseUrl, env }) {
          // The apps first: the seed registers them where they listen (port 0 = a free one).
          demo = await startDemoApps({
            issuer: `${baseUrl}/oidc`,
            apps: Object.fromEntries(DEMO_APP_KEYS.map((key) => [key, { port: 0, publicHost: options.hosts?.[key] }])),
            log: (line) => log.push(line),
          });
          const urls = DEMO_APP_KEYS.map((key) => `${key}=${demo?.urls[key]}`);
          const result = await runCli({ env }, ['demo', 'seed', '--json', ...urls]);
          if (result.code !== 0) throw new Error(`demo seed exited with ${result.code}:\n${result.stdout}\n${result.stderr}`);
          seeded = JSON.parse(result.stdout) as DemoSeedOutput;
          demo.configure(seeded.demoApps);
        },
      });
      // The apps post their own alerts once the portal answers: the specs start with them in place,
      // so that counts read at the start don't change under them.
      await Promise.all(DEMO_APP_KEYS.map((key) => demo?.apps[key].startupAlerts()));
    } catch (error) {
      await demo?.stop();
      await (await starting.catch(() => undefined))?.close();
      throw error;
    }
    browser = await starting;
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await demo?.stop();
  }, START_TIMEOUT_MS);

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} not started (did beforeAll fail?)`);
    return value;
  };
  return {
    get server() {
      return need(server, 'server');
    },
    get browser() {
      return need(browser, 'browser');
    },
    get demo() {
      return need(demo, 'demo apps');
    },
    get seeded() {
      return need(seeded, 'demo seed');
    },
    get issuer() {
      return `${need(server, 'server').baseUrl}/oidc`;
    },
    url: (pathname: string) => need(server, 'server').baseUrl + pathname,
    person(key) {
      let person = people.get(key);
      if (!person) {
        person = { ...DEMO_PEOPLE[key], password: need(seeded, 'demo seed').password };
        people.set(key, person);
      }
      return person;
    },
    problems: () => DEMO_APP_KEYS.flatMap((key) => (demo?.apps[key].problems ?? []).map((p) => `[${key}] ${p}`)),
    log: () => log.join('\n'),
  };
}
