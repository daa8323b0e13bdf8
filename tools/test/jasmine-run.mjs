// Runs one Node Jasmine suite with the summary reporter, in file order, and fails loudly when anything
// failed or when nothing was found (a glob that matches no spec must not look like a green suite).
//
//   node tools/test/jasmine-run.mjs --suite api-unit --spec-dir dist/out-tsc/portal-api \
//     --spec 'apps/portal-api/src/**/*.spec.js' [--spec …] [--helper …] [--timeout 30000] [--filter regex]
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
// Required before Jasmine boots so the module does not self-register as a CLI helper.
const { SummaryReporter } = require('./jasmine-summary-reporter.cjs');
const Jasmine = require('jasmine');

const { values: args } = parseArgs({
  options: {
    suite: { type: 'string' },
    'spec-dir': { type: 'string', default: '.' },
    spec: { type: 'string', multiple: true, default: [] },
    helper: { type: 'string', multiple: true, default: [] },
    timeout: { type: 'string', default: process.env.TEST_TIMEOUT_MS ?? '30000' },
    filter: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
if (!args.suite || args.spec.length === 0) {
  console.error('usage: jasmine-run.mjs --suite <name> --spec-dir <dir> --spec <glob> [--spec …] [--helper <glob>] [--timeout ms]');
  process.exit(2);
}
process.env.TEST_SUITE = args.suite; // specs and helpers may want to know which suite they run in

const reporter = new SummaryReporter({ suite: args.suite, verbose: args.verbose || process.env.TEST_VERBOSE === '1' });
const runner = new Jasmine({ projectBaseDir: root });
runner.exitOnCompletion = false;
runner.loadConfig({
  spec_dir: args['spec-dir'],
  spec_files: args.spec,
  // Helpers are given relative to the repository root (e.g. a setup file in tools/), not to spec_dir.
  helpers: [],
  random: false,
  stopSpecOnExpectationFailure: false,
});
for (const h of args.helper) runner.addMatchingHelperFiles([path.relative(path.join(root, args['spec-dir']), path.resolve(root, h))]);
runner.jasmine.DEFAULT_TIMEOUT_INTERVAL = Number(args.timeout);
runner.clearReporters();
runner.addReporter(reporter);

if (runner.specFiles.length === 0) {
  console.error(`${args.suite}: no spec files match ${args.spec.join(', ')} under ${args['spec-dir']} — failing (were the specs compiled?)`);
  reporter.counts.failed = 1;
  reporter.writeSummaryFile({ error: 'no_spec_files' });
  process.exit(1);
}

let result;
try {
  result = await runner.execute(undefined, args.filter);
} catch (err) {
  console.error(`${args.suite}: Jasmine crashed:`, err);
  reporter.counts.failed = Math.max(1, reporter.counts.failed);
  reporter.writeSummaryFile({ error: 'crashed' });
  process.exit(1);
}

const ran = reporter.counts.passed + reporter.counts.failed;
if (ran === 0) {
  console.error(`${args.suite}: ${runner.specFiles.length} spec file(s) loaded but no spec ran — failing.`);
  reporter.counts.failed = 1;
  reporter.writeSummaryFile({ error: 'no_specs' });
  process.exit(1);
}
// 'incomplete' means fit/fdescribe was left in or no specs ran: not a green run.
process.exit(reporter.counts.failed === 0 && result.overallStatus === 'passed' ? 0 : 1);
