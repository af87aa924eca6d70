// Differential test: our reading of PowerShell (tree-sitter and the facts layer) against PowerShell's own parser, for
// every PowerShell fixture, the demo, the examples of docs/rules, the fuzzer's PowerShell seeds and generated scripts.
// What is compared: support/compare.ts. A disagreement is a bug in our reader, unless LIMITS.md lists it.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { seeds } from '../unit/fuzz/support/seeds';
import { compareReadings, type Disagreement } from './support/compare';
import { corpus, ourReading, type Script } from './support/corpus';
import { limitFor, limitsFile, readLimits, type Limit } from './support/limits';
import { PowerShellOracle, pwshPath, type PsReading } from './support/powershell';
import { generatedScript } from './support/scripts';

/** Generated scripts per run, with a fixed seed so that every run (and machine) compares the same ones. */
const generatedRuns = Number(process.env.AZS_ORACLE_RUNS ?? 400);
const generatedSeed = Number(process.env.AZS_ORACLE_SEED ?? 20261117);

const describeWithPwsh = pwshPath() ? describe : describe.skip;

function describeDisagreement(text: string, d: Disagreement): string {
  const written = JSON.stringify(text.slice(d.span.start, Math.min(d.span.end, d.span.start + 80)));
  return `${d.kind} at ${d.span.start} ${written}: ours ${d.ours}; PowerShell ${d.powershell}`;
}

describeWithPwsh('PowerShell oracle: we read scripts as PowerShell does', function () {
  this.timeout(300_000);
  let oracle: PowerShellOracle;
  const limits = readLimits();
  const tally = { scripts: 0, skipped: 0, agreements: 0, expected: new Map<string, number>() };

  before(() => {
    oracle = PowerShellOracle.start(pwshPath() as string);
  });
  after(async () => {
    await oracle.stop();
    const expected = [...tally.expected].map(([name, count]) => `${name} ${count}`).join(', ') || 'none';
    console.log(`      ${tally.scripts} scripts compared (${tally.skipped} more that PowerShell cannot parse are left to the parse-error test); disagreements within listed limits: ${expected}`);
  });

  /** What no listed limit explains, one line each; counts the script and the limits it shows. */
  async function unexplained(script: Script, reading: PsReading): Promise<string[]> {
    if (reading.errors.length > 0) {
      tally.skipped++;
      return [];
    }
    tally.scripts++;
    const ours = await ourReading(script.text);
    const left: string[] = [];
    for (const disagreement of compareReadings(script.text, ours, reading)) {
      const limit = limitFor(limits, script.text, disagreement, ours.errors);
      if (limit) tally.expected.set(limit.name, (tally.expected.get(limit.name) ?? 0) + 1);
      else left.push(`${script.name}: ${describeDisagreement(script.text, disagreement)}`);
    }
    return left;
  }

  it('in every PowerShell fixture, the demo, the examples of docs/rules and the fuzzer\'s seeds', async () => {
    const scripts = [...corpus(), ...seeds.filter((s) => s.kind === 'powershell').map((s) => ({ name: `fuzz seed ${s.name}`, text: s.text }))];
    const readings = await oracle.read(scripts.map((s) => s.text));
    const left: string[] = [];
    for (const [i, script] of scripts.entries()) left.push(...await unexplained(script, readings[i]));
    assert.ok(scripts.length >= 40, `only ${scripts.length} scripts were found`);
    assert.deepEqual(left, [], `disagreements that ${limitsFile} does not list`);
  });

  it(`in ${generatedRuns} generated scripts (typographic dashes, quotes and spaces, continuations, here-strings, splatting, nesting)`, async () => {
    const details = await fc.check(fc.asyncProperty(generatedScript, async (text) => {
      const left = await unexplained({ name: 'generated', text }, await oracle.readOne(text));
      if (left.length > 0) throw new Error(left.join('\n'));
    }), { numRuns: generatedRuns, seed: generatedSeed, includeErrorInReport: true });
    if (details.failed) {
      throw new Error(`${fc.defaultReportMessage(details)}\nReplay: AZS_ORACLE_SEED=${details.seed} npm test -- --only oracles --grep "generated scripts"`);
    }
  });

  describe(`each limit ${limitsFile} lists`, () => {
    for (const limit of limits.filter((l) => !l.kinds.includes('unreported-parse-error'))) {
      it(`${limit.name}: its example disagrees, and only as the row says`, async () => {
        const text = limit.example;
        const reading = await oracle.readOne(text);
        assert.deepEqual(reading.errors, [], 'PowerShell parses the example');
        const ours = await ourReading(text);
        const found = compareReadings(text, ours, reading);
        assert.ok(found.length > 0, `the example shows no disagreement: remove the row, the reader handles it now`);
        const others = found.filter((d) => limitFor([limit], text, d, ours.errors) === undefined);
        assert.deepEqual(others.map((d) => describeDisagreement(text, d)), []);
      });
    }
  });

  it('reads what it compares: the fixtures hold known commands, arguments and bindings', async () => {
    const scripts = corpus();
    const readings = await oracle.read(scripts.map((s) => s.text));
    const counts = { commands: 0, arguments: 0, bindings: 0 };
    for (const [i, script] of scripts.entries()) {
      const ours = await ourReading(script.text);
      counts.commands += ours.facts.cmdlets.length;
      counts.arguments += ours.facts.cmdlets.reduce((n, c) => n + c.parameters.length + c.positional.length, 0);
      counts.bindings += readings[i].bindings.length;
    }
    // A comparison that found nothing to compare would agree vacuously.
    assert.ok(counts.commands > 50 && counts.arguments > 150 && counts.bindings > 30, JSON.stringify(counts));
  });
});

/** The limits are read without PowerShell too, so that a broken row fails everywhere. */
describe('PowerShell oracle: the limits file', () => {
  it('lists each limit with its kinds, a pattern, an example and a reason', () => {
    const limits: Limit[] = readLimits();
    assert.ok(limits.length > 0);
    for (const limit of limits) {
      assert.match(limit.name, /^[a-z-]+$/);
      assert.ok(limit.kinds.length > 0 && limit.example.length > 0 && limit.why.length > 40, limit.name);
    }
  });
});
