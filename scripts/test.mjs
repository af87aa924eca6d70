#!/usr/bin/env node
// `npm test`: installs what is missing, type-checks, lints, builds, runs the unit tests (mocha, plain Node), the oracle
// tests (against PowerShell's parser and the emulator) and the host tests (inside a real VS Code extension host), and
// ends with one line: `N passed, N failed`.
//   npm test -- --only unit,host      run some stages
//   npm test -- --grep <text>         only tests whose title matches (unit and host)
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkNodeVersion, ensurePowerShell, ensureSetup } from './lib/setup.mjs';
import { startEmulatorProcess } from './lib/emulator.mjs';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { only: { type: 'string' }, grep: { type: 'string' } } });
const only = args.only ? new Set(args.only.split(',')) : undefined;
const totals = { passed: 0, failed: 0 };
/** What failed, one line each, repeated at the end so a long log's failure is found without scrolling. */
const failures = [];
/** Tests that could not run on this machine, and why: said in the summary, never skipped silently. */
const skipped = [];
const timings = [];
/**
 * Passwords written into lint fixtures (AZS701): the linter reads them, and no log may repeat them; a secret a host
 * test writes into a setting; and the secrets of the hostile stamps' own service principals, typed into prompts.
 */
const fixtureSecrets = [
  'P@ssw0rd-Fixture-701', 'Sup3r-Secret-Fixture!', 'Setting-Held-Secret-42',
  ...JSON.parse(readFileSync(join(root, 'test/fixtures/emulator/hostile-stamps.json'), 'utf8')).stamps.map((s) => s.servicePrincipal.clientSecret),
];

function stageEnabled(name) {
  return !only || only.has(name);
}

async function stage(name, action) {
  if (!stageEnabled(name)) return;
  const started = Date.now();
  console.log(`\n== ${name}`);
  await action();
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function runTool(command, argv) {
  const result = spawnSync(command, argv, { stdio: 'inherit', cwd: root });
  return result.status === 0;
}

/** A gate that is not a test (type-check, lint, build) still counts as a failure when it fails. */
function gate(title, ok) {
  if (ok) return;
  console.log(`FAILED: ${title}`);
  failures.push(title);
  totals.failed += 1;
}

export function findTests(folder) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.js')) found.push(path);
    }
  };
  try { walk(folder); } catch { /* folder absent */ }
  return found;
}

/** The failed tests mocha named, one summary entry each. */
function namedFailures(stageName, counts) {
  return (counts.failedTests ?? []).map((title) => `${stageName}: ✗ ${title}`);
}

function runMocha(files, env) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [join(root, 'scripts/lib/run-mocha.cjs'), ...files], {
      cwd: root, env: { ...process.env, ...env, ...(args.grep ? { AZS_TEST_GREP: args.grep } : {}) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let counts = { passed: 0, failed: 1 };
    let pending = '';
    child.stdout.on('data', (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        const summary = /^UNIT-RESULT (\{.*\})$/.exec(line);
        if (summary) counts = JSON.parse(summary[1]);
        else console.log(line);
      }
    });
    child.once('exit', () => resolveRun(counts));
  });
}

/**
 * One host session: the suite in out/test/<suite> (default: host) on a copy of `workspace`, with the emulator's host
 * data unless `emulator` is false; its tests count towards the totals.
 */
async function hostRun({ suite = 'host', workspace = 'test/fixtures/workspace', emulator = true, ...options }) {
  const { runHostTests } = await import('./host-test.mjs');
  const result = await runHostTests({
    tests: join(root, 'out/test/host/index.js'),
    workspace: join(root, workspace),
    ...(emulator ? { emulatorState: join(root, 'test/fixtures/emulator/host.json') } : {}),
    env: { AZS_HOST_TESTS_DIR: join(root, 'out/test', suite), ...(args.grep ? { AZS_HOST_TESTS_GREP: args.grep } : {}) },
    ...options,
  });
  totals.passed += result.passed;
  totals.failed += result.exitCode === 0 ? result.failed : Math.max(result.failed, 1);
  if (result.exitCode !== 0) {
    failures.push(`${options.label ?? 'host'}: ${result.failed} failed${result.reason ? `; ${result.reason}` : ''}`,
      ...namedFailures(options.label ?? 'host', result));
  }
  return result;
}

/** The log scan after the host run counts as one test: it passes only when it read our log and found no secret. */
function countSecretScan(scan) {
  if (!scan) return;
  const ok = scan.leaks.length === 0 && scan.extensionLogLines > 0;
  console.log(`${ok ? '  ✔' : '  ✗'} no secret in any log (${scan.scannedFiles} log files, ${scan.extensionLogLines} lines of the extension's log)`);
  for (const leak of scan.leaks) console.log(`    ${leak}`);
  if (scan.extensionLogLines === 0) console.log('    the extension\'s log was not found, so the scan proves nothing');
  if (ok) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push('the secret scan of the logs');
  }
}

async function main() {
  checkNodeVersion();
  await stage('setup', () => ensureSetup());
  await stage('typecheck', () => gate('type-check (tsc)', runTool(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', '.'])));
  await stage('eslint', () => gate('eslint', runTool(process.execPath, [join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', 'src', 'test', 'scripts', 'media', 'bench'])));
  await stage('build', () => gate('build (esbuild)', runTool(process.execPath, [join(root, 'scripts/build.mjs')])));
  await stage('unit', async () => {
    const files = [...findTests(join(root, 'out/test/unit')), ...findTests(join(root, 'out/test/runner'))];
    // The Azure unit tests talk to the emulator over HTTPS; its CA must be trusted when mocha's process starts.
    const emulator = await startEmulatorProcess({ stateFile: join(root, 'test/emulator/states/unit.json'), log: (text) => process.stderr.write(text) });
    try {
      const counts = await runMocha(files, emulator.env);
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      if (counts.failed > 0) failures.push(`unit: ${counts.failed} failed`, ...namedFailures('unit', counts));
    } finally {
      await emulator.stop();
    }
  });
  await stage('oracles', async () => {
    // PowerShell's own parser and the emulator as the references for our reading and our predictions (test/oracles).
    const powerShell = ensurePowerShell();
    if (powerShell.unavailable) {
      skipped.push(`oracles: skipped, ${powerShell.unavailable}`);
      return;
    }
    const az = spawnSync('sh', ['-c', 'command -v az'], { encoding: 'utf8' }).stdout.trim();
    if (!az) skipped.push('oracles: the `az rest` predictions skipped, the Azure CLI (az) is not installed (apt-get install azure-cli)');
    const emulator = await startEmulatorProcess({ stateFile: join(root, 'test/fixtures/oracles/emulator.json'), log: (text) => process.stderr.write(text) });
    try {
      const counts = await runMocha(findTests(join(root, 'out/test/oracles')), { ...emulator.env, AZS_PWSH: powerShell.pwsh, ...(az ? { AZS_AZ: az } : {}) });
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      if (counts.failed > 0) failures.push(`oracles: ${counts.failed} failed`, ...namedFailures('oracles', counts));
    } finally {
      await emulator.stop();
    }
  });
  await stage('host', async () => {
    const main = await hostRun({ secrets: fixtureSecrets });
    countSecretScan(main.secretScan);
    await hostRun({ label: 'host-untrusted', untrusted: true, suite: 'host-untrusted', workspace: 'test/fixtures/untrusted-workspace' });
    await hostRun({ label: 'host-sv', locale: 'sv', suite: 'host-sv' });
  });
  await stage('vsix', async () => {
    // The package as a user installs it: built for production, installed into a fresh code-server, used there.
    const packaged = spawnSync(process.execPath, [join(root, 'scripts/package.mjs')], { cwd: root, encoding: 'utf8' });
    gate('npm run package', packaged.status === 0);
    if (packaged.status !== 0) {
      console.log(packaged.stdout, packaged.stderr);
      return;
    }
    const { vsixPath } = await import('./package.mjs');
    await hostRun({ label: 'host-vsix', installVsix: vsixPath, extensionPath: join(root, 'test/host-fixtures/vsix-probe'), suite: 'host-vsix', emulator: false });
  });
  console.log(`\n${timings.join(', ')}`);
  for (const line of skipped) console.log(line);
  if (failures.length > 0) console.log(`failed:\n${failures.map((failure) => `  ${failure}`).join('\n')}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`npm test: ${error instanceof Error ? error.message : error}`);
  console.log(`${totals.passed} passed, ${totals.failed + 1} failed`);
  process.exitCode = 1;
});
