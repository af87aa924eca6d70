// azs-lint never passes a file unread: what it reads (UTF-16 and UTF-8 with a BOM, CR-only line breaks, runbooks),
// what it refuses without opening (FIFOs), what it cannot read (a locked folder), links followed once, loops named, and
// what it prints of file text (escape sequences dropped, SARIF URIs percent-encoded). Runs `node dist/cli.js` as a
// user does, and without root's power over permissions where a folder is locked (privileges.ts).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/support/wasm';
import { withoutPermissionOverride } from './privileges';

const cli = join(repoRoot, 'dist/cli.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function azsLint(args: string[], cwd: string, prefix: string[] = []): Run {
  const [command, ...rest] = [...prefix, process.execPath, cli, ...args];
  const result = spawnSync(command, rest, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, timedOut: result.error !== undefined };
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
const registrationPath = '/subscriptions/<subscription id>/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg';

/** Finding lines of text output, as `file:line:column: CODE`. */
function findings(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^\S+:\d+:\d+: \w+ AZS\d{3}/.test(l)).map((l) => l.replace(/^(\S+:\d+:\d+): \w+ (AZS\d{3}).*$/, '$1: $2'));
}

describe('azs-lint reads every file or says why not', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    scratch = mkdtempSync(join(tmpdir(), 'azs-lint-input-'));
  });

  after(() => {
    spawnSync('chmod', ['-R', 'u+rwx', scratch]);
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lints a UTF-16 LE script, a CR-only one and a Markdown runbook, names a FIFO and an unreadable folder, never hangs, and exits as documented', function () {
    const prefix = withoutPermissionOverride();
    // Said, not skipped silently: the folder cannot be made unreadable to root on this machine.
    if (!prefix) throw new Error('running as root without setpriv (util-linux): a locked folder cannot be made unreadable');
    const project = join(scratch, 'mixed');
    mkdirSync(join(project, 'locked'), { recursive: true });
    writeFileSync(join(project, 'out-file.ps1'), utf16le(`Login-AzureRmAccount -Environment AzureCloud\r\nGet-AzResource -ResourceId "${registrationPath}"\r\n`));
    writeFileSync(join(project, 'classic-mac.ps1'), '# written with CR only\rLogin-AzureRmAccount\r\rSet-AzsRegistration -PrivilegedEndpoint <ERCS VM>\r');
    writeFileSync(join(project, 'runbook.md'), '# Onboarding a customer\n\nSign in first:\n\n```powershell\nLogin-AzureRmAccount\nSet-AzsRegistration -PrivilegedEndpoint <ERCS VM>\n```\n');
    writeFileSync(join(project, 'locked', 'hidden.ps1'), 'Login-AzureRmAccount\n');
    spawnSync('mkfifo', [join(project, 'pipe.ps1')]);
    chmodSync(join(project, 'locked'), 0o000);
    for (const threads of ['1', '2']) {
      const run = azsLint(['.', '--threads', threads], project, prefix);
      assert.equal(run.timedOut, false, 'the FIFO was never opened');
      assert.deepEqual(findings(run.stdout), [
        'classic-mac.ps1:2:1: AZS402', 'classic-mac.ps1:4:41: AZS102', 'out-file.ps1:1:1: AZS402', 'out-file.ps1:2:44: AZS102',
        'runbook.md:6:1: AZS402', 'runbook.md:7:41: AZS102',
      ], `--threads ${threads}`);
      assert.equal(run.status, 0, 'warnings and information only');
      assert.match(run.stderr, /locked: skipped: the folder cannot be read \(EACCES: permission denied\)/);
      assert.match(run.stderr, /pipe\.ps1: skipped: not a regular file, not opened \(FIFO\)/);
      assert.doesNotMatch(run.stderr, /hidden\.ps1| {4}at /, 'no stack trace, nothing from inside the folder');
    }
    const strict = azsLint(['.', '--fail-on-skipped', '--format', 'json'], project, prefix);
    assert.equal(strict.status, 4);
    assert.equal((JSON.parse(strict.stdout) as unknown[]).length, 6, 'the readable files are still reported');
  });

  it('names the size, kind and encoding of a skipped file, and passes with exit 0 without --fail-on-skipped', () => {
    const project = join(scratch, 'skipped');
    mkdirSync(project);
    writeFileSync(join(project, 'tool.ps1'), utf16le('MZ\0\0'));
    const run = azsLint(['tool.ps1'], project);
    assert.equal(run.status, 0);
    assert.match(run.stderr, /tool\.ps1: skipped: binary file \(10 bytes, regular file, UTF-16 LE with BOM\)/);
    assert.equal(azsLint(['tool.ps1', '--fail-on-skipped'], project).status, 4);
  });

  it('reads UTF-16 BE and UTF-8 with a BOM as PowerShell does', () => {
    const project = join(scratch, 'encodings');
    mkdirSync(project);
    writeFileSync(join(project, 'be.ps1'), utf16be('Login-AzureRmAccount\n'));
    writeFileSync(join(project, 'bom.ps1'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Login-AzureRmAccount\n')]));
    assert.deepEqual(findings(azsLint(['.'], project).stdout), ['be.ps1:1:1: AZS402', 'bom.ps1:1:1: AZS402']);
  });

  it('refuses a FIFO as --config or as a named file without waiting on it, and takes a config with a UTF-8 BOM', () => {
    const project = join(scratch, 'config');
    mkdirSync(project);
    writeFileSync(join(project, 'a.ps1'), 'Login-AzureRmAccount\n');
    spawnSync('mkfifo', [join(project, 'fifo.json'), join(project, 'named.ps1')]);
    const config = azsLint(['a.ps1', '--config', 'fifo.json'], project);
    assert.deepEqual([config.timedOut, config.status], [false, 2]);
    assert.match(config.stderr, /fifo\.json: cannot read the configuration file: not a regular file \(not opened\)/);
    const named = azsLint(['named.ps1', 'a.ps1', '--fail-on-skipped'], project);
    assert.deepEqual([named.timedOut, named.status], [false, 4]);
    assert.match(named.stderr, /named\.ps1: skipped: not a regular file, not opened \(FIFO\)/);
    writeFileSync(join(project, 'bom.json'), `\uFEFF{ "AZS402": "error" }`);
    assert.equal(azsLint(['a.ps1', '--config', 'bom.json'], project).status, 1, 'AZS402 made an error');
  });

  it('follows a linked file once and names a folder link that loops back', () => {
    const project = join(scratch, 'links');
    mkdirSync(join(project, 'sub'), { recursive: true });
    writeFileSync(join(project, 'real.ps1'), 'Login-AzureRmAccount\n');
    symlinkSync('real.ps1', join(project, 'alias.ps1'));
    symlinkSync('..', join(project, 'sub', 'up'));
    symlinkSync('loop.ps1', join(project, 'loop.ps1'));
    const run = azsLint(['.'], project);
    assert.deepEqual(findings(run.stdout), ['real.ps1:1:1: AZS402']);
    assert.match(run.stderr, /sub\/up: skipped: symbolic link loop\n/);
    assert.match(run.stderr, /loop\.ps1: skipped: symbolic link loop\n/);
  });

  it('drops escape sequences from file text in text output, and percent-encodes SARIF URIs', () => {
    const project = join(scratch, 'hostile');
    mkdirSync(project);
    const name = 'odd name #1\u001b[2J.ps1';
    writeFileSync(join(project, name), 'Set-AzsRegistration -PrivilegedEndpoint "<ERCS\u001b]0;owned\u0007 VM>"\n');
    const text = azsLint(['.'], project);
    // eslint-disable-next-line no-control-regex -- what must not reach the terminal
    assert.doesNotMatch(text.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    assert.match(text.stdout, /^odd name #1\.ps1:1:42: warning AZS102: '<ERCS VM>' is a placeholder/m);
    const sarif = JSON.parse(azsLint(['.', '--format', 'sarif'], project).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[] }[] };
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: 'odd%20name%20%231%1B%5B2J.ps1', uriBaseId: '%SRCROOT%' });
  });
});
