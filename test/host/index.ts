// Entry point the workbench loads into the extension host (`extensionTestsPath`): runs every *.test.js in this
// folder with mocha, prints one summary line for the runner, and rejects when a test failed.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as MochaModule from 'mocha';
import { screenshot } from './helpers';

export async function run(): Promise<void> {
  const Mocha = (MochaModule as unknown as { Mocha?: typeof MochaModule }).Mocha ?? MochaModule;
  const mocha = new (Mocha as unknown as new (o: object) => Mocha)({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const folder = process.env.AZS_HOST_TESTS_DIR ?? __dirname;
  const filter = process.env.AZS_HOST_TESTS_GREP;
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(join(folder, file));
  if (filter) mocha.grep(filter);
  // A picture of the workbench at the moment a test failed, while the extension host is still up.
  mocha.suite.afterEach(async function () {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    const slug = test.fullTitle().replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    await screenshot(`failure-${slug}`).catch(() => undefined);
  });
  // Each failure's title and first message line, so the summary at the end of a long log names what failed.
  const failedTests: string[] = [];
  const failures = await new Promise<{ passed: number; failed: number; failedTests: string[] }>((resolve) => {
    const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, failedTests }));
    runner.on('fail', (test, error: unknown) => {
      const message = String((error as Error | undefined)?.message ?? error).split('\n')[0].slice(0, 300);
      failedTests.push(`${test.fullTitle()}: ${message}`);
    });
  });
  console.log(`HOST-RESULT ${JSON.stringify(failures)}`);
  if (failures.failed > 0) throw new Error(`${failures.failed} host test(s) failed`);
}
