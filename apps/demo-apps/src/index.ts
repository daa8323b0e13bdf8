// What other projects use: `npm run demo` (tools/demo.mjs, from the build) and the end-to-end tests
// (import from '@passerelle/demo-apps').
export { DEMO_APPS } from './apps';
export { DEMO_APP_KEYS, DEMO_APP_PATHS, type DemoAppDefinition, type DemoAppKey } from './core/definition';
export type { Credentials } from './core/relying-party';
export {
  DEFAULT_DEMO_PORTS,
  endpointsOf,
  startDemoApps,
  type DemoAppEndpoints,
  type DemoAppOptions,
  type DemoAppsOptions,
  type StartedDemoApps,
} from './server';
