// Runs the demo apps on their own: `node dist/apps/demo-apps/apps/demo-apps/src/main.js config.json`
// or with the same JSON in DEMO_APPS_CONFIG:
//   { "issuer": "http://localhost:3000/oidc",
//     "apps": { "wiki": { "port": 3101, "clientId": "…", "clientSecret": "…" }, "crm": {…}, "files": {…} } }
// `npm run demo` does not need this (it starts them in its own process); it is here for people who
// run Passerelle elsewhere and want the apps beside it.
import { readFileSync } from 'node:fs';
import { DEMO_APP_KEYS } from './core/definition';
import { startDemoApps, type DemoAppsOptions } from './server';

function readConfig(): DemoAppsOptions {
  const file = process.argv[2];
  const text = file ? readFileSync(file, 'utf8') : process.env['DEMO_APPS_CONFIG'];
  if (!text) throw new Error('Give the configuration as a JSON file argument or in DEMO_APPS_CONFIG.');
  const config = JSON.parse(text) as DemoAppsOptions;
  if (typeof config.issuer !== 'string' || !/^https?:\/\//.test(config.issuer)) throw new Error('"issuer" must be Passerelle\'s issuer URL, e.g. http://localhost:3000/oidc.');
  return config;
}

async function main(): Promise<void> {
  const demo = await startDemoApps({ ...readConfig(), log: (line) => process.stderr.write(`${line}\n`) });
  for (const key of DEMO_APP_KEYS) process.stdout.write(`${demo.apps[key].definition.name.padEnd(6)} ${demo.urls[key]}\n`);
  const stop = () => void demo.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: Error) => {
  process.stderr.write(`demo-apps: ${error.message}\n`);
  process.exit(1);
});
