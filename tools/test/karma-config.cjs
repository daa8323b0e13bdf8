// Karma settings shared by the Angular projects' unit specs (portal-web, support-widget), run through
// the @angular/build:karma builder (which adds its own bundling plugin and files).
// Chromium comes from the Debian package `chromium`; it runs as root here, hence --no-sandbox, and the
// other flags keep it from reaching the internet. A missing browser fails loudly, never green.
const fs = require('node:fs');
const path = require('node:path');

const workspaceRoot = path.resolve(__dirname, '../..');

/** Karma settings for one Angular project's unit specs; `suite` names its result file and messages. */
function karmaConfig({ suite, project }) {
  const resultFile = path.join(workspaceRoot, `tmp/test-results/${suite}.json`);
  const chromeBin = process.env.CHROME_BIN || '/usr/bin/chromium';

  if (!fs.existsSync(chromeBin)) {
    // Never let a missing browser look like a green run.
    const message =
      `${project} unit tests need Chromium, but none was found at ${chromeBin}.\n` +
      'Install it with `apt-get install chromium` (Debian/Ubuntu) or set CHROME_BIN to a Chrome/Chromium binary.';
    writeSummary({ passed: 0, failed: 1, skipped: 0 });
    throw new Error(message);
  }
  process.env.CHROME_BIN = chromeBin;

  function writeSummary(counts) {
    fs.mkdirSync(path.dirname(resultFile), { recursive: true });
    fs.writeFileSync(resultFile, JSON.stringify({ suite, ...counts }) + '\n');
  }

  /** Writes {"suite":"<suite>","passed":N,"failed":N,"skipped":N} for the workspace test orchestrator. */
  function SummaryFileReporter() {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let browserErrors = 0;
    this.onRunStart = () => {
      counts.passed = counts.failed = counts.skipped = 0;
      browserErrors = 0;
    };
    this.onBrowserError = () => {
      browserErrors += 1;
    };
    this.onSpecComplete = (_browser, result) => {
      if (result.skipped) {
        counts.skipped += 1;
      } else if (result.success) {
        counts.passed += 1;
      } else {
        counts.failed += 1;
      }
    };
    this.onRunComplete = (_browsers, results) => {
      // A crashed browser or a bundle that failed to load counts as a failure even with zero specs run.
      const broken = browserErrors > 0 || Boolean(results && (results.error || results.disconnected));
      writeSummary({
        passed: counts.passed,
        failed: broken && counts.failed === 0 ? 1 : counts.failed,
        skipped: counts.skipped,
      });
    };
  }
  SummaryFileReporter.$inject = [];

  return function (config) {
    config.set({
      basePath: '',
      frameworks: ['jasmine'],
      plugins: [
        require('karma-jasmine'),
        require('karma-chrome-launcher'),
        { 'reporter:summary-file': ['type', SummaryFileReporter] },
      ],
      client: {
        jasmine: { random: true },
        clearContext: true,
      },
      // 'dots' rather than 'progress': CI logs get one line, not one redraw per spec.
      reporters: ['dots', 'summary-file'],
      browsers: ['ChromiumHeadlessNoSandbox'],
      customLaunchers: {
        ChromiumHeadlessNoSandbox: {
          base: 'ChromeHeadless',
          flags: [
            '--no-sandbox',
            '--headless=new',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-dev-shm-usage',
          ],
        },
      },
      failOnEmptyTestSuite: true,
      browserNoActivityTimeout: 60000,
      captureTimeout: 60000,
      singleRun: true,
      autoWatch: false,
      restartOnFileChange: false,
    });
  };
}

module.exports = { karmaConfig };
