// `npm run demo`: add the demo organisation, people and groups, then start Passerelle.
import { apiMain, build, cliMain, runNode } from './run.mjs';

build(['portal-api', 'portal-web']);
await runNode(cliMain, ['demo', 'seed']);
await runNode(apiMain);
