// Parse errors agree: where PowerShell's parser reports an error — an unquoted <placeholder>, a parameter missing its
// argument, an unterminated string — one of our findings points at that line, unless LIMITS.md lists the case.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { seeds } from '../unit/fuzz/support/seeds';
import { corpus } from './support/corpus';
import { limitFor, limitsFile, readLimits } from './support/limits';
import { unreportedParseErrors } from './support/parseErrors';
import { PowerShellOracle, pwshPath } from './support/powershell';
import { brokenScript } from './support/scripts';

const brokenRuns = Number(process.env.AZS_ORACLE_BROKEN_RUNS ?? 150);
const brokenSeed = Number(process.env.AZS_ORACLE_SEED ?? 20261117);

const describeWithPwsh = pwshPath() ? describe : describe.skip;

describeWithPwsh('PowerShell oracle: where PowerShell reports a parse error, a finding points at it', function () {
  this.timeout(300_000);
  let oracle: PowerShellOracle;
  const limits = readLimits();
  const tally = { errors: 0, pointedAt: 0, expected: new Map<string, number>() };

  before(() => {
    oracle = PowerShellOracle.start(pwshPath() as string);
  });
  after(async () => {
    await oracle.stop();
    const expected = [...tally.expected].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
    console.log(`      ${tally.errors} parse errors, ${tally.pointedAt} pointed at by a finding; within listed limits: ${expected}`);
  });

  /** The parse errors of `text` that no finding points at and no limit explains, one line each. */
  async function unexplained(name: string, text: string): Promise<string[]> {
    const reading = await oracle.readOne(text);
    tally.errors += reading.errors.length;
    const unreported = await unreportedParseErrors(text, reading);
    tally.pointedAt += reading.errors.length - unreported.length;
    return unreported.flatMap((d) => {
      const limit = limitFor(limits, text, d, []);
      if (limit) tally.expected.set(limit.name, (tally.expected.get(limit.name) ?? 0) + 1);
      return limit ? [] : [`${name}: ${d.powershell} at ${d.span.start} ${JSON.stringify(text.slice(d.span.start, d.span.start + 60))}`];
    });
  }

  it('in the fixtures, the demo, the examples of docs/rules and the fuzzer\'s seeds', async () => {
    const scripts = [...corpus(), ...seeds.filter((s) => s.kind === 'powershell')];
    const left: string[] = [];
    for (const script of scripts) left.push(...await unexplained(script.name, script.text));
    assert.deepEqual(left, [], `parse errors no finding points at and ${limitsFile} does not list`);
  });

  it(`in ${brokenRuns} generated scripts with an unquoted placeholder, a parameter missing its argument or an unterminated string`, async () => {
    const kinds = new Set<string>();
    const details = await fc.check(fc.asyncProperty(brokenScript, async ({ kind, text }) => {
      const reading = await oracle.readOne(text);
      if (reading.errors.length === 0) throw new Error(`PowerShell parses the ${kind} script: the generator is wrong`);
      kinds.add(kind);
      const left = await unexplained(kind, text);
      if (left.length > 0) throw new Error(left.join('\n'));
    }), { numRuns: brokenRuns, seed: brokenSeed, includeErrorInReport: true });
    if (details.failed) throw new Error(fc.defaultReportMessage(details) ?? 'failed');
    assert.deepEqual([...kinds].sort(), ['missing argument', 'placeholder', 'unterminated string']);
  });

  describe(`each parse-error limit ${limitsFile} lists`, () => {
    for (const limit of limits.filter((l) => l.kinds.includes('unreported-parse-error'))) {
      it(`${limit.name}: its example has a parse error no finding points at, and only as the row says`, async () => {
        const reading = await oracle.readOne(limit.example);
        const unreported = await unreportedParseErrors(limit.example, reading);
        assert.ok(unreported.length > 0, 'a finding points at every parse error of the example: remove the row');
        assert.deepEqual(unreported.filter((d) => limitFor([limit], limit.example, d, []) === undefined).map((d) => d.powershell), []);
      });
    }
  });
});
