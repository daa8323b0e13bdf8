// Jasmine reporter shared by every Node suite: readable console output (a dot per spec, or its name
// with TEST_VERBOSE=1; every failure with message and stack) and, at the end, a machine-readable
// tmp/test-results/<suite>.json that tools/test/run-all.mjs sums up.
//
// Programmatic use: `env.addReporter(new SummaryReporter({ suite }))`.
// As a helper for the plain `jasmine` CLI: `jasmine --helper=tools/test/jasmine-summary-reporter.cjs`
// (it registers itself when loaded while Jasmine's globals exist; suite name from TEST_SUITE).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const RESULTS_DIR = path.resolve(__dirname, '..', '..', 'tmp', 'test-results');
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

class SummaryReporter {
  constructor({ suite = process.env.TEST_SUITE, verbose = process.env.TEST_VERBOSE === '1', out = process.stdout } = {}) {
    if (!suite) throw new Error('SummaryReporter needs a suite name (option `suite` or env TEST_SUITE).');
    this.suite = suite;
    this.verbose = verbose;
    this.out = out;
    this.counts = { passed: 0, failed: 0, skipped: 0 };
    this.failures = []; // { title, failedExpectations }
    this.column = 0;
    this.startedAt = 0;
  }

  write(text) {
    this.out.write(text);
  }

  jasmineStarted(info) {
    this.startedAt = Date.now();
    this.write(`Running suite "${this.suite}" (${info.totalSpecsDefined} specs defined)\n`);
  }

  specDone(result) {
    const mark = { passed: paint(32, '.'), failed: paint(31, 'F'), pending: paint(33, '*'), excluded: paint(33, '*') }[result.status] ?? '?';
    if (result.status === 'passed') this.counts.passed++;
    else if (result.status === 'failed') {
      this.counts.failed++;
      this.failures.push({ title: result.fullName, failedExpectations: result.failedExpectations });
    } else this.counts.skipped++; // pending, excluded (xit, fit elsewhere, filtered)

    if (this.verbose) {
      this.write(`${mark} ${result.fullName} (${result.duration ?? '?'} ms)\n`);
    } else {
      this.write(mark);
      if (++this.column % 80 === 0) this.write('\n');
    }
    if (result.status === 'failed') this.printFailure(result.fullName, result.failedExpectations, true);
  }

  // Errors in beforeAll/afterAll surface here, not in specDone: count each as a failure.
  suiteDone(result) {
    if (result.failedExpectations?.length) {
      this.counts.failed += result.failedExpectations.length;
      const title = `${result.fullName} (beforeAll/afterAll)`;
      this.failures.push({ title, failedExpectations: result.failedExpectations });
      this.printFailure(title, result.failedExpectations, true);
    }
  }

  jasmineDone(result) {
    // Top-level afterAll errors, spec files that failed to load, unhandled rejections between specs.
    if (result.failedExpectations?.length) {
      this.counts.failed += result.failedExpectations.length;
      const title = 'top level (load error, global afterAll, or unhandled error)';
      this.failures.push({ title, failedExpectations: result.failedExpectations });
    }
    const total = this.counts.passed + this.counts.failed + this.counts.skipped;
    this.write('\n');
    if (this.failures.length) {
      // Specs skipped because their beforeAll failed still count as failed, but listing each one buries the cause.
      const notRun = (f) => f.failedExpectations?.every((fe) => /^Not run because a beforeAll function failed/.test(fe.message));
      const shown = this.failures.filter((f) => !notRun(f));
      this.write(`\n${paint(31, 'Failures:')}\n`);
      shown.forEach((f, i) => this.printFailure(`${i + 1}) ${f.title}`, f.failedExpectations, false));
      const hidden = this.failures.length - shown.length;
      if (hidden) this.write(`\n(+ ${hidden} spec(s) not run, counted as failed, because a beforeAll above failed)\n`);
    }
    if (result.incompleteReason) this.write(`Incomplete: ${result.incompleteReason}\n`);
    const secs = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    this.write(
      `${this.suite}: ${total} results, ${this.counts.passed} passed, ${this.counts.failed} failed, ${this.counts.skipped} skipped (${secs} s)\n`,
    );
    this.writeSummaryFile();
  }

  printFailure(title, failedExpectations, inline) {
    // Inline (as it happens) we print the message only, the final list repeats it with the stack.
    if (inline && !this.verbose) return this.write(`\n${paint(31, 'FAILED')} ${title}\n`);
    this.write(`\n${paint(31, title)}\n`);
    for (const fe of failedExpectations ?? []) {
      this.write(`  Message: ${indent(fe.message || '(no message)')}\n`);
      if (fe.stack && !inline) this.write(`  Stack:\n    ${indent(cleanStack(fe.stack), '    ')}\n`);
    }
  }

  /** `extra` (e.g. { error: 'no_specs' }) tells run-all why a suite failed without running specs. */
  writeSummaryFile(extra = {}) {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const body = { suite: this.suite, ...this.counts, ...extra };
    fs.writeFileSync(path.join(RESULTS_DIR, `${this.suite}.json`), JSON.stringify(body) + '\n');
  }
}

function indent(text, pad = '  ') {
  return String(text).replace(/\n/g, `\n${pad}`);
}

// Jasmine's own frames are noise when reading a failure.
function cleanStack(stack) {
  return String(stack)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !/node_modules[\\/]jasmine(-core)?[\\/]|node:internal|node:async_hooks|^at <Jasmine>$/.test(line))
    .join('\n');
}

module.exports = { SummaryReporter, RESULTS_DIR };

// Loaded as a helper by the `jasmine` CLI (globals exist, not registered yet): register ourselves.
if (typeof globalThis.jasmine !== 'undefined' && !globalThis.__passerelleSummaryReporter) {
  globalThis.__passerelleSummaryReporter = true;
  globalThis.jasmine.getEnv().addReporter(new SummaryReporter());
}
