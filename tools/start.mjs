// `npm start`: build the API, the web app and the support widget if they changed, then run Passerelle.
import { apiMain, build, runNode } from './run.mjs';

build(['portal-api', 'portal-web', 'support-widget']);
await runNode(apiMain);
