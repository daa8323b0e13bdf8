// `npm run portal -- <command>`: the ops CLI (builds the API first if it changed).
import { build, cliMain, runNode } from './run.mjs';

build(['portal-api']);
await runNode(cliMain, process.argv.slice(2));
