// The files that copy what the rules and the languages say, worked out from them: each rule page's header (title
// line, summary, "What it finds", "Why it matters"; the Wrong and Fixed examples stay hand-written), the rule
// severity settings in package.json and their descriptions in package.nls*.json, the README's rule table, and the
// activation events of the languages the linter reads. `npm run generate` writes them; a unit test fails when one
// is stale.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageIds } from '../../src/core/languages/index';
import { allRules, severities, type Rule } from '../../src/core/lint';

export interface Copy {
  /** Relative to the repository root. */
  path: string;
  text: string;
}

const liveNote = 'A live rule: it runs only when you are signed in to Azure and `azureStackCsp.lint.live` is on, and answers come from a cache that **Refresh** renews.';

function pageHeader(rule: Rule): string {
  const summary = [
    `${rule.title.en}. Default severity: ${rule.defaultSeverity}. Prevents: ${rule.azureError ?? 'no documented error code'}.`,
    ...(rule.live ? [liveNote] : []),
    ...(rule.docs.examples ? [rule.docs.examples] : []),
  ].join(' ');
  return `# ${rule.code}: ${rule.name}\n\n${summary}\n\n## What it finds\n\n${rule.docs.finds.en}\n\n## Why it matters\n\n${rule.docs.matters.en}\n\n`;
}

/** A rule page: the generated header, then the page's own examples (empty ones for a new rule, to fill in). */
function rulePage(root: string, rule: Rule): Copy {
  const path = `docs/rules/${rule.code}.md`;
  const current = existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : '';
  const examples = current.indexOf('\n## Wrong\n');
  const handWritten = examples >= 0 ? current.slice(examples + 1) : '## Wrong\n\n```powershell\n```\n\n## Fixed\n\n```powershell\n```\n';
  return { path, text: pageHeader(rule) + handWritten };
}

function json(root: string, path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, unknown>;
}

const asJson = (path: string, value: unknown): Copy => ({ path, text: `${JSON.stringify(value, null, 2)}\n` });

interface Manifest {
  activationEvents: string[];
  contributes: { configuration: { properties: Record<string, { properties?: Record<string, unknown> }> } };
}

/** package.json: a severity setting per rule, and activation on every language the linter reads (other events kept after them). */
function manifest(root: string): Copy {
  const current = json(root, 'package.json') as unknown as Manifest;
  const onLanguages = languageIds.map((id) => `onLanguage:${id}`);
  current.activationEvents = [...onLanguages, ...current.activationEvents.filter((event) => !onLanguages.includes(event))];
  current.contributes.configuration.properties['azureStackCsp.lint.rules'].properties = Object.fromEntries(allRules.map((rule) => [rule.code, {
    type: 'string', enum: ['off', ...[...severities].reverse()], default: rule.defaultSeverity, markdownDescription: `%config.rule.${rule.code}%`,
  }]));
  return asJson('package.json', current);
}

const settingWords = { en: 'Severity of', sv: 'Allvarlighetsgrad för' };

/** package.nls(.sv).json: each rule setting's description, in the place of the one it replaces (new ones after the last). */
function nls(root: string, locale: 'en' | 'sv'): Copy {
  const path = locale === 'en' ? 'package.nls.json' : 'package.nls.sv.json';
  const current = Object.entries(json(root, path));
  const isRuleKey = (key: string) => key.startsWith('config.rule.');
  const at = current.findIndex(([key]) => isRuleKey(key));
  const described = allRules.map((rule): [string, string] => [
    `config.rule.${rule.code}`, `${settingWords[locale]} ${rule.code}: ${rule.title[locale]}${rule.azureError ? ` (${rule.azureError})` : ''}.`,
  ]);
  const others = current.filter(([key]) => !isRuleKey(key));
  const before = at < 0 ? others.length : current.slice(0, at).filter(([key]) => !isRuleKey(key)).length;
  return asJson(path, Object.fromEntries([...others.slice(0, before), ...described, ...others.slice(before)]));
}

const tableStart = '<!-- rule table: npm run generate -->';
const tableEnd = '<!-- end of rule table -->';

/** README.md: the rule table between its markers. */
function readme(root: string): Copy {
  const current = readFileSync(join(root, 'README.md'), 'utf8');
  const start = current.indexOf(tableStart);
  const end = current.indexOf(tableEnd);
  if (start < 0 || end < start) throw new Error(`README.md has no rule table between "${tableStart}" and "${tableEnd}"`);
  const rows = allRules.map((rule) => `| [${rule.code}](docs/rules/${rule.code}.md) | ${rule.title.en}${rule.live ? ' (live)' : ''} | ${rule.defaultSeverity} | ${rule.azureError ?? '—'} |`);
  const table = ['| rule | what it finds | default | Azure error |', '|---|---|---|---|', ...rows].join('\n');
  return { path: 'README.md', text: `${current.slice(0, start)}${tableStart}\n${table}\n${current.slice(end)}` };
}

export function generatedCopies(root: string): Copy[] {
  return [...allRules.map((rule) => rulePage(root, rule)), manifest(root), nls(root, 'en'), nls(root, 'sv'), readme(root)];
}
