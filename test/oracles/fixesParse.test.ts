// Every quick fix and every snippet leaves PowerShell that PowerShell itself parses: the fix invariant
// (test/unit/core/support/fixInvariant.ts) checks our own parser; this asks PowerShell's, for the same fixes.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seeds } from '../unit/fuzz/support/seeds';
import { checkFixInvariant, documentsIn, fixtureWorkspaces, type Document } from '../unit/core/support/fixInvariant';
import { repoRoot } from '../unit/core/support/wasm';
import { expandDefaults } from '../unit/snippets/snippetSyntax';
import { PowerShellOracle, pwshPath } from './support/powershell';

const describeWithPwsh = pwshPath() ? describe : describe.skip;

/** A PowerShell document a fix edited, with what the fix was. */
interface FixedScript {
  original: string;
  fixed: string;
  what: string;
}

describeWithPwsh('PowerShell oracle: every fix and snippet parses in PowerShell', function () {
  this.timeout(300_000);
  let oracle: PowerShellOracle;

  before(() => {
    oracle = PowerShellOracle.start(pwshPath() as string);
  });
  after(() => oracle.stop());

  it('every quick fix offered on the fixtures, the demo and the fuzzer\'s seeds', async () => {
    const workspaces: Document[][] = [
      ...fixtureWorkspaces.map((folder) => documentsIn(join(repoRoot, folder))),
      seeds.map((seed) => ({ uri: `file:///seeds/${seed.name}`, kind: seed.kind, text: seed.text })),
    ];
    const changes = new Map<string, FixedScript>();
    for (const documents of workspaces) {
      await checkFixInvariant(documents, ({ original, fixed, fix, finding }) => {
        if (fixed.kind !== 'powershell') return;
        changes.set(fixed.text, { original: original.text, fixed: fixed.text, what: `${fixed.uri.replace(/^.*\//, '')}: "${fix.title.en}" on ${finding.code}` });
      });
    }
    const scripts = [...changes.values()];
    assert.ok(scripts.length > 50, `only ${scripts.length} fixed PowerShell documents`);
    const before = await oracle.read(scripts.map((s) => s.original));
    const after = await oracle.read(scripts.map((s) => s.fixed));
    const broken = scripts.flatMap((script, i) => (after[i].errors.length <= before[i].errors.length ? [] : [
      `${script.what}: ${after[i].errors.length} parse errors after, ${before[i].errors.length} before: ${after[i].errors.map((e) => e.id).join(', ')}`,
    ]));
    assert.deepEqual(broken, [], 'fixes after which PowerShell reports a parse error the script did not have');
    console.log(`      ${scripts.length} fixed PowerShell documents parsed`);
  });

  it('every PowerShell snippet, with each placeholder at its default', async () => {
    const snippets = JSON.parse(readFileSync(join(repoRoot, 'snippets/powershell.json'), 'utf8')) as Record<string, { body: string[] }>;
    const entries = Object.entries(snippets);
    const readings = await oracle.read(entries.map(([, snippet]) => expandDefaults(snippet.body.join('\n'))));
    assert.deepEqual(entries.flatMap(([name], i) => readings[i].errors.map((e) => `${name}: ${e.id} ${e.message}`)), []);
    assert.ok(entries.length >= 6);
  });
});
