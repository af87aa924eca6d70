#!/usr/bin/env node
// Runs extension tests inside a real VS Code extension host: code-server serves the workbench, Debian's chromium
// (driven by playwright-core) opens it with `extensionTestsPath`, and the workbench reports the tests' log and exit
// code back to the page. Exits non-zero when a test fails or the host never reports back.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { startCodeServer, workbenchUrl } from './lib/codeServer.mjs';
import { startEmulatorProcess } from './lib/emulator.mjs';
import { launchBrowser } from './lib/browser.mjs';
import { performUiAction, takeScreenshot } from './lib/uiActions.mjs';
import { scanLogsForSecrets } from './lib/secretScan.mjs';

const root = resolve(import.meta.dirname, '..');
// The workbench's own start-up chatter, relayed through the same channel as the tests' output.
const workbenchNoise = /^(Resolving connection token|Resolved connection token|Creating a socket|\[Service Worker\]|Ignoring fetching additional builtin|Updating additional builtin|ChatSessionStore|Started local extension host|Extension host .* started|No extension gallery service configured)/;

// The main suite takes ≈ 70 s on a quiet machine and went past 300 s on one loaded to 7 runnable processes a core.
const defaultTimeoutMs = 600_000;

export async function runHostTests(options) {
  const {
    tests, workspace, extensionPath = root, timeoutMs = defaultTimeoutMs, locale, installVsix, emulatorState,
    resultsDir = join(root, 'test-results'), label = 'host', env = {}, print = (line) => console.log(line), secrets = [],
    verbose = process.env.AZS_HOST_VERBOSE === '1', untrusted = false,
    // An untrusted workspace's cloud settings are ignored, so such a run puts the emulator's into the user profile.
    emulatorSettingsIn = untrusted ? 'user' : 'workspace',
  } = options;
  const started = Date.now();
  const cleanups = [];
  const result = { passed: 0, failed: 0, exitCode: 1, reason: '' };
  const serverLog = [];
  try {
    const emulator = emulatorState ? await startEmulatorProcess({ stateFile: emulatorState }) : undefined;
    if (emulator) cleanups.push(() => emulator.stop());
    const folder = copyWorkspace(workspace, emulatorSettingsIn === 'workspace' ? emulator : undefined);
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const server = await startCodeServer({
      env: { AZS_CSP_TEST: '1', ...(emulator?.env ?? {}), ...env },
      locale,
      installExtensions: installVsix ? [installVsix] : [],
      untrusted,
      userSettings: emulatorSettingsIn === 'user' ? emulator?.workspaceSettings : undefined,
      log: (line) => serverLog.push(line),
    });
    cleanups.push(() => server.stop());
    const run = await runInWorkbench({ server, folder, tests, extensionPath, timeoutMs, resultsDir, label, print, verbose });
    Object.assign(result, run);
    // Every log the run wrote, Output channels included, must be free of secrets: the sandbox's and the stamps'
    // client secrets, tokens, and whatever the caller names (fixture passwords).
    const stampSecrets = (emulator?.stampPrincipals ?? []).map((p) => p.clientSecret);
    result.secretScan = scanLogsForSecrets(join(server.dirs.userData, 'logs'), [emulator?.clientSecret, ...stampSecrets, ...secrets]);
  } catch (error) {
    result.reason = `host runner failed: ${error instanceof Error ? error.message : error}`;
    result.exitCode = 1;
    if (result.failed === 0) result.failed = 1;
  } finally {
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  }
  result.seconds = (Date.now() - started) / 1000;
  if (result.reason) {
    print(`${label}: ${result.reason}`);
    if (serverLog.length) print(`last lines of code-server's log:\n  ${serverLog.slice(-30).join('\n  ')}`);
  }
  return result;
}

/**
 * Opens the workbench of a running code-server on `folder` with the extension at `extensionPath` and the tests at
 * `tests`, relays their output, answers their requests (screenshots, UI actions: see uiActions.mjs) and waits until
 * they report back. Resolves to { passed, failed, exitCode, reason }.
 */
export async function runInWorkbench({
  server, folder, tests, extensionPath = root, timeoutMs = defaultTimeoutMs, resultsDir = join(root, 'test-results'), label = 'host',
  print = (line) => console.log(line), verbose = false,
}) {
  const result = { passed: 0, failed: 0, exitCode: 1, reason: '' };
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    mkdirSync(resultsDir, { recursive: true });

    let timer;
    const done = new Promise((resolveDone) => {
      // A page or browser lost under the runner (crashed, killed) ends the run at once with its reason, not at the
      // timeout, nor with an unhandled rejection that takes the whole test command down.
      Promise.all([
        page.exposeFunction('codeAutomationLog', async (type, args) => {
          const line = Array.isArray(args) ? format(...args) : String(args);
          for (const text of line.split('\n')) await onLine(text, type);
        }),
        page.exposeFunction('codeAutomationExit', (code) => resolveDone({ code })),
      ]).catch((error) => resolveDone({ lost: error instanceof Error ? error.message : String(error) }));
      page.once('crash', () => resolveDone({ lost: 'the page crashed' }));
      page.once('close', () => resolveDone({ lost: 'the page closed' }));
      browser.once('disconnected', () => resolveDone({ lost: 'the browser closed' }));
      timer = setTimeout(() => resolveDone({ timeout: true }), timeoutMs);
    });

    // Lines from inside the host: a result summary, and requests for screenshots and UI actions (the test waits for
    // the file the answer is written to).
    async function onLine(text, type) {
      const summary = /^HOST-RESULT (\{.*\})$/.exec(text.trim());
      if (summary) {
        const counts = JSON.parse(summary[1]);
        result.passed = counts.passed;
        result.failed = counts.failed;
        result.failedTests = counts.failedTests ?? [];
        return;
      }
      // `SCREENSHOT name [path [options]]`: options (JSON) may crop the picture to CSS selectors (`clip`, `pad`) and,
      // with `shown`, wait for that element first and hand its text back to the test in the `.done` file.
      const shot = /^SCREENSHOT (\S+?)(?: (\S+))?(?: (\{.*\}))?$/.exec(text.trim());
      if (shot) {
        const file = shot[2] ?? join(resultsDir, `${shot[1]}.png`);
        const options = shot[3] ? JSON.parse(shot[3]) : {};
        const shown = options.shown ? await page.waitForSelector(options.shown, { state: 'visible', timeout: 10_000 })
          .then((element) => element.innerText(), (e) => `not shown: ${e.message}`) : '';
        await takeScreenshot(page, file, options).catch((e) => print(`screenshot failed: ${e.message}`));
        answer(`${file}.done`, shown);
        return;
      }
      const ui = /^UI-ACTION (\S+) (\{.*\})$/.exec(text.trim());
      if (ui) {
        const outcome = await performUiAction(page, JSON.parse(ui[2])).then((value) => ({ ok: true, value }), (e) => ({ ok: false, error: e.message }));
        answer(ui[1], JSON.stringify(outcome));
        return;
      }
      if (verbose || (text.trim() && !workbenchNoise.test(text))) print(type === 'error' ? `[error] ${text}` : text);
    }

    const testsPath = tests ? resolve(tests) : undefined;
    await page.goto(workbenchUrl(server, { folder, extensionPath: resolve(extensionPath), testsPath }));
    const outcome = await done;
    clearTimeout(timer);
    if (outcome.timeout) {
      await page.screenshot({ path: join(resultsDir, `${label}-timeout.png`) }).catch(() => {});
      result.reason = `the extension host did not report back within ${Math.round(timeoutMs / 1000)} s ` +
        `(screenshot: test-results/${label}-timeout.png)`;
      result.exitCode = 1;
    } else if (outcome.lost) {
      result.reason = `the workbench page was lost before the tests reported back: ${outcome.lost}`;
      result.exitCode = 1;
    } else {
      result.exitCode = outcome.code;
      if (outcome.code !== 0) {
        await page.screenshot({ path: join(resultsDir, `${label}-failure.png`) }).catch(() => {});
        result.reason = `host tests exited with code ${outcome.code} (screenshot: test-results/${label}-failure.png)`;
        if (result.failed === 0) result.failed = 1;
      }
    }
  } finally {
    await browser.close().catch(() => {});
  }
  return result;
}

/** Tests run on a throw-away copy of the fixture workspace, with the emulator's address written into its settings. */
function copyWorkspace(workspace, emulator) {
  const folder = join(mkdtempSync(join(tmpdir(), 'azs-ws-')), basename(workspace));
  cpSync(workspace, folder, { recursive: true });
  if (emulator) {
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    writeFileSync(join(folder, '.vscode', 'settings.json'), JSON.stringify(emulator.workspaceSettings, null, 2));
  }
  return folder;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      tests: { type: 'string' }, workspace: { type: 'string' }, timeout: { type: 'string' }, locale: { type: 'string' },
      vsix: { type: 'string' }, emulator: { type: 'string' }, label: { type: 'string' }, extension: { type: 'string' },
    },
  });
  if (!values.workspace) {
    console.error('usage: host-test.mjs --workspace <folder> [--tests <compiled test entry>] [--timeout s] [--locale sv] [--vsix file] [--emulator state.json]');
    process.exit(2);
  }
  const result = await runHostTests({
    tests: values.tests, workspace: values.workspace, locale: values.locale, installVsix: values.vsix,
    emulatorState: values.emulator, label: values.label, extensionPath: values.extension,
    timeoutMs: values.timeout ? Number(values.timeout) * 1000 : undefined,
  });
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exit(result.exitCode === 0 && result.failed === 0 ? 0 : 1);
}

/**
 * Hands a test its answer: the test polls for the file and reads it as soon as it exists, so it must appear whole
 * (a file written in place was once read half-written under load).
 */
function answer(path, text) {
  writeFileSync(`${path}.partial`, text);
  renameSync(`${path}.partial`, path);
}
