// azs-lint as a user runs it: `node dist/cli.js` (built first) on fixture folders, checking output, SARIF shape and
// exit codes.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, win32 } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ruleCodes } from '../../../src/core/lint';
import { repoRoot } from '../core/support/wasm';
import { writeSource } from '../../../src/cli/fix';
import { diffName } from '../../../src/cli/diff';
import type { JsonRow } from '../../../src/cli/output';
import { withoutPermissionOverride } from './privileges';

const cli = join(repoRoot, 'dist/cli.js');
const fixtures = join(repoRoot, 'test/fixtures/lint');
const workspace = join(fixtures, 'workspace');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node dist/cli.js args` in `cwd`; `prefix`: a command that runs node (setpriv …, sh -c …). */
function azsLint(args: string[], cwd = workspace, env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }, prefix: string[] = []): Run {
  const [command, ...rest] = [...prefix, process.execPath, cli, ...args];
  const result = spawnSync(command, rest, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}


describe('azs-lint (CLI)', function () {
  this.timeout(120_000);
  let scratch: string;

  before(() => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
    scratch = mkdtempSync(join(tmpdir(), 'azs-lint-cli-'));
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('prints findings as text, with related information and a summary, and exits 1 on an error', () => {
    const run = azsLint(['.']);
    assert.equal(run.status, 1);
    assert.deepEqual(run.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: \w+ AZS/.test(l)).map((l) => l.replace(/^(\S+:\d+:\d+: \w+ AZS\d{3}): .*$/, '$1')), [
      'add-tenant.http:5:5: error AZS301',
      'add-tenant.http:5:33: information AZS501',
      'list-tenants.sh:6:181: error AZS401',
      'register.ps1:3:1: information AZS402',
      'register.ps1:5:84: warning AZS102',
    ]);
    assert.match(run.stdout, /\n {2}registration\.json:9:22: The billing model Development is set here\.\n/);
    assert.match(run.stdout, /\n5 problems \(2 errors, 1 warning, 2 information\)\n$/, 'counts in the right plural');
  });

  it('never runs what it reads', () => {
    azsLint(['.'], workspace, { LANG: 'C', TEMP: scratch, TMPDIR: scratch });
    assert.equal(existsSync(join(scratch, 'azs-lint-ran-this-script')), false);
    assert.equal(existsSync(join(scratch, 'azs-lint-ran-this-script.txt')), false);
  });

  it('prints one JSON array of findings with 1-based positions', () => {
    const run = azsLint(['.', '--format', 'json']);
    assert.equal(run.status, 1);
    const rows = JSON.parse(run.stdout) as JsonRow[];
    assert.deepEqual(rows.map((r) => Object.keys(r)), rows.map(() => ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message', 'azureError']));
    assert.deepEqual(rows[2], {
      file: 'list-tenants.sh', line: 6, column: 181, endLine: 6, endColumn: 191, code: 'AZS401', severity: 'error',
      message: 'api-version 2016-01-01 has no customerSubscriptions; use 2017-06-01 or later. Azure rejects the request.', azureError: null,
    });
    assert.equal(rows[0].azureError, 'CustomerSubscriptionsNotAllowed');
  });

  it('prints SARIF 2.1.0 with the rules, locations, related locations and the documented error', () => {
    const run = azsLint(['register.ps1', 'add-tenant.http', 'registration.json', '--format', 'sarif']);
    assert.equal(run.status, 1);
    const sarif = JSON.parse(run.stdout) as {
      $schema: string; version: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string; name: string; helpUri: string; shortDescription: { text: string }; fullDescription: { text: string }; defaultConfiguration: { level: string } }[] } };
        results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; properties: { azureError: string | null };
          locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
          relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
        originalUriBaseIds: Record<string, { uri: string }>;
      }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.match(sarif.$schema, /sarif-2\.1\.0/);
    const [runResult] = sarif.runs;
    const { rules } = runResult.tool.driver;
    assert.equal(runResult.tool.driver.name, 'azs-lint');
    assert.deepEqual(rules.map((r) => r.id), [...ruleCodes]);
    for (const rule of rules) {
      assert.ok(rule.name && rule.shortDescription.text && rule.fullDescription.text, rule.id);
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
    }
    assert.deepEqual(runResult.results.map((r) => [r.ruleId, rules[r.ruleIndex].id, r.level]), [
      ['AZS402', 'AZS402', 'note'], ['AZS102', 'AZS102', 'warning'], ['AZS301', 'AZS301', 'error'], ['AZS501', 'AZS501', 'note'],
    ]);
    const tenant = runResult.results[2];
    assert.deepEqual(tenant.locations[0].physicalLocation.artifactLocation, { uri: 'add-tenant.http', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(tenant.locations[0].physicalLocation.region, { startLine: 5, startColumn: 5, endLine: 5, endColumn: 131 });
    assert.deepEqual(tenant.relatedLocations?.map((r) => r.physicalLocation.artifactLocation.uri), ['register.ps1', 'registration.json']);
    assert.equal(tenant.properties.azureError, 'CustomerSubscriptionsNotAllowed');
    assert.match(runResult.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('reads Markdown code blocks, with positions in the .md file and one finding per defect, its uses listed in text and SARIF', () => {
    const folder = mkdtempSync(join(scratch, 'markdown-'));
    const id = '/subscriptions/3f2b8c1e-7d4a-4b9e-8f21-6a5c0d9e1b47/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations';
    writeFileSync(join(folder, 'runbook.md'), `# Steps\n\n\`\`\`powershell\n$id = "${id}"\nGet-AzResource -ResourceId $id -ApiVersion 2017-06-01\nRemove-AzResource -ResourceId $id -ApiVersion 2017-06-01 -Force\n\`\`\`\n\nProse naming ${id} is not checked.\n`);
    const text = azsLint(['.'], folder);
    assert.equal(text.status, 1);
    assert.deepEqual(text.stdout.split('\n').slice(0, 3).map((l) => l.replace(/(AZS101): .*$/, '$1')), [
      'runbook.md:4:8: error AZS101', '  runbook.md:5:28: The same value is used here.', '  runbook.md:6:31: The same value is used here.',
    ]);
    const [row] = JSON.parse(azsLint(['.', '--format', 'json'], folder).stdout) as JsonRow[];
    assert.deepEqual([row.file, row.line, row.column, row.endLine, row.endColumn, row.code], ['runbook.md', 4, 8, 4, 8 + id.length, 'AZS101']);
    const sarif = JSON.parse(azsLint(['.', '--format', 'sarif'], folder).stdout) as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[]; relatedLocations: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    const [result] = sarif.runs[0].results;
    assert.equal(sarif.runs[0].results.length, 1);
    assert.equal(result.locations[0].physicalLocation.region.startLine, 4);
    assert.deepEqual(result.relatedLocations.map((r) => [r.physicalLocation.artifactLocation.uri, r.physicalLocation.region.startLine, r.physicalLocation.region.startColumn, r.message.text]), [
      ['runbook.md', 5, 28, 'The same value is used here.'], ['runbook.md', 6, 31, 'The same value is used here.'],
    ]);
  });

  it('names a file in the current folder whose name starts with two dots by its relative path, in text and SARIF', () => {
    const folder = mkdtempSync(join(scratch, 'dots-'));
    cpSync(join(workspace, 'register.ps1'), join(folder, '..register.ps1'));
    assert.match(azsLint(['.'], folder).stdout, /^\.\.register\.ps1:3:1: information AZS402: /);
    const sarif = JSON.parse(azsLint(['.', '--format', 'sarif'], folder).stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: unknown } }[] }[] }[] };
    assert.deepEqual(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation, { uri: '..register.ps1', uriBaseId: '%SRCROOT%' });
  });

  it('exits 0 when nothing is wrong, or nothing error-level', () => {
    const clean = azsLint(['.'], join(fixtures, 'clean'));
    assert.deepEqual([clean.status, clean.stdout], [0, 'No problems found.\n']);
    assert.equal(azsLint(['register.ps1']).status, 0, 'an information and a warning');
  });

  it('says so when there is no file to lint, rather than that it found no problems, and exits 0', () => {
    const project = mkdtempSync(join(scratch, 'nothing-'));
    mkdirSync(join(project, 'empty'));
    mkdirSync(join(project, 'docs'));
    writeFileSync(join(project, 'docs', 'notes.txt'), 'Login-AzureRmAccount\n');
    const run = azsLint(['empty', 'docs/'], project);
    assert.deepEqual([run.status, run.stdout, run.stderr], [0, 'No files to lint in empty, docs/.\n', '']);
    assert.equal(azsLint(['empty'], project, { LC_ALL: 'sv_SE.UTF-8' }).stdout, 'Inga filer att kontrollera i empty.\n');
    const json = azsLint(['empty', '--format', 'json'], project);
    assert.deepEqual([json.status, JSON.parse(json.stdout), json.stderr], [0, [], 'azs-lint: No files to lint in empty.\n'], 'said on stderr beside JSON or SARIF');
    assert.deepEqual(azsLint(['empty', '--fix-dry-run'], project), { status: 0, stdout: '', stderr: 'azs-lint: No files to lint in empty.\n' });
  });

  it('takes globs and skips files it does not read, binary files and files over 5 MB with a note', () => {
    const project = join(scratch, 'skips');
    cpSync(workspace, project, { recursive: true });
    writeFileSync(join(project, 'tool.ps1'), Buffer.from([0x4d, 0x5a, 0, 0, 0x41, 0x7a, 0x73]));
    writeFileSync(join(project, 'huge.json'), `{"id": "/registrations/x", "pad": "${'x'.repeat(5 * 1024 * 1024)}"}`);
    const run = azsLint(['**/*.ps1', 'huge.json', 'notes.txt', '--format', 'sarif'], project);
    assert.equal(run.status, 0);
    assert.match(run.stderr, /tool\.ps1: skipped: binary file/);
    assert.match(run.stderr, /huge\.json: skipped: larger than 5 MB/);
    assert.match(run.stderr, /notes\.txt: skipped: not a kind of file azs-lint reads/);
    const sarif = JSON.parse(run.stdout) as { runs: { results: unknown[]; invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
    assert.equal(sarif.runs[0].results.length, 2);
    assert.equal(sarif.runs[0].invocations[0].toolExecutionNotifications.length, 3);
  });

  it('names a skipped file as it names findings: relative to the current folder when inside it, in text and SARIF', () => {
    const project = mkdtempSync(join(scratch, 'relative-notes-'));
    mkdirSync(join(project, 'scripts'));
    writeFileSync(join(project, 'scripts', 'tool.ps1'), Buffer.from([0x4d, 0x5a, 0, 0, 0x41, 0x7a, 0x73]));
    writeFileSync(join(project, 'scripts', 'clean.ps1'), 'Get-Date\n');
    const outside = mkdtempSync(join(scratch, 'outside-'));
    writeFileSync(join(outside, 'other.ps1'), Buffer.from([0x4d, 0x5a, 0, 0]));
    const run = azsLint(['.', join(outside, 'other.ps1'), '--format', 'sarif'], project);
    assert.deepEqual(run.stderr.split('\n'), [
      'azs-lint: scripts/tool.ps1: skipped: binary file (7 bytes, regular file, UTF-8)',
      `azs-lint: ${outside}/other.ps1: skipped: binary file (4 bytes, regular file, UTF-8)`,
      '',
    ]);
    const sarif = JSON.parse(run.stdout) as { runs: { originalUriBaseIds: Record<string, { uri: string }>; invocations: { toolExecutionNotifications: { locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }[] }[] }[] }[] };
    const [location, outsideLocation] = sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(location, { uri: 'scripts/tool.ps1', uriBaseId: '%SRCROOT%' });
    assert.equal(new URL(location.uri, sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).href, pathToFileURL(join(project, 'scripts', 'tool.ps1')).href);
    assert.deepEqual(outsideLocation, { uri: pathToFileURL(join(outside, 'other.ps1')).href });
  });

  it('prints the same in worker threads as in one: findings, related files in other threads, notes, in the same order', () => {
    const project = join(scratch, 'threads');
    for (const source of ['demo', 'test/fixtures/lint/workspace', 'test/fixtures/workspace', 'test/fixtures/grammar']) cpSync(join(repoRoot, source), join(project, source), { recursive: true });
    writeFileSync(join(project, 'tool.ps1'), Buffer.from([0x4d, 0x5a, 0, 0, 0x41, 0x7a, 0x73]));
    for (const format of ['text', 'sarif']) {
      const one = azsLint(['.', '--format', format, '--threads', '1'], project);
      const several = azsLint(['.', '--format', format, '--threads', '3'], project);
      assert.deepEqual([several.status, several.stdout, several.stderr], [one.status, one.stdout, one.stderr], format);
    }
  });

  it('reads .azs-lint.json from the current folder, or --config', () => {
    const project = join(scratch, 'configured');
    cpSync(workspace, project, { recursive: true });
    writeFileSync(join(project, '.azs-lint.json'), '{ "AZS301": "warning", "AZS4*": "off" }');
    const found = azsLint(['.', '--format', 'json'], project);
    assert.equal(found.status, 0);
    assert.deepEqual((JSON.parse(found.stdout) as JsonRow[]).map((r) => `${r.code} ${r.severity}`), ['AZS301 warning', 'AZS501 information', 'AZS102 warning']);
    writeFileSync(join(scratch, 'strict.json'), '{ "*": "error" }');
    const strict = azsLint([project, '--config', join(scratch, 'strict.json'), '--format', 'json'], scratch);
    assert.deepEqual((JSON.parse(strict.stdout) as JsonRow[]).map((r) => r.severity), ['error', 'error', 'error', 'error', 'error']);
  });

  it('speaks Swedish with --lang sv or a Swedish LANG', () => {
    const flag = azsLint(['register.ps1', '--lang', 'sv']);
    assert.match(flag.stdout, /Login-AzureRmAccount är en AzureRM-cmdlet/);
    assert.match(flag.stdout, /2 problem \(1 varning, 1 information\)/);
    const env = azsLint(['register.ps1'], workspace, { LANG: 'sv_SE.UTF-8' });
    assert.match(env.stdout, /'<ERCS VM>' är en platshållare/);
  });

  it('exits 2 with a clear message on usage errors', () => {
    const cases: [string[], RegExp][] = [
      [['--frobnicate', '.'], /Unknown option '--frobnicate'/],
      [['missing.ps1'], /missing\.ps1: no such file or folder/],
      [['nothing-*.ps1'], /nothing-\*\.ps1: no files match/],
      [['.', '--format', 'xml'], /--format must be text, json or sarif, not "xml"/],
      [['.', '--lang', 'de'], /--lang must be en or sv, not "de"/],
      [[], /name at least one file, folder or glob to lint/],
      [['.', '--fix', '--fix-dry-run'], /--fix and --fix-dry-run exclude each other/],
      [['.', '--fix-dry-run', '--format', 'json'], /--fix-dry-run prints a diff; leave out --format/],
      [['.', '--threads', '0'], /--threads must be a whole number from 1 to 64, not "0"/],
    ];
    for (const [args, message] of cases) {
      const run = azsLint(args);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.match(run.stderr, /Usage: azs-lint/);
      assert.equal(run.stdout, '');
    }
    writeFileSync(join(scratch, 'broken.json'), '{ "AZS402": "off", ');
    assert.match(azsLint(['.', '--config', join(scratch, 'broken.json')]).stderr, /broken\.json: not valid JSON \(\w+ at offset \d+\)/);
    writeFileSync(join(scratch, 'unknown.json'), '{ "AZS999": "off", "AZS101": "loud" }');
    const unknown = azsLint(['.', '--config', join(scratch, 'unknown.json')]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /"AZS999" names no rule.*"AZS101": "loud" is not one of/);
  });

  it('says usage errors in Swedish, in the language --lang, LC_ALL, LC_MESSAGES or LANG asks for (the first given)', () => {
    const swedish = { LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_US.UTF-8' };
    const cases: [string[], string][] = [
      [['--frobnicate', '.'], 'okänd flagga \'--frobnicate\' (ett argument som börjar med \'-\' skrivs sist, efter \'--\', som i \'-- "--frobnicate"\')'],
      [['.', '--format'], '\'--format\' behöver ett värde'],
      [['.', '--fix=yes'], '\'--fix\' tar inget värde'],
      [['missing.ps1'], 'missing.ps1: ingen sådan fil eller mapp'],
      [['nothing-*.ps1'], 'nothing-*.ps1: inga filer matchar'],
      [['.', '--format', 'xml'], '--format ska vara text, json eller sarif, inte "xml"'],
      [['.', '--lang', 'de'], '--lang ska vara en eller sv, inte "de"'],
      [[], 'ange minst en fil, mapp eller glob att kontrollera'],
      [['.', '--fix', '--fix-dry-run'], '--fix och --fix-dry-run utesluter varandra'],
      [['.', '--fix-dry-run', '--format', 'json'], '--fix-dry-run skriver ut en diff; utelämna --format'],
      [['.', '--threads', 'many'], '--threads ska vara ett heltal från 1 till 64, inte "many"'],
    ];
    for (const [args, message] of cases) {
      const run = azsLint(args, workspace, swedish);
      assert.equal(run.status, 2, args.join(' '));
      assert.ok(run.stderr.startsWith(`azs-lint: ${message}\n\nAnvändning: azs-lint [flaggor] <fil | mapp | glob>...\n`), run.stderr);
    }
    writeFileSync(join(scratch, 'unknown-sv.json'), '{ "AZS999": "off" }');
    assert.match(azsLint(['.', '--config', join(scratch, 'unknown-sv.json')], workspace, swedish).stderr, /unknown-sv\.json: "AZS999" namnger ingen regel/);
    writeFileSync(join(scratch, 'broken-sv.json'), '{ "AZS402": "off", ');
    assert.match(azsLint(['.', '--config', join(scratch, 'broken-sv.json')], workspace, swedish).stderr, /broken-sv\.json: inte giltig JSON \(\w+ vid position \d+\)/);
    assert.match(azsLint(['--frobnicate', '--lang', 'sv'], workspace).stderr, /^azs-lint: okänd flagga '--frobnicate'/, '--lang even on a line with a mistake');
    assert.match(azsLint(['--frobnicate'], workspace, { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'sv_SE.UTF-8' }).stderr, /^azs-lint: Unknown option '--frobnicate'/, 'LC_ALL first');
    assert.match(azsLint(['--frobnicate'], workspace, { LANG: 'sv_SE.UTF-8' }).stderr, /^azs-lint: okänd flagga/, 'LANG last');
  });

  it('says --threads is not used with --fix or --fix-dry-run', () => {
    const folder = mkdtempSync(join(scratch, 'threads-fix-'));
    writeFileSync(join(folder, 'one.ps1'), 'Login-AzureRmAccount\n');
    assert.equal(azsLint(['--fix-dry-run', '--threads', '2', '.'], folder).stderr,
      'azs-lint: --threads is not used with --fix or --fix-dry-run: the fixes go round after round over all the files, in one thread\n' +
      'azs-lint: one.ps1: would fix 1 problem: 1 × AZS402\n');
    assert.match(azsLint(['--fix', '--threads', '3', '.', '--lang', 'sv'], folder).stderr, /^azs-lint: --threads används inte med --fix eller --fix-dry-run: .*\nazs-lint: one\.ps1: åtgärdade 1 problem/);
    assert.equal(azsLint(['--fix-dry-run', '--threads', '1', '.'], folder).stderr, '', 'one thread is what it uses');
  });

  it('stops quietly, with the run\'s exit code, when the reader of its output goes away (azs-lint . | head)', async () => {
    const folder = mkdtempSync(join(scratch, 'pipe-'));
    writeFileSync(join(folder, 'many.ps1'), Array.from({ length: 3000 }, (_, i) => `Invoke-Command -ComputerName '<ERCS VM>' -ScriptBlock { Get-AzureStackStampInformation } # ${i}\n`).join(''));
    const child = spawn(process.execPath, [cli, '.'], { cwd: folder, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' } });
    child.stdout.once('data', () => child.stdout.destroy());
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const status = await new Promise((resolve) => child.on('close', resolve));
    assert.deepEqual([status, stderr], [0, ''], 'warnings only, and no stack trace');
  });

  it('prints its help, which names what sets its language, in English or Swedish, and exits 0', () => {
    const run = azsLint(['--help']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^Usage: azs-lint \[options\]/);
    assert.match(run.stdout, /--lang en\|sv +message language \(default: from LC_ALL, LC_MESSAGES or LANG, the first one set\)/);
    const swedish = azsLint(['--help'], workspace, { LC_ALL: 'sv_SE.UTF-8' });
    assert.equal(swedish.status, 0);
    assert.match(swedish.stdout, /^Användning: azs-lint \[flaggor\]/);
    assert.match(swedish.stdout, /--lang en\|sv +meddelandespråk \(standard: från LC_ALL, LC_MESSAGES eller LANG, den första som är satt\)/);
    assert.equal(azsLint(['--help', '--lang', 'sv']).stdout, swedish.stdout);
    const options = (help: string) => [...help.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]);
    assert.deepEqual(options(swedish.stdout), options(run.stdout), 'the same options in both');
  });

  describe('--fix and --fix-dry-run', () => {
    it('never writes over a file that changed after it was read', () => {
      const path = join(scratch, 'changed.ps1');
      writeFileSync(path, 'Get-AzResource -ResourceId $id # edited meanwhile\n');
      const source = { path, uri: '', kind: 'powershell' as const, original: 'Login-AzureRmAccount\n', text: 'Connect-AzAccount\n', encoding: { name: 'utf8' as const, bom: false }, fixed: [] };
      assert.equal(writeSource(source, 'en'), 'not written: the file changed while azs-lint ran');
      assert.equal(readFileSync(path, 'utf8'), 'Get-AzResource -ResourceId $id # edited meanwhile\n');
      writeFileSync(path, source.original);
      assert.equal(writeSource(source, 'en'), undefined);
      assert.equal(readFileSync(path, 'utf8'), 'Connect-AzAccount\n');
    });

    it('says why a file it cannot write back is not written, rather than failing the run as an internal error', () => {
      const folder = mkdtempSync(join(scratch, 'gone-'));
      const source = { path: folder, uri: '', kind: 'powershell' as const, original: 'Login-AzureRmAccount\n', text: 'Connect-AzAccount\n', encoding: { name: 'utf8' as const, bom: false }, fixed: [] };
      assert.equal(writeSource(source, 'en'), 'not written: EISDIR: illegal operation on a directory, read');
      assert.match(writeSource({ ...source, path: join(folder, 'deleted.ps1') }, 'sv') ?? '', /^skrevs inte: ENOENT: no such file or directory$/);
    });

    const customerSubscription = '/subscriptions/11111111-2222-3333-4444-555555555555/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/reg1/customerSubscriptions/66666666-7777-8888-9999-000000000000';
    /** An AzureRM sign-in (a fix makes the line shorter) and, after it, an api-version error that a fix also removes. */
    const twoFixes = `Login-AzureRmAccount\nNew-AzResource -ResourceId "${customerSubscription}" -ApiVersion 2016-01-01 -Properties @{ tenantId = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee" }\n`;

    it('lists what a file it could not write still holds, at its places there, and fails the run on its error', () => {
      const folder = mkdtempSync(join(scratch, 'locked-'));
      const path = join(folder, 'locked.ps1');
      writeFileSync(path, twoFixes);
      const unfixed = azsLint(['locked.ps1', '--format', 'json'], folder);
      assert.equal(unfixed.status, 1, 'the api-version is an error');
      // Root writes past file modes: an immutable file is one that even root cannot write.
      const lock = (on: boolean) => process.getuid?.() === 0
        ? assert.equal(spawnSync('chattr', [on ? '+i' : '-i', path]).status, 0, 'chattr sets the immutable flag')
        : chmodSync(path, on ? 0o444 : 0o644);
      lock(true);
      try {
        const run = azsLint(['--fix', 'locked.ps1'], folder);
        assert.equal(readFileSync(path, 'utf8'), twoFixes);
        assert.match(run.stderr, /^azs-lint: locked\.ps1: not written: E(PERM|ACCES)\b.*; 2 problems stay: 1 × AZS401, 1 × AZS402\n$/);
        assert.equal(run.status, 1, 'the error is still in the file');
        const json = azsLint(['--fix', 'locked.ps1', '--format', 'json'], folder);
        assert.deepEqual([json.status, json.stdout], [1, unfixed.stdout], 'the findings of the file as it is, where they are in it');
        assert.match(azsLint(['--fix', 'locked.ps1'], folder, { LANG: 'sv_SE.UTF-8' }).stderr, /: skrevs inte: .*; 2 problem finns kvar: 1 × AZS401, 1 × AZS402\n$/);
      } finally {
        lock(false);
      }
      const fixed = azsLint(['--fix', 'locked.ps1'], folder);
      assert.equal(fixed.stderr, 'azs-lint: locked.ps1: fixed 2 problems: 1 × AZS401, 1 × AZS402\n');
      assert.equal(fixed.status, 0);
    });

    it('leaves a file whole when its write fails partway (a full disk), and removes what it began to write', () => {
      const folder = mkdtempSync(join(scratch, 'full-'));
      const original = `${'# a comment line that makes the file larger than the 4 KB this run may write\n'.repeat(80)}${twoFixes}`;
      writeFileSync(join(folder, 'large.ps1'), original);
      // The shell's file size limit stands in for a full disk: a write past 4 KB fails with EFBIG.
      const run = azsLint(['--fix', 'large.ps1'], folder, undefined, ['sh', '-c', 'ulimit -f 4 && exec "$@"', 'sh']);
      assert.match(run.stderr, /^azs-lint: large\.ps1: not written: EFBIG: file too large\b.*; 2 problems stay: /);
      assert.equal(readFileSync(join(folder, 'large.ps1'), 'utf8'), original);
      assert.deepEqual(readdirSync(folder), ['large.ps1'], 'no temporary file left');
      assert.equal(run.status, 1);
    });

    // Stopped while the third of twelve files is written, and while the last is (no file after it to stop before).
    for (const [signal, count] of [['SIGTERM', 12], ['SIGINT', 12], ['SIGTERM', 3]] as const) {
      it(`stopped by ${signal} while it writes the third of ${count} files, leaves each file as it was or fixed, no temporary file, and ends by the signal`, async () => {
        const folder = mkdtempSync(join(scratch, `${signal}-${count}-`));
        writeFileSync(join(folder, 'fixed.ps1'), twoFixes);
        azsLint(['--fix', 'fixed.ps1'], folder);
        const fixed = readFileSync(join(folder, 'fixed.ps1'), 'utf8');
        rmSync(join(folder, 'fixed.ps1'));
        const names = Array.from({ length: count }, (_, i) => `script${String(i).padStart(2, '0')}.ps1`);
        for (const name of names) writeFileSync(join(folder, name), twoFixes);
        // The third file's write holds before its flush to disk, its new file written and not yet renamed, and says so
        // on stderr: the signal comes then, where it would otherwise end the run mid-write.
        const hold = join(scratch, `${signal}-${count}-hold.js`);
        writeFileSync(hold, `const fs = require('node:fs'); const flush = fs.fsyncSync; let calls = 0;
fs.fsyncSync = (fd) => { if (++calls === 3) { fs.writeSync(2, 'holding\\n'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2000); } return flush(fd); };\n`);
        const child = spawn(process.execPath, ['--require', hold, cli, '--fix', ...names], { cwd: folder, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8' } });
        child.stderr.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes('holding')) child.kill(signal);
        });
        const ended = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, by) => resolve(by)));
        assert.equal(ended, signal, 'the run ends by the signal');
        const left = readdirSync(folder).sort();
        assert.deepEqual(left, names, 'no temporary file beside them');
        const texts = names.map((name) => readFileSync(join(folder, name), 'utf8'));
        assert.deepEqual(texts.map((text) => (text === fixed ? 'fixed' : text === twoFixes ? 'as it was' : 'half-written')),
          [...Array<string>(3).fill('fixed'), ...Array<string>(count - 3).fill('as it was')], 'the file being written when stopped is finished, and the run stops there');
      });
    }

    it('keeps a fixed file\'s mode and owner, writes a linked file through the link, and does not replace a file it may not write', () => {
      const folder = mkdtempSync(join(scratch, 'modes-'));
      writeFileSync(join(folder, 'run.ps1'), twoFixes);
      chmodSync(join(folder, 'run.ps1'), 0o6750);
      const longName = `${'n'.repeat(251)}.ps1`;
      writeFileSync(join(folder, longName), twoFixes);
      mkdirSync(join(folder, 'shared'));
      writeFileSync(join(folder, 'shared', 'target.ps1'), twoFixes);
      symlinkSync('shared/target.ps1', join(folder, 'link.ps1'));
      const run = azsLint(['--fix', 'run.ps1', 'link.ps1', longName], folder);
      assert.equal(run.status, 0, run.stderr);
      assert.equal((statSync(join(folder, 'run.ps1')).mode & 0o7777).toString(8), '6750', 'set-user-ID and set-group-ID kept');
      assert.equal(readFileSync(join(folder, longName), 'utf8'), readFileSync(join(folder, 'run.ps1'), 'utf8'), 'a 255-byte name is fixed');
      assert.notEqual(readFileSync(join(folder, 'run.ps1'), 'utf8'), twoFixes);
      assert.equal(readlinkSync(join(folder, 'link.ps1')), 'shared/target.ps1', 'the link stays a link');
      assert.equal(readFileSync(join(folder, 'shared', 'target.ps1'), 'utf8'), readFileSync(join(folder, 'run.ps1'), 'utf8'));

      if (process.getuid?.() === 0) {
        writeFileSync(join(folder, 'theirs.ps1'), twoFixes);
        chownSync(join(folder, 'theirs.ps1'), 65534, 65534);
        assert.equal(azsLint(['--fix', 'theirs.ps1'], folder).status, 0);
        const { uid, gid } = statSync(join(folder, 'theirs.ps1'));
        assert.deepEqual([uid, gid], [65534, 65534], 'root keeps the owner of a file it fixes');
      }

      const prefix = withoutPermissionOverride();
      if (!prefix) throw new Error('running as root without setpriv (util-linux): a read-only file cannot be made unwritable');
      writeFileSync(join(folder, 'read-only.ps1'), twoFixes, { mode: 0o444 });
      const readOnly = azsLint(['--fix', 'read-only.ps1'], folder, undefined, prefix);
      assert.match(readOnly.stderr, /^azs-lint: read-only\.ps1: not written: EACCES: permission denied; 2 problems stay: /);
      assert.equal(readFileSync(join(folder, 'read-only.ps1'), 'utf8'), twoFixes, 'its folder would let it be replaced');
    });

    /** Every file under `folder` by its path there, as bytes. */
    function snapshot(folder: string, under = ''): Map<string, Buffer> {
      return new Map(readdirSync(join(folder, under)).flatMap((name): [string, Buffer][] => {
        const path = join(under, name);
        return statSync(join(folder, path)).isDirectory() ? [...snapshot(folder, path)] : [[path, readFileSync(join(folder, path))]];
      }));
    }

    const rows = (run: Run) => (JSON.parse(run.stdout) as JsonRow[]).map((r) => `${r.file}:${r.line} ${r.code}`).sort();

    for (const source of ['demo', 'test/fixtures/lint/workspace', 'test/fixtures/workspace']) {
      it(`fixes ${source}: no finding a safe fix removes is left, none is added, and the diff of a dry run is what it wrote`, () => {
        const project = join(scratch, source.replace(/\W/g, '-'));
        cpSync(join(repoRoot, source), project, { recursive: true });
        const before = rows(azsLint(['.', '--format', 'json'], project));
        const original = snapshot(project);

        const dryRun = azsLint(['.', '--fix-dry-run'], project);
        assert.deepEqual(snapshot(project), original, 'a dry run writes nothing');
        const fixed = azsLint(['.', '--fix', '--format', 'json'], project);
        const after = rows(fixed);
        assert.equal(fixed.status, (JSON.parse(fixed.stdout) as JsonRow[]).some((r) => r.severity === 'error') ? 1 : 0);
        assert.equal(dryRun.status, fixed.status, 'exit codes count what is left after fixing');

        const fixedCount = [...fixed.stderr.matchAll(/: fixed (\d+) problems?: /g)].reduce((sum, m) => sum + Number(m[1]), 0);
        assert.ok(fixedCount > 0, fixed.stderr);
        const left = [...after];
        for (const row of before) {
          const at = left.indexOf(row);
          if (at >= 0) left.splice(at, 1);
        }
        assert.deepEqual(left, [], 'no finding appears that was not there before');
        assert.equal(before.length - after.length, fixedCount, 'the findings that went are the ones fixed');
        assert.equal(azsLint(['.', '--fix-dry-run'], project).stdout, '', 'nothing left that a safe fix would change');

        // The dry run's diff, applied to the original files, gives what --fix wrote.
        const patched = join(scratch, `${source.replace(/\W/g, '-')}-patched`);
        cpSync(join(repoRoot, source), patched, { recursive: true });
        const apply = spawnSync('git', ['apply', '--unsafe-paths', '-'], { cwd: patched, input: dryRun.stdout, encoding: 'utf8' });
        assert.equal(apply.status, 0, apply.stderr);
        assert.deepEqual(snapshot(patched), snapshot(project));
      });
    }

    const tenantResource = `{"type": "Microsoft.AzureStack/registrations/customerSubscriptions", "apiVersion": "[parameters('version')]", "name": "reg1/66666666-7777-8888-9999-000000000000", "properties": {"tenantId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"}}`;
    /** A template whose registration has `registrationVersion` and whose tenant takes its api-version from a parameter. */
    const template = (registrationVersion: string) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "parameters": {"version": {"type": "string"}},\n "resources": [{"type": "Microsoft.AzureStack/registrations", "apiVersion": "${registrationVersion}", "name": "reg1", "properties": {"billingModel": "PayAsYouUse"}},\n  ${tenantResource}]}\n`;
    const parameters = (version: string) => `{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n "parameters": {"version": {"value": "${version}"}}}\n`;

    it('fixes a value a parameter file gives in the parameter file, the template keeping its reference, and git apply takes the dry run\'s diff of both', () => {
      const project = mkdtempSync(join(scratch, 'parameters-'));
      writeFileSync(join(project, 'azuredeploy.json'), template('2019-01-01'));
      writeFileSync(join(project, 'azuredeploy.parameters.json'), parameters('2016-01-01'));
      const patched = mkdtempSync(join(scratch, 'parameters-patched-'));
      cpSync(project, patched, { recursive: true });

      const dryRun = azsLint(['.', '--fix-dry-run'], project);
      assert.equal(dryRun.stderr, 'azs-lint: azuredeploy.json: would fix 2 problems: 2 × AZS401\nazs-lint: azuredeploy.parameters.json: would be changed to fix 1 problem of another file: 1 × AZS401\n');
      const apply = spawnSync('git', ['apply', '--unsafe-paths', '-'], { cwd: patched, input: dryRun.stdout, encoding: 'utf8' });
      assert.equal(apply.status, 0, apply.stderr);

      const fixed = azsLint(['.', '--fix'], project);
      assert.deepEqual([fixed.status, fixed.stderr], [0, 'azs-lint: azuredeploy.json: fixed 2 problems: 2 × AZS401\nazs-lint: azuredeploy.parameters.json: changed to fix 1 problem of another file: 1 × AZS401\n']);
      assert.equal(readFileSync(join(project, 'azuredeploy.json'), 'utf8'), template('2017-06-01'), "the template keeps its parameter");
      assert.equal(readFileSync(join(project, 'azuredeploy.parameters.json'), 'utf8'), parameters('2017-06-01'));
      for (const name of ['azuredeploy.json', 'azuredeploy.parameters.json']) assert.equal(readFileSync(join(patched, name), 'utf8'), readFileSync(join(project, name), 'utf8'), name);
    });

    it('counts each problem one parameter-file edit fixes: a value two resources of the template use', () => {
      const project = mkdtempSync(join(scratch, 'parameters-twice-'));
      const second = tenantResource.replace('66666666-7777-8888-9999-000000000000', '77777777-8888-9999-0000-111111111111');
      writeFileSync(join(project, 'azuredeploy.json'), template('2017-06-01').replace(tenantResource, `${tenantResource},\n  ${second}`));
      writeFileSync(join(project, 'azuredeploy.parameters.json'), parameters('2016-01-01'));
      const before = azsLint(['.', '--format', 'json'], project);
      assert.deepEqual((JSON.parse(before.stdout) as JsonRow[]).map((r) => `${r.file} ${r.code}`), ['azuredeploy.json AZS401', 'azuredeploy.json AZS401'], 'two findings, one value');
      const fixed = azsLint(['.', '--fix'], project);
      assert.deepEqual([fixed.status, fixed.stderr], [0, 'azs-lint: azuredeploy.json: fixed 2 problems: 2 × AZS401\nazs-lint: azuredeploy.parameters.json: changed to fix 2 problems of another file: 2 × AZS401\n']);
      assert.equal(readFileSync(join(project, 'azuredeploy.parameters.json'), 'utf8'), parameters('2017-06-01'));
    });

    it('counts the problems of every template the edited parameter file gives the value to, and says they are of other files', () => {
      const project = mkdtempSync(join(scratch, 'parameters-shared-'));
      writeFileSync(join(project, 'azuredeploy.json'), template('2017-06-01'));
      writeFileSync(join(project, 'azuredeploy.jsonc'), template('2017-06-01'));
      writeFileSync(join(project, 'azuredeploy.parameters.json'), parameters('2016-01-01'));
      const before = azsLint(['.', '--format', 'json'], project);
      assert.deepEqual((JSON.parse(before.stdout) as JsonRow[]).map((r) => `${r.file} ${r.code}`), ['azuredeploy.json AZS401', 'azuredeploy.jsonc AZS401'], 'one value, two templates');
      const fixed = azsLint(['.', '--fix'], project);
      assert.deepEqual([fixed.status, fixed.stderr], [0, 'azs-lint: azuredeploy.json: fixed 1 problem: 1 × AZS401\nazs-lint: azuredeploy.jsonc: fixed 1 problem: 1 × AZS401\nazs-lint: azuredeploy.parameters.json: changed to fix 2 problems of other files: 2 × AZS401\n']);
      assert.equal(readFileSync(join(project, 'azuredeploy.parameters.json'), 'utf8'), parameters('2017-06-01'));
      assert.equal(azsLint(['.', '--format', 'json'], project).stdout.trim(), '[]');
    });

    it('says a template\'s problem stays when the parameter file its fix edits cannot be written', () => {
      const project = mkdtempSync(join(scratch, 'parameters-locked-'));
      const path = join(project, 'azuredeploy.parameters.json');
      writeFileSync(join(project, 'azuredeploy.json'), template('2017-06-01'));
      writeFileSync(path, parameters('2016-01-01'));
      const lock = (on: boolean) => process.getuid?.() === 0
        ? assert.equal(spawnSync('chattr', [on ? '+i' : '-i', path]).status, 0, 'chattr sets the immutable flag')
        : chmodSync(path, on ? 0o444 : 0o644);
      lock(true);
      try {
        const run = azsLint(['.', '--fix', '--format', 'json'], project);
        assert.match(run.stderr, /^azs-lint: azuredeploy\.parameters\.json: not written: [^\n]+; 1 problem stays: 1 × AZS401\n$/, 'and no line that says the template\'s problem was fixed');
        assert.deepEqual([run.status, (JSON.parse(run.stdout) as JsonRow[]).map((r) => `${r.file} ${r.code}`)], [1, ['azuredeploy.json AZS401']]);
      } finally {
        lock(false);
      }
      assert.equal(readFileSync(path, 'utf8'), parameters('2016-01-01'));
    });

    it('names each file in the diff relative to the current folder, quoted as git quotes it, so git apply takes it there', () => {
      const project = join(scratch, 'diff-names');
      const [inner, outer] = [join(project, 'work'), join(project, 'elsewhere')];
      const names = ['plain.ps1', 'with space.ps1', 'tab\tand\nbreak.ps1', 'quote"back\\slash.ps1', 'escape\u001b[31m\u009b.ps1'];
      mkdirSync(inner, { recursive: true });
      mkdirSync(outer);
      cpSync(join(workspace, 'register.ps1'), join(inner, 'inside.ps1'));
      for (const name of names) cpSync(join(workspace, 'register.ps1'), join(outer, name));
      const args = ['./inside.ps1', join(outer, 'plain.ps1'), '../elsewhere/with space.ps1', ...names.slice(2).map((name) => join(outer, name))];
      const dryRun = azsLint(['--fix-dry-run', ...args], inner);
      assert.deepEqual(dryRun.stdout.split('\n').filter((line) => /^(---|\+\+\+) /.test(line)), [
        '--- a/inside.ps1', '+++ b/inside.ps1',
        '--- a/../elsewhere/plain.ps1', '+++ b/../elsewhere/plain.ps1',
        '--- a/../elsewhere/with space.ps1', '+++ b/../elsewhere/with space.ps1',
        '--- "a/../elsewhere/tab\\tand\\nbreak.ps1"', '+++ "b/../elsewhere/tab\\tand\\nbreak.ps1"',
        '--- "a/../elsewhere/quote\\"back\\\\slash.ps1"', '+++ "b/../elsewhere/quote\\"back\\\\slash.ps1"',
        '--- "a/../elsewhere/escape\\033[31m\\302\\233.ps1"', '+++ "b/../elsewhere/escape\\033[31m\\302\\233.ps1"',
      ]);
      assert.match(dryRun.stderr, /^azs-lint: \/\S+\/elsewhere\/tab and break\.ps1: would fix 1 problem: 1 × AZS402$/m, 'one line per file on stderr');
      const apply = spawnSync('git', ['apply', '--unsafe-paths', '-'], { cwd: inner, input: dryRun.stdout, encoding: 'utf8' });
      assert.equal(apply.status, 0, apply.stderr);
      const patched = snapshot(project);
      cpSync(join(workspace, 'register.ps1'), join(inner, 'inside.ps1'));
      for (const name of names) cpSync(join(workspace, 'register.ps1'), join(outer, name));
      azsLint(['--fix', ...args], inner);
      assert.deepEqual(snapshot(project), patched, 'git apply of the diff writes what --fix writes');
      assert.notEqual(readFileSync(join(outer, names[3]), 'utf8'), readFileSync(join(workspace, 'register.ps1'), 'utf8'));
    });

    it('names a Windows file relative to the current folder, or by its absolute path on another drive', () => {
      assert.equal(diffName('C:\\work\\scripts\\add.ps1', 'C:\\work', win32), 'scripts/add.ps1');
      assert.equal(diffName('C:\\other\\add.ps1', 'C:\\work', win32), '../other/add.ps1');
      assert.equal(diffName('D:\\stamps\\add.ps1', 'C:\\work', win32), 'D:/stamps/add.ps1');
    });

    it('writes a file back with its encoding, byte order mark and line breaks, says what it fixed, and its dry run applies with git', () => {
      const project = join(scratch, 'encodings');
      cpSync(join(fixtures, 'clean'), project, { recursive: true });
      const script = 'Login-AzureRmAccount\r\nGet-AzureRmResource -ResourceId "/subscriptions/3b0c9d2e-6a41-4f7e-9d15-8c2e4a6b1f37/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/hub-payg/customerSubscriptions" -ApiVersion 2016-01-01\r\n';
      const expected = script.replace('Login-AzureRmAccount', 'Connect-AzAccount').replace('Get-AzureRmResource', 'Get-AzResource').replace('2016-01-01', '2017-06-01');
      const bom8 = Buffer.from([0xef, 0xbb, 0xbf]);
      writeFileSync(join(project, 'utf8-bom.ps1'), Buffer.concat([bom8, Buffer.from(script)]));
      writeFileSync(join(project, 'utf16.ps1'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(script, 'utf16le')]));
      writeFileSync(join(project, 'lf.ps1'), script.replace(/\r\n/g, '\n'));
      writeFileSync(join(project, 'utf16be.ps1'), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(script, 'utf16le').swap16()]));
      assert.equal(azsLint(['lf.ps1'], project).status, 1, 'api-version 2016-01-01 on customerSubscriptions is an error');

      // git reads UTF-16 as binary: the dry run's diff says so, and applies all the same, as does that of UTF-8 with a BOM.
      const dryRun = azsLint(['.', '--fix-dry-run'], project);
      const check = spawnSync('git', ['apply', '--check', '-'], { cwd: project, input: dryRun.stdout, encoding: 'utf8' });
      assert.equal(check.status, 0, check.stderr);
      assert.match(dryRun.stdout, /^# utf16\.ps1 is UTF-16 LE with BOM, which git reads as binary: the fix is a git binary patch \(git apply takes it\); as text:\n# --- a\/utf16\.ps1\n/m);
      assert.match(azsLint(['utf16be.ps1', '--fix-dry-run', '--lang', 'sv'], project).stdout, /^# utf16be\.ps1 är UTF-16 BE med BOM, som git läser som binärt: /);
      const patched = join(scratch, 'encodings-patched');
      cpSync(project, patched, { recursive: true });
      assert.equal(spawnSync('git', ['apply', '-'], { cwd: patched, input: dryRun.stdout }).status, 0);

      const run = azsLint(['.', '--fix'], project);
      assert.equal(run.status, 0, run.stdout);
      assert.deepEqual(readFileSync(join(project, 'utf8-bom.ps1')), Buffer.concat([bom8, Buffer.from(expected)]));
      assert.deepEqual(readFileSync(join(project, 'utf16.ps1')), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]));
      assert.equal(readFileSync(join(project, 'lf.ps1'), 'utf8'), expected.replace(/\r\n/g, '\n'));
      assert.deepEqual(readFileSync(join(project, 'utf16be.ps1')), Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(expected, 'utf16le').swap16()]));
      assert.match(run.stderr, /^azs-lint: utf16\.ps1: fixed 3 problems: 2 × AZS402, 1 × AZS401$/m);
      assert.deepEqual(snapshot(patched), snapshot(project), 'git apply of the dry run writes what --fix writes');
      assert.match(azsLint(['lf.ps1', '--fix', '--lang', 'sv'], project).stdout, /Inga problem hittades/);
      writeFileSync(join(project, 'one.ps1'), 'Login-AzureRmAccount\n');
      assert.match(azsLint(['one.ps1', '--fix', '--lang', 'sv'], project).stderr, /one\.ps1: åtgärdade 1 problem: 1 × AZS402/);
    });
  });
});
