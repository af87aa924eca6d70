// Starts code-server (the real VS Code workbench and extension host, from npm) on a free loopback port,
// with every directory it writes to inside a throw-away folder, and stops its whole process group.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const entry = join(root, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/**
 * @param {{ env?: Record<string,string>, userSettings?: object, installExtensions?: string[], locale?: string,
 *           port?: number, untrusted?: boolean, log?: (line: string) => void, startTimeoutMs?: number }} options
 */
export async function startCodeServer(options = {}) {
  const home = mkdtempSync(join(tmpdir(), 'azs-code-server-'));
  const dirs = {
    home,
    userData: join(home, 'user-data'),
    extensions: join(home, 'extensions'),
  };
  for (const sub of ['user-data/User', 'extensions', 'config', 'data', 'cache']) mkdirSync(join(home, sub), { recursive: true });
  writeFileSync(join(home, 'config.yaml'), 'auth: none\ncert: false\n');
  // Settings that keep the workbench quiet and deterministic for tests and the demo.
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    // Trust is off unless a run asks for an untrusted workspace; then nothing prompts, the folder just stays untrusted.
    'security.workspace.trust.enabled': options.untrusted === true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'git.enabled': false,
    // VS Code's port finder in a remote extension host (code-server's, not desktop VS Code's) runs `ls -l
    // /proc/*/fd/*` and `ps` through a shell every 2 s or more, each a fork of the extension host that held its thread
    // 10–240 ms (bench/NOTES.md, "typing"); reading ports from terminal output instead needs no process.
    // AZS_PORT_FINDER=1 leaves VS Code's default (a look at its cost).
    ...(process.env.AZS_PORT_FINDER === '1' ? {} : { 'remote.autoForwardPortsSource': 'output' }),
    // VS Code's own HTTPS patch swaps Node's CA list, extra certificates (NODE_EXTRA_CA_CERTS) included, for the
    // system's; without it the extension host trusts the local emulator's self-signed CA like any Node process.
    'http.systemCertificates': false,
    ...options.userSettings,
  };
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  if (options.locale) {
    writeFileSync(join(dirs.userData, 'User', 'argv.json'), JSON.stringify({ locale: options.locale }));
    if (options.locale !== 'en') writeLanguagePack(dirs.userData, options.locale);
  }
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CACHE_HOME: join(home, 'cache'),
    ...options.env,
  };
  const common = ['--config', join(home, 'config.yaml'), '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  for (const vsix of options.installExtensions ?? []) {
    await runOnce([entry, ...common, '--install-extension', vsix, '--force'], env, options.log);
  }
  const args = [
    entry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${options.port ?? 0}`,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
  ];
  if (!options.untrusted) args.push('--disable-workspace-trust');
  if (options.locale) args.push('--locale', options.locale);
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () => stopGroup(child, home);
  try {
    const port = await waitForPort(child, options.log ?? (() => {}), options.startTimeoutMs ?? 60_000);
    return { port, url: `http://127.0.0.1:${port}`, authority: `127.0.0.1:${port}`, dirs, child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * VS Code runs in a display language only when a language pack provides it, and Microsoft publishes none for
 * Swedish. The server reads the packs from languagepacks.json in the user-data folder; this registers the test
 * fixture's (empty) pack there, so the workbench and the extension host run with `locale`.
 */
function writeLanguagePack(userData, locale) {
  const id = `azs-csp-tools-test.test-language-pack-${locale}`;
  const translations = join(root, 'test', 'host-fixtures', `language-pack-${locale}`, 'translations', 'main.i18n.json');
  const hash = createHash('md5').update(id).update('0.0.1').digest('hex');
  const packs = { [locale]: { hash, extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }], translations: { vscode: translations }, label: locale } };
  writeFileSync(join(userData, 'languagepacks.json'), JSON.stringify(packs));
}

function waitForPort(child, log, timeoutMs) {
  return new Promise((resolvePort, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk) => {
      const text = chunk.toString();
      for (const line of text.split('\n')) if (line.trim()) log(line);
      buffered += text;
      const match = /HTTP server listening on http:\/\/[^:]+:(\d+)/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early with code ${code}:\n${buffered.slice(-2000)}`));
    });
  });
}

function runOnce(args, env, log = () => {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.once('exit', (code) => {
      for (const line of output.split('\n')) if (line.trim()) log(line);
      if (code === 0) resolveRun(output);
      else reject(new Error(`code-server ${args.slice(-3).join(' ')} failed (${code}):\n${output}`));
    });
  });
}

async function stopGroup(child, home) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
    if (timedOut) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }
  rmSync(home, { recursive: true, force: true, maxRetries: 3 });
}

export function delay(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** The workbench URL that opens `folder` with the extension under development (and optionally its tests). */
export function workbenchUrl(server, { folder, extensionPath, testsPath }) {
  const payload = [];
  if (extensionPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${server.authority}${extensionPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.authority}${testsPath}`]);
  const query = new URLSearchParams({ folder });
  let url = `${server.url}/?${query}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
