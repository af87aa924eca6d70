// Installs what the tests and the demo need, only when it is missing: npm packages (`npm ci`), Debian packages
// (chromium, ripgrep), code-server's native modules and, where `dotnet` is, PowerShell for the oracle tests. Uses only
// Node built-ins, so it runs on a fresh clone.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const debianPackages = [
  { name: 'chromium', binary: '/usr/bin/chromium' },
  { name: 'ripgrep', binary: '/usr/bin/rg' },
  { name: 'openssl', binary: '/usr/bin/openssl' },
];

function step(message) {
  console.log(`setup: ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`"${command} ${args.join(' ')}" failed with exit code ${result.status}${result.error ? `: ${result.error.message}` : ''}`);
  }
}

function lockHash() {
  return createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex');
}

/** Runs `npm ci` when node_modules does not match package-lock.json; true when it did. */
export function ensureNpmPackages() {
  const marker = join(root, 'node_modules', '.azs-lock-hash');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === lockHash()) return false;
  // Scripts stay off: code-server's postinstall refuses root and downloads from GitHub; native parts are built below.
  step('installing npm packages (npm ci)');
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund']);
  writeFileSync(marker, lockHash());
  return true;
}

function ensureDebianPackages() {
  const missing = debianPackages.filter((p) => !existsSync(p.binary)).map((p) => p.name);
  if (missing.length === 0) return;
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo apt-get update && sudo ${command}`);
  }
  step(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const first = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (first.status !== 0) {
    run('apt-get', ['update'], { env });
    run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
  }
}

/** The folder whose include/node/node_version.h exists, so node-gyp builds offline against this Node's headers. */
function nodeHeadersDir() {
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include', 'node', 'node_version.h'))) return prefix;
  throw new Error(`Node's headers were not found under ${prefix}/include/node; node-gyp would try to download them`);
}

function ensureCodeServer(force) {
  const codeServer = join(root, 'node_modules', 'code-server');
  const marker = join(codeServer, '.azs-ready');
  if (!force && existsSync(marker)) return;
  step('preparing code-server (native modules, built offline)');
  const env = {
    ...process.env,
    npm_config_nodedir: nodeHeadersDir(),
    npm_config_ignore_scripts: 'false',
    npm_config_yes: 'true',
    npm_config_build_from_source: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  // code-server loads argon2 at start, even with --auth none.
  run('npm', ['rebuild', 'argon2'], { env });
  const vscodeDir = join(codeServer, 'lib', 'vscode');
  run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: vscodeDir, env });
  // workspace.findFiles needs ripgrep; the npm package would download it from GitHub.
  const rgDir = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  rmSync(join(rgDir, 'rg'), { force: true });
  symlinkSync('/usr/bin/rg', join(rgDir, 'rg'));
  // By name: a plain rebuild stops at kerberos. spdlog backs the Output panel, node-pty the terminals.
  run('npm', ['rebuild', '@vscode/spdlog', 'native-watchdog', 'node-pty'], { cwd: vscodeDir, env });
  writeFileSync(marker, new Date().toISOString());
}

/** PowerShell for the oracle tests, as a local .NET tool (7.7.0 does not install as one). */
const powerShellVersion = '7.6.10';
const powerShellDir = join(root, '.tools', 'pwsh');

/**
 * Installs PowerShell into .tools/pwsh with `dotnet tool install` when it is missing. Returns `{ pwsh }`, or
 * `{ unavailable }` with the reason when the machine has no `dotnet` (the oracle tests are then skipped, saying so);
 * a failed install on a machine that has `dotnet` throws.
 */
export function ensurePowerShell() {
  const pwsh = join(powerShellDir, 'pwsh');
  if (existsSync(pwsh) && existsSync(join(powerShellDir, '.store', 'powershell', powerShellVersion))) return { pwsh };
  if (spawnSync('dotnet', ['--version'], { stdio: 'ignore' }).status !== 0) {
    return { unavailable: `dotnet is not on this machine, so PowerShell ${powerShellVersion} could not be installed` };
  }
  step(`installing PowerShell ${powerShellVersion} as a local .NET tool (.tools/pwsh)`);
  rmSync(powerShellDir, { recursive: true, force: true });
  const env = { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1' };
  run('dotnet', ['tool', 'install', 'PowerShell', '--version', powerShellVersion, '--tool-path', powerShellDir], { env });
  return { pwsh };
}

export function ensureSetup() {
  const started = Date.now();
  ensureDebianPackages();
  const freshModules = ensureNpmPackages();
  ensureCodeServer(freshModules);
  const powerShell = ensurePowerShell();
  if (powerShell.unavailable) step(`${powerShell.unavailable}: the oracle tests will be skipped`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds > 1) step(`done in ${seconds.toFixed(1)} s`);
}

export function checkNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new Error(`Node ${process.versions.node} is too old; Node 20 or newer is needed`);
}
