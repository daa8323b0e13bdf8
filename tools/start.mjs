// `npm start`: build the API and the web app if they changed, then run Passerelle.
import { apiMain, build, runNode } from './run.mjs';

build(['portal-api', 'portal-web']);
await runNode(apiMain);
