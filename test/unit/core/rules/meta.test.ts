// The rule registry checks itself: one rule per file named by its code, unique codes, names and titles, messages in
// both languages with the same placeholders, and a documentation page per rule whose text is the rule's own and
// whose Wrong example makes the rule fire while its Fixed example does not.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isErrorCode } from '../../../../src/core/errors';
import { allRules, ruleCodes, ruleDocsBaseUrl, type DocumentKind } from '../../../../src/core/lint';
import { lintCase } from '../support/ruleTester';
import { liveFrom } from '../support/live';
import { repoRoot } from '../support/wasm';

/** What Azure holds in the live rules' pages: reg-west takes tenants and has one, reg-lab is a Capacity registration. */
const docsAzure = liveFrom({
  registrations: {
    'reg-west': { billingModel: 'PayAsYouUse', tenants: ['9a1d2e3f-4b5c-4d6e-8f70-1a2b3c4d5e6f'] },
    'reg-lab': { billingModel: 'Capacity' },
  },
});

const fenceKinds: Record<string, DocumentKind> = { powershell: 'powershell', json: 'json', http: 'http', sh: 'shell' };

interface Page {
  title: string;
  sections: Map<string, string>;
}

function readPage(code: string): Page {
  const text = readFileSync(join(repoRoot, 'docs/rules', `${code}.md`), 'utf8');
  const sections = new Map<string, string>();
  for (const match of text.matchAll(/^## (.+)\n([\s\S]*?)(?=^## |(?![\s\S]))/gm)) sections.set(match[1].trim(), match[2].trim());
  return { title: text.split('\n')[0], sections };
}

function example(section: string | undefined): { kind: DocumentKind; code: string } {
  const match = /^```(\w+)\n([\s\S]*?)\n```$/.exec(section ?? '');
  assert.ok(match, 'a fenced code block');
  const kind = fenceKinds[match[1]];
  assert.ok(kind, `a fence language the linter reads (${Object.keys(fenceKinds).join(', ')})`);
  return { kind, code: match[2] };
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

describe('rule registry', () => {
  it('has one rule per code, in a file named by the code', () => {
    assert.deepEqual(allRules.map((r) => r.code), [...ruleCodes]);
    const files = readdirSync(join(repoRoot, 'src/core/rules')).filter((f) => /^AZS\d{3}\.ts$/.test(f)).map((f) => f.replace('.ts', ''));
    assert.deepEqual(files.sort(), [...ruleCodes]);
    for (const code of ruleCodes) {
      const source = readFileSync(join(repoRoot, 'src/core/rules', `${code}.ts`), 'utf8');
      assert.deepEqual([...source.matchAll(/\bcode: '(AZS\d{3})'/g)].map((m) => m[1]), [code], `${code}.ts defines the rule ${code} and no other`);
    }
  });

  it('has unique kebab-case names and unique titles in both languages', () => {
    const names = allRules.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.match(name, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    for (const locale of ['en', 'sv'] as const) {
      const titles = allRules.map((r) => r.title[locale]);
      assert.equal(new Set(titles).size, titles.length, `${locale} titles are unique`);
    }
  });

  it('words every message in English and Swedish with the same placeholders', () => {
    for (const rule of allRules) {
      for (const [id, text] of Object.entries(rule.messages)) {
        assert.ok(text.en.trim() && text.sv.trim() && text.en !== text.sv, `${rule.code} ${id} has both languages`);
        assert.deepEqual(placeholders(text.sv), placeholders(text.en), `${rule.code} ${id} placeholders`);
      }
      for (const text of [rule.title, rule.docs.finds, rule.docs.matters]) assert.ok(text.en.trim() && text.sv.trim() && text.en !== text.sv, `${rule.code} docs`);
    }
  });

  it('links to the rule pages of the repository package.json names', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository: { url: string } };
    assert.equal(ruleDocsBaseUrl, `${manifest.repository.url.replace(/\.git$/, '')}/blob/main/docs/rules/`);
  });
});

describe('rule pages (docs/rules)', () => {
  it('has a page for each rule and no other', () => {
    const pages = readdirSync(join(repoRoot, 'docs/rules')).filter((f) => f.endsWith('.md')).map((f) => f.replace('.md', ''));
    assert.deepEqual(pages.sort(), [...ruleCodes]);
  });

  for (const rule of allRules) {
    describe(rule.code, () => {
      const page = readPage(rule.code);

      it('has the title, the sections and the rule\'s own text', () => {
        assert.equal(page.title, `# ${rule.code}: ${rule.name}`);
        assert.deepEqual([...page.sections.keys()], ['What it finds', 'Why it matters', 'Wrong', 'Fixed']);
        assert.equal(page.sections.get('What it finds'), rule.docs.finds.en);
        assert.equal(page.sections.get('Why it matters'), rule.docs.matters.en);
      });

      it('shows a wrong example the rule finds and a fixed one it accepts', async () => {
        // Saved as the pages are, UTF-8 without a byte order mark (AZS107 reads how a file is saved).
        const wrong = await lintCase(rule, { ...example(page.sections.get('Wrong')), live: docsAzure, encoding: 'utf8' });
        assert.ok(wrong.findings.length > 0, 'the Wrong example makes the rule fire');
        const fixed = await lintCase(rule, { ...example(page.sections.get('Fixed')), live: docsAzure, encoding: 'utf8' });
        assert.deepEqual(fixed.findings.map((f) => f.message), [], 'the Fixed example is clean');
      });
    });
  }
});

describe('rule metadata against the settings and the error catalog', () => {
  it('has the default severity the settings show for it', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
      contributes: { configuration: { properties: Record<string, { properties?: Record<string, { default?: string }> }> } };
    };
    const settings = manifest.contributes.configuration.properties['azureStackCsp.lint.rules'].properties ?? {};
    assert.deepEqual(allRules.map((r) => [r.code, r.defaultSeverity]), allRules.map((r) => [r.code, settings[r.code]?.default]));
  });

  it('names a documented error code, or none', () => {
    for (const rule of allRules) assert.ok(rule.azureError === null || isErrorCode(rule.azureError), `${rule.code}: ${rule.azureError}`);
  });
});
