// What the PowerShell reader answers on scripts nested deep (the walks up the tree go along a kept path, the descents
// start from the brace around the place): the same as on a flat script, at every level. Its time is the bench's
// (bench/bounds.ts), not these tests'.
import * as assert from 'node:assert/strict';
import type { FileFacts } from '../../../../src/core/facts';
import { PowerShellParser, powerShellFacts } from '../../../../src/core/parse/powershell';
import { show } from '../support/facts';
import { testWasmDir } from '../support/wasm';

async function facts(text: string): Promise<FileFacts> {
  const tree = (await PowerShellParser.load(testWasmDir())).parse(text);
  assert.ok(tree);
  try {
    return powerShellFacts(text, tree);
  } finally {
    tree.delete();
  }
}

const depth = 60;
const registration = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/azurestack/providers/Microsoft.AzureStack/registrations/';
const levels = (make: (level: number) => string) => Array.from({ length: depth }, (_, level) => make(level)).join('\n');
/** The placeholders the reader found, by the level they are written at. */
const placeholderLevels = (found: FileFacts) => found.values.map((v) => /^<in(\d+)>$/.exec(show(v))?.[1]).filter((level) => level !== undefined).map(Number);
/** The levels of the placeholders `<{word}{level}>` at the end of the resource IDs the reader found, in its order. */
const idPlaceholderLevels = (found: FileFacts, word: string) => found.values.map((v) => new RegExp(`/<${word}(\\d+)>$`).exec(show(v))?.[1]).filter((level) => level !== undefined).map(Number);

/** The nestings: how a level opens and how it closes. */
const nestings: Record<string, [open: (level: number) => string, close: string]> = {
  functions: [(level) => `function Step${level} {`, '}'],
  'if blocks': [() => 'if ($x) {', '}'],
  'script blocks': [() => '& {', '}'],
  'foreach loops': [(level) => `foreach ($item${level} in $items) {`, '}'],
  'ForEach-Object blocks': [() => '$items | ForEach-Object {', '}'],
  'try blocks': [() => 'try {', '} catch { Write-Host failed }'],
  'switch clauses': [() => 'switch ($x) { a {', '} }'],
};

describe('parse/powershell: deep nesting', () => {
  for (const [name, [open, close]] of Object.entries(nestings)) {
    it(`${name} ${depth} deep: a placeholder assigned at each level reaches the command at the bottom through its next twenty uses`, async () => {
      const script = `${levels((level) => `${open(level)}\n$name = '<in${level}>'`)}\nGet-AzResource -ResourceId "${registration}$name"\n${Array.from({ length: depth }, () => close).join('\n')}\n`;
      const found = await facts(script);
      // The assignments below a level are uses of $name by no command: only the last twenty levels reach the call.
      assert.deepEqual(placeholderLevels(found), Array.from({ length: 20 }, (_, i) => depth - 20 + i));
      // Assigned in more than one block, the value is unknown; each function assigns its own once.
      assert.equal(show(found.cmdlets.at(-1)?.parameters[0].value), `${registration}${name === 'functions' ? `<in${depth - 1}>` : '?'}`);
    });
  }

  it('a use in parentheses reaches the acting command some twenty levels up the tree, a display command\'s does not', async () => {
    const placeholders = async (script: string) => (await facts(script)).values.map(show).filter((text) => text === '<name>');
    assert.deepEqual(await placeholders("$n = '<name>'\nGet-AzResource -Name ($n)"), ['<name>']);
    assert.deepEqual(await placeholders("if ($x) { $n = '<name>' }\nif ($y) { Get-AzResource -Tag @{ a = ($n) } }"), ['<name>']);
    assert.deepEqual(await placeholders("$n = '<name>'\nWrite-Host ($n)"), []);
  });

  it('nested functions: a use after the functions inside its own closed sees its own function\'s assignment', async () => {
    const script = `${levels((level) => `function Step${level} {`)}\nWrite-Host innermost\n${levels((level) => `}\n$name = 'after${depth - 1 - level}'\nGet-AzResource -Name $name`)}\n`;
    const found = await facts(script);
    const names = found.cmdlets.map((c) => show(c.parameters[0].value));
    // The outermost function's use comes last; the script itself assigns nothing.
    assert.deepEqual(names, Array.from({ length: depth }, (_, i) => `after${depth - 1 - i}`));
  });

  it('nested if blocks, each switching to the stamp: every call goes to the stamp, switched at its own level', async () => {
    const script = `${levels((level) => `if ($x) {\nConnect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceId "${registration}r${level}"`)}\n${'}\n'.repeat(depth)}`;
    const calls = (await facts(script)).cloudCalls ?? [];
    assert.deepEqual(calls.map((c) => [c.destination, c.switchedLine]), Array.from({ length: depth }, (_, level) => ['stamp', 3 * level + 2]));
  });

  it('nested functions, each switching to the stamp: every call goes to the stamp; a call of one before a later call makes that unknown', async () => {
    const script = `${levels((level) => `function Step${level} {\nConnect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceId "${registration}r${level}"`)}\n${'}\n'.repeat(depth)}`;
    const calls = (await facts(script)).cloudCalls ?? [];
    assert.equal(calls.length, depth);
    assert.ok(calls.every((c) => c.destination === 'stamp' && c.by === 'environment'));
    const called = `${script}Connect-AzAccount -Environment AzureStackAdmin\nStep0\nGet-AzResource -ResourceId "${registration}last"\n`;
    assert.equal((await facts(called)).cloudCalls?.length, depth, 'the call after Step0 (which switches) is left out');
  });

  it('nested loops: a switch late in the outermost loop makes every call in them unknown; one after them, none', async () => {
    const calls = levels((level) => `foreach ($item${level} in $items) {\nGet-AzResource -ResourceId "${registration}r${level}"`);
    const nested = (innermost: string, outermost: string, after: string) => `Connect-AzAccount -Environment AzureStackAdmin\n${calls}\n${innermost}\n${'}\n'.repeat(depth - 1)}${outermost}\n}\n${after}\n`;
    const switchTo = 'Connect-AzAccount -Environment AzureCloud';
    assert.deepEqual((await facts(nested('', switchTo, ''))).cloudCalls, []);
    assert.deepEqual((await facts(nested(switchTo, '', ''))).cloudCalls, [], 'the innermost loop lies in every loop around the calls');
    const after = (await facts(nested('', '', switchTo))).cloudCalls ?? [];
    assert.deepEqual(after.map((c) => [c.destination, c.switchedLine]), Array.from({ length: depth }, () => ['stamp', 1]));
  });

  it('nested if blocks, each switching to the stamp and calling after those inside it close: every call at its own level', async () => {
    // The places are asked about from the inside out, each in a block further out than the one before.
    const script = `${levels(() => 'if ($x) {')}\nWrite-Host innermost\n${levels((level) => `}\nConnect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceId "${registration}<after${depth - 1 - level}>"`)}\n`;
    const found = await facts(script);
    assert.deepEqual(found.cloudCalls?.map((c) => [c.destination, c.switchedLine]), Array.from({ length: depth }, (_, i) => ['stamp', depth + 3 * i + 3]));
    assert.deepEqual(idPlaceholderLevels(found, 'after'), Array.from({ length: depth }, (_, i) => depth - 1 - i));
  });

  it('unclosed if blocks (one flat error node with hundreds of children), each switching to the stamp and calling: every call at its own level', async () => {
    const script = `${levels((level) => `if ($x) {\nConnect-AzAccount -Environment AzureStackAdmin\nGet-AzResource -ResourceId "${registration}<in${level}>"`)}\n`;
    const found = await facts(script);
    assert.deepEqual(found.cloudCalls?.map((c) => [c.destination, c.switchedLine]), Array.from({ length: depth }, (_, level) => ['stamp', 3 * level + 2]));
    assert.deepEqual(idPlaceholderLevels(found, 'in'), Array.from({ length: depth }, (_, level) => level));
  });

  it('nested if blocks, each with a suppression comment, a lost continuation and a here-string line that starts with #', async () => {
    const script = `${levels((level) => `if ($x) {\n# azs-disable-next-line AZS102\nGet-AzResource -Name r${level}\n  -ResourceGroupName azurestack\n$text = @"\n# azs-disable-next-line AZS101\n"@`)}\n${'}\n'.repeat(depth)}`;
    const found = await facts(script);
    assert.equal(found.suppressions.length, depth, 'the comments only, not the here-strings\' lines');
    assert.equal(found.lostContinuations?.length, depth);
    assert.ok(found.lostContinuations?.every((c) => c.kind === 'parameterLine' && c.continueAt !== undefined));
  });
});
