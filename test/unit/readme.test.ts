// The README tells the truth: the commands, settings and rules it lists are those package.json and the rule registry
// declare, no more and no fewer; it names the log channel the extension creates, says where the walkthrough is under
// the name package.json gives it, offers the display languages npm start takes, and tells how to add a rule or a
// language with files and hooks the code has. (Where the walkthrough is, is clicked through in the real host by
// test/host/newUser.test.ts; npm start's languages are run by test/runner.)
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { languages } from '../../src/core/languages';
import { allRules } from '../../src/core/lint';

const root = resolve(__dirname, '..', '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, unknown> };
  };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const localized = (text: string) => text.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? text);

/** The rows of the first table under the `## heading` section, as cells. */
function tableUnder(heading: string): string[][] {
  const section = readme.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  assert.ok(section, `README has a section "## ${heading}"`);
  const rows = section.split('\n').filter((line) => line.startsWith('|'));
  return rows.slice(2).map((line) => line.slice(1, -1).split(' | ').map((cell) => cell.trim().replace(/^\| ?/, '')));
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

describe('README claims', () => {
  it('lists every command package.json declares, by its title, and no other', () => {
    const listed = tableUnder('Commands').flatMap(([names]) => names.split(' / ').map((name) => name.trim()));
    const declared = manifest.contributes.commands.map((c) => localized(c.title));
    assert.deepEqual(sorted(listed), sorted(declared));
  });

  it('lists every setting package.json declares, and no other', () => {
    const declared = Object.keys(manifest.contributes.configuration.properties);
    const listed = tableUnder('Settings').flatMap(([cell]) => {
      const names = [...cell.matchAll(/`([\w.*]+)`/g)].map((m) => m[1]);
      // `azureStackCsp.signIn.tenantId` / `clientId`: a later name shares the first one's prefix.
      const prefix = names[0].slice(0, names[0].lastIndexOf('.') + 1);
      return names.flatMap((name, i) => {
        const full = i > 0 && !name.includes('.') ? prefix + name : name;
        return full.endsWith('.*') ? declared.filter((d) => d.startsWith(full.slice(0, -1))) : [full];
      });
    });
    assert.deepEqual(sorted(listed), sorted(declared));
  });

  it('lists every rule with its page, title and default severity, and no other', () => {
    const rows = tableUnder('Rules').filter((cells) => /\[AZS\d{3}\]/.test(cells[0]));
    assert.deepEqual(sorted(rows.map((cells) => /AZS\d{3}/.exec(cells[0])![0])), sorted(allRules.map((r) => r.code)));
    for (const rule of allRules) {
      const row = rows.find((cells) => cells[0].includes(`[${rule.code}]`))!;
      assert.ok(row[0].includes(`(docs/rules/${rule.code}.md)`), `${rule.code} links to its page`);
      assert.ok(row.some((cell) => cell.startsWith(rule.title.en)), `${rule.code}: the title "${rule.title.en}" in ${row.join(' | ')}`);
      assert.ok(row.includes(rule.defaultSeverity), `${rule.code}: the default severity ${rule.defaultSeverity} in ${row.join(' | ')}`);
    }
  });

  it('names the log channel the extension creates, wherever it names one', () => {
    const created = /createOutputChannel\('([^']+)'/.exec(readFileSync(join(root, 'src/vscode/extension.ts'), 'utf8'))?.[1];
    assert.ok(created);
    const named = [...readme.matchAll(/the \*\*([^*]+)\*\* (?:output|log) channel/g)].map((m) => m[1]);
    assert.ok(named.length > 0, 'the README names the log channel');
    assert.deepEqual(sorted(named), [created]);
  });

  it('says where the walkthrough is, by the title it has', () => {
    const title = nls['walkthrough.title'];
    assert.ok(readme.includes(`**Help → Open Walkthrough…** → *${title}*`), `the README points at Help → Open Walkthrough… → ${title}`);
    assert.doesNotMatch(readme, /Help → Get Started/, 'code-server 4.100 has no Get Started entry under Help');
  });

  it('offers exactly the display languages npm start takes, which are those the extension speaks', async () => {
    const { demoLocales } = (await import(join(root, 'scripts/lib/demo.mjs'))) as { demoLocales: string[] };
    const offered = /`npm start -- --locale (\w+(?:\|\w+)*)`/.exec(readme)?.[1]?.split('|');
    assert.deepEqual(offered, demoLocales);
    const translated = ['en', ...readdirSync(join(root, 'l10n')).flatMap((file) => /^bundle\.l10n\.(\w+)\.json$/.exec(file)?.[1] ?? [])];
    assert.deepEqual(sorted(demoLocales), sorted(translated), 'npm start offers every language the extension speaks');
  });

  it('tells how to add a rule and a language with files, hooks and fields the code has', () => {
    // A paragraph runs to the next blank line.
    const paragraph = (name: string) => {
      const start = readme.indexOf(`**Adding a ${name}**`);
      assert.ok(start >= 0, `README has "Adding a ${name}"`);
      return readme.slice(start, readme.indexOf('\n\n', start));
    };
    const named = (text: string) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    for (const text of [paragraph('rule'), paragraph('language')]) {
      for (const path of named(text).filter((n) => /^(src|test)\//.test(n))) {
        assert.ok(existsSync(join(root, path.replace('AZSnnn', 'AZS101'))), `${path} exists`);
      }
    }
    for (const hook of ['fixes', 'cloudIdLookup', 'editorActions']) {
      assert.ok(named(paragraph('rule')).includes(hook) && allRules.some((rule) => hook in rule), `some rule has ${hook}`);
    }
    for (const field of ['read', 'pairs']) {
      assert.ok(named(paragraph('language')).some((n) => n.startsWith(field)) && languages.some((language) => field in language), `some language has ${field}`);
    }
  });
});
