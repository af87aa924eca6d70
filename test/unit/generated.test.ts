// The files that copy the rules' and languages' metadata (rule page headers, rule settings and their descriptions,
// the README's rule table, activation events) say what the code says: scripts/generate/copies.ts works them out.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedCopies } from '../../scripts/generate/copies';
import { repoRoot } from './core/support/wasm';

describe('generated copies of the rule and language metadata', () => {
  for (const copy of generatedCopies(repoRoot)) {
    it(`${copy.path} is up to date`, () => {
      const path = join(repoRoot, copy.path);
      const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
      assert.ok(current === copy.text, `${copy.path} is stale: run \`npm run generate\` and commit the result`);
    });
  }
});
