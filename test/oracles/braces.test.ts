// The brace pass (src/core/parse/psBraces.ts) pairs `{ }` as PowerShell's tokens do where a `#` follows a word:
// whether the `#` starts a comment decides whether the block after it on the line is code. Each script is a command
// or an assignment whose word holds a `#`, and a block after it on the same line.
import * as assert from 'node:assert/strict';
import { pairBraces } from '../../src/core/parse/psBraces';
import { PowerShellOracle, pwshPath, type PsReading } from './support/powershell';

/**
 * Words with a `#` in them, read by PowerShell (and the tree, where it reads them) as one command argument that the
 * `#` goes on, or as an expression that ends before it.
 */
const words = [
  // The # goes on the word: a bare one, or one where a bare word follows the expression.
  'C#', 'b]#c', '$a+b#c', '$a!b#c', '$a+#c', '$a!#c', '$a.b+c#d', '$a[0]+b#c', '$a[0].b!c#d', '$a.b:c#d', '$a[0]:b#c', '[int]:b#c', '$a::b:c#d',
  // The expression ends before the #, which starts a comment.
  '$a.b#c', '$a[0]#c', '$a::b#c', '$(1)#c', '$a.b.c#d',
];
const assignments = ['$a+$b#c', '$a+1#c', '$a[0]+1#c', '$i++#c', '$a+!$b#c'];
const scripts = [...words.map((word) => `Write-Host ${word} { 1 }\n`), ...assignments.map((value) => `$x = ${value} { 1 }\n`)];

/** The spans `pairBraces` gives for the braces PowerShell pairs: from after each `{` to after its `}`. */
function pairsOf(reading: PsReading, length: number): { start: number; end: number }[] {
  const pairs: { start: number; end: number }[] = [];
  const open: { start: number; end: number }[] = [];
  for (const brace of reading.braces) {
    if (brace.open) {
      const pair = { start: brace.at + 1, end: length + 1 };
      pairs.push(pair);
      open.push(pair);
    } else {
      const pair = open.pop();
      if (pair) pair.end = brace.at + 1;
    }
  }
  return pairs;
}

const describeWithPwsh = pwshPath() ? describe : describe.skip;

describeWithPwsh('PowerShell oracle: the brace pass pairs braces as PowerShell does after a word with a #', function () {
  this.timeout(120_000);
  let oracle: PowerShellOracle;

  before(() => {
    oracle = PowerShellOracle.start(pwshPath() as string);
  });
  after(() => oracle.stop());

  it(`in ${scripts.length} commands and assignments`, async () => {
    const readings = await oracle.read(scripts);
    const disagreements = scripts.flatMap((script, i) => {
      const reading = readings[i];
      if (reading.errors.length > 0) return [`${JSON.stringify(script)}: PowerShell cannot parse it (${reading.errors[0].message})`];
      const ours = pairBraces(script).pairs;
      const powershell = pairsOf(reading, script.length);
      return JSON.stringify(ours) === JSON.stringify(powershell) ? [] : [`${JSON.stringify(script)}: ours ${JSON.stringify(ours)}, PowerShell ${JSON.stringify(powershell)}`];
    });
    assert.deepEqual(disagreements, []);
  });
});
