// The command lines of azs-lint and azs-usage as a user types them (`node dist/cli.js`, `node dist/usage.js`, built
// first): the language of their help and usage errors, and the numbers their options take. No stamp is needed: each
// run here stops at its command line.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeNumberOption } from '../../../src/cli/commandLine';
import { parseUsageCommandLine } from '../../../src/cli/usageArgs';
import { repoRoot } from '../core/support/wasm';
import { withoutPermissionOverride } from './privileges';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(script: 'cli.js' | 'usage.js', args: string[], env: NodeJS.ProcessEnv = { LANG: 'en_US.UTF-8' }): Run {
  const result = spawnSync(process.execPath, [join(repoRoot, 'dist', script), ...args], {
    cwd: join(repoRoot, 'test/fixtures/lint/workspace'), encoding: 'utf8', env: { PATH: process.env.PATH, ...env }, timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const azsUsage = (args: string[], env?: NodeJS.ProcessEnv) => run('usage.js', args, env);
const now = new Date('2026-12-01T00:00:00Z');
const period = ['--stamp', 'https://adminmanagement.local.azurestack.external', '--from', '2026-10-01', '--to', '2026-10-02'];

describe('azs-lint and azs-usage (CLI): command lines', function () {
  this.timeout(120_000);

  before(() => {
    const build = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  it('azs-usage prints its help, which names what sets its language, in English or Swedish, and exits 0', () => {
    const english = azsUsage(['--help']);
    assert.equal(english.status, 0);
    assert.match(english.stdout, /^Usage: azs-usage --stamp/);
    assert.match(english.stdout, /--lang en\|sv +message language \(default: from LC_ALL, LC_MESSAGES or LANG, the first one set\)/);
    const swedish = azsUsage(['--help'], { LC_ALL: 'sv_SE.UTF-8' });
    assert.equal(swedish.status, 0);
    assert.match(swedish.stdout, /^Användning: azs-usage --stamp/);
    assert.match(swedish.stdout, /--lang en\|sv +meddelandespråk \(standard: från LC_ALL, LC_MESSAGES eller LANG, den första som är\n +satt\)/);
    assert.equal(azsUsage(['--help', '--lang', 'sv']).stdout, swedish.stdout);
    assert.equal(azsUsage(['--help'], { LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_US.UTF-8' }).stdout, swedish.stdout, 'LC_MESSAGES before LANG');
    assert.equal(azsUsage(['--help'], { LC_ALL: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' }).stdout, english.stdout, 'LC_ALL first');
    const options = (help: string) => [...help.matchAll(/^ {2}(--[\w-]+)/gm)].map((m) => m[1]);
    assert.deepEqual(options(swedish.stdout), options(english.stdout), 'the same options in both');
  });

  it('azs-usage says usage errors in Swedish, in the language --lang, LC_ALL, LC_MESSAGES or LANG asks for, with its help', () => {
    const swedish = { LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_US.UTF-8' };
    const cases: [string[], string][] = [
      [['--frobnicate'], "okänd flagga '--frobnicate'"],
      [['invoices'], "oväntat argument 'invoices': kommandot tar bara flaggor och deras värden"],
      [['--from'], "'--from' behöver ett värde"],
      [['--force=yes'], "'--force' tar inget värde"],
      [['--lang', 'de'], '--lang ska vara en eller sv, inte "de"'],
      [['--from', '2026-10-01'], '--stamp måste anges'],
      [[...period, '--granularity', 'weekly'], '--granularity ska vara daily eller hourly, inte "weekly"'],
      [[...period.slice(0, 4), '--to', 'tomorrow'], '--to är inget datum eller klockslag i UTC: "tomorrow"'],
      [[...period.slice(0, 4), '--to', '2026-09-01'], '--to: Slutet måste komma efter början.'],
      [[...period, '--markup', 'lots'], '--markup tar en procentsats eller kund=procentsats, inte "lots"'],
      [[...period, '--markup', 'Contoso=-150'], '--markup "Contoso=-150": under -100 % blir ett försäljningspris negativt'],
      [[...period, '--markup', '1001'], '--markup "1001": högst 1000 % (ett försäljningspris 11 gånger kostnaden)'],
      [[...period, '--format', 'xml'], '--format ska vara csv eller json, inte "xml"'],
      [[...period, '--parallel', '0'], '--parallel ska vara ett heltal från 1 till 32, inte "0"'],
      [[...period, '--per-customer'], '--per-customer kräver --out <mapp>'],
    ];
    for (const [args, message] of cases) {
      const said = azsUsage(args, swedish);
      assert.equal(said.status, 2, args.join(' '));
      assert.ok(said.stderr.startsWith(`azs-usage: ${message}\n\nAnvändning: azs-usage --stamp`), said.stderr);
      assert.equal(said.stdout, '');
    }
    assert.match(azsUsage(['--frobnicate', '--lang', 'sv']).stderr, /^azs-usage: okänd flagga '--frobnicate'\n\nAnvändning/, '--lang even on a line with a mistake');
    assert.match(azsUsage(['--frobnicate'], { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'sv_SE.UTF-8' }).stderr, /^azs-usage: Unknown option '--frobnicate'\n\nUsage/, 'LC_ALL first');
    assert.match(azsUsage(['--frobnicate'], { LANG: 'sv_SE.UTF-8' }).stderr, /^azs-usage: okänd flagga/, 'LANG last');
  });

  it('takes a markup from -100 to 1000 %, fractions too, and refuses a huge one that would make prices Infinity', () => {
    const huge = '9'.repeat(400);
    for (const value of [huge, `Contoso=${huge}`, '1000.5', '1000,01', '2000 %']) {
      const said = azsUsage([...period, '--markup', value]);
      assert.equal(said.status, 2, value);
      assert.ok(said.stderr.startsWith(`azs-usage: --markup "${value}": at most 1000 % (a resale price 11 times the cost)\n\nUsage`), said.stderr);
    }
    const taken = ['1000', '-100', '0', '12.5', '0,5 %', 'Contoso=1000'].map((value) => parseUsageCommandLine([...period, `--markup=${value}`], 'en', now).markup);
    assert.deepEqual(taken, [{ all: 1000, customers: [] }, { all: -100, customers: [] }, { all: 0, customers: [] }, { all: 12.5, customers: [] },
      { all: 0.5, customers: [] }, { customers: [{ customer: 'Contoso', percent: 1000 }] }]);
  });

  it('takes a negative markup written apart from its option, as written joined to it; a -- ends that', () => {
    assert.deepEqual(parseUsageCommandLine([...period, '--markup', '-10', '--markup', '-0.5'], 'en', now).markup, { all: -0.5, customers: [] });
    assert.deepEqual(parseUsageCommandLine([...period, '--markup', '-100'], 'en', now).markup, parseUsageCommandLine([...period, '--markup=-100'], 'en', now).markup);
    assert.throws(() => parseUsageCommandLine([...period, '--', '--markup', '-10'], 'en', now), /Unexpected argument '--markup'/);
    assert.throws(() => parseUsageCommandLine([...period, '--markup', '-x'], 'sv', now), /värdet efter '--markup' ser ut som en flagga/);
  });

  it('names a file an option gives that is missing, a folder, a link to nothing, a FIFO or not readable, or an --out that cannot be, in English or Swedish, and exits 2', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'azs-named-file-'));
    try {
      mkdirSync(join(scratch, 'folder'));
      symlinkSync(join(scratch, 'gone.csv'), join(scratch, 'link.csv'));
      spawnSync('mkfifo', [join(scratch, 'fifo.csv')]);
      writeFileSync(join(scratch, 'locked.csv'), 'meter,unitPrice,currency\n');
      chmodSync(join(scratch, 'locked.csv'), 0o000);
      const at = (name: string) => join(scratch, name);
      const cases: [script: 'cli.js' | 'usage.js', args: string[], english: string, swedish: string][] = [
        ['usage.js', [...period, '--prices', at('missing.csv')], `azs-usage: ${at('missing.csv')}: no such file`, `azs-usage: ${at('missing.csv')}: ingen sådan fil`],
        ['usage.js', [...period, '--prices', at('folder')], `azs-usage: ${at('folder')}: a folder, not a file`, `azs-usage: ${at('folder')}: en mapp, ingen fil`],
        ['usage.js', [...period, '--resale', at('link.csv')], `azs-usage: ${at('link.csv')}: a symbolic link to nothing`, `azs-usage: ${at('link.csv')}: en symbolisk länk till ingenting`],
        ['usage.js', [...period, '--meters', at('fifo.csv')], `azs-usage: ${at('fifo.csv')}: not a regular file (not opened)`, `azs-usage: ${at('fifo.csv')}: inte en vanlig fil (öppnades inte)`],
        ['usage.js', [...period, '--out', at('none/invoices.csv')], `azs-usage: --out ${at('none/invoices.csv')}: its folder does not exist`,
          `azs-usage: --out ${at('none/invoices.csv')}: dess mapp finns inte`],
        ['usage.js', [...period, '--out', at('folder'), '--force'], `azs-usage: --out ${at('folder')}: a folder, not a file`, `azs-usage: --out ${at('folder')}: en mapp, ingen fil`],
        ['usage.js', [...period, '--out', at('locked.csv'), '--per-customer', '--force'], `azs-usage: --out ${at('locked.csv')}: not a folder`,
          `azs-usage: --out ${at('locked.csv')}: ingen mapp`],
        ['cli.js', ['.', '--config', at('folder')], `azs-lint: ${at('folder')}: cannot read the configuration file: a folder, not a file`,
          `azs-lint: ${at('folder')}: konfigurationsfilen kan inte läsas: en mapp, ingen fil`],
        ['cli.js', ['.', '--config', at('missing.json')], `azs-lint: ${at('missing.json')}: cannot read the configuration file: no such file`,
          `azs-lint: ${at('missing.json')}: konfigurationsfilen kan inte läsas: ingen sådan fil`],
      ];
      // Root reads past permissions: the locked file is locked to it only without that power (privileges.ts).
      const prefix = withoutPermissionOverride();
      if (prefix) {
        cases.push(['usage.js', [...period, '--prices', at('locked.csv')], `azs-usage: ${at('locked.csv')}: permission denied`, `azs-usage: ${at('locked.csv')}: åtkomst nekad`]);
        cases.push(['cli.js', ['.', '--config', at('locked.csv')], `azs-lint: ${at('locked.csv')}: cannot read the configuration file: permission denied`,
          `azs-lint: ${at('locked.csv')}: konfigurationsfilen kan inte läsas: åtkomst nekad`]);
      }
      for (const [script, args, english, swedish] of cases) {
        for (const [lang, said] of [['en', english], ['sv', swedish]]) {
          const [command, ...rest] = [...prefix ?? [], process.execPath, join(repoRoot, 'dist', script), ...args, '--lang', lang];
          const result = spawnSync(command, rest, { cwd: join(repoRoot, 'test/fixtures/lint/workspace'), encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 30_000 });
          assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
          assert.equal(result.stderr.split('\n')[0], said);
        }
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('takes only a plain decimal whole number in range for --threads and --parallel, and says so in English or Swedish', () => {
    for (const value of ['1e1', '0x4', ' 2', '2 ', '2.0', '+2', '-2', '', '0', '65', '1_0', '\u0662', 'Infinity']) {
      assert.throws(() => wholeNumberOption('threads', value, 1, 64, 'en'), { message: `--threads must be a whole number from 1 to 64, not "${value}"` });
    }
    assert.deepEqual(['1', '2', '064', '64'].map((value) => wholeNumberOption('threads', value, 1, 64, 'en')), [1, 2, 64, 64], 'leading zeros are still a decimal number');
    const options: [script: 'cli.js' | 'usage.js', option: string, args: string[], max: number][] = [
      ['cli.js', 'threads', ['.'], 64],
      ['usage.js', 'parallel', period, 32],
    ];
    for (const [script, option, args, max] of options) {
      const name = script === 'cli.js' ? 'azs-lint' : 'azs-usage';
      const english = run(script, [...args, `--${option}=1e1`]);
      assert.equal(english.status, 2);
      assert.ok(english.stderr.startsWith(`${name}: --${option} must be a whole number from 1 to ${max}, not "1e1"\n`), english.stderr);
      const swedish = run(script, [...args, `--${option}`, '2.0', '--lang', 'sv']).stderr;
      assert.ok(swedish.startsWith(`${name}: --${option} ska vara ett heltal från 1 till ${max}, inte "2.0"\n`), swedish);
    }
    assert.equal(run('cli.js', ['.', '--threads', '2', '--format', 'json']).status, 1, 'a plain number is taken (the workspace has errors)');
  });
});
