// Runs mocha over the given compiled test files in this process and prints one machine-readable summary line.
// A separate process, so that variables read at start (NODE_EXTRA_CA_CERTS) can be set by the caller.
const { Mocha } = require('mocha');

const files = process.argv.slice(2);
const mocha = new Mocha({ ui: 'bdd', timeout: Number(process.env.AZS_MOCHA_TIMEOUT ?? 20000), color: false, reporter: 'spec' });
if (process.env.AZS_TEST_GREP) mocha.grep(process.env.AZS_TEST_GREP);
for (const file of files) mocha.addFile(file);
// Each failure's title and first message line, so the summary at the end of a long log names what failed.
const failedTests = [];
const runner = mocha.run((failures) => {
  const { passes = 0, pending = 0 } = runner.stats ?? {};
  console.log(`UNIT-RESULT ${JSON.stringify({ passed: passes, failed: failures, pending, failedTests })}`);
  process.exitCode = failures > 0 ? 1 : 0;
});
runner.on('fail', (test, error) => {
  // fast-check's report says what failed on a later line ("Got error: …").
  const lines = String(error?.message ?? error).split('\n');
  const message = [lines[0], lines.find((line) => line.startsWith('Got error:'))].filter(Boolean).join(' ').slice(0, 400);
  failedTests.push(`${test.fullTitle()}: ${message}`);
});
