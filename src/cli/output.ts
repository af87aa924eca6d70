// The three output formats of azs-lint: text for people, JSON for scripts, SARIF 2.1.0 for code-scanning tools.
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allRules, ruleDocsBaseUrl, ruleDocsUrl, type Finding, type Locale, type Severity } from '../core/lint';
import { plural, type PluralForms } from '../core/l10n';
import { encodingLabel } from '../core/encoding';
import { LineMap } from '../core/text';
import type { Skip } from './skipped';

export interface LintedFile {
  path: string;
  text: string;
  findings: Finding[];
}

/** What the run says about a file: why it did not lint it (`skip`), or not with every rule. */
export interface Note {
  path: string;
  message: string;
  skip?: Skip;
}

export interface Location {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RunResult {
  /** The files, folders and globs the run was given, as given. */
  named: string[];
  files: LintedFile[];
  notes: Note[];
  cwd: string;
  locale: Locale;
  version: string;
}

/**
 * Text from files (values in messages, file names) made safe for a terminal: escape sequences, which could recolour
 * it, move the cursor or set the window title, and other control characters are dropped; tabs and line breaks become
 * spaces, so that a finding stays on one line.
 */
/* eslint-disable no-control-regex -- control characters are what this function finds */
export function printable(text: string): string {
  return text
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u009c)?/g, '') // OSC: titles, links
    .replace(/(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|\u001b[ -/]*[0-~]?/g, '') // CSI and two-character escapes
    .replace(/[\t\n\r\u000b\u000c]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
/* eslint-enable no-control-regex */

/** `path` relative to `cwd` when it is inside it (a file named `..x.ps1` is; '' for `cwd` itself), else undefined. */
function inside(path: string, cwd: string): string | undefined {
  const rel = relative(cwd, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel;
}

/** How output names a file or folder: relative to `cwd` when it is inside it, else by its absolute path; `/` between folders. */
export function displayPath(path: string, cwd: string): string {
  return (inside(path, cwd) || path).split(sep).join('/');
}

/** 1-based lines and columns (UTF-16 code units, as SARIF counts by default). */
export class Locator {
  private readonly maps = new Map<string, LineMap>();

  constructor(private readonly texts: ReadonlyMap<string, string>, private readonly cwd: string) {}

  locate(path: string, start: number, end: number): Location {
    let map = this.maps.get(path);
    if (!map) {
      map = new LineMap(this.texts.get(path) ?? '');
      this.maps.set(path, map);
    }
    const from = map.positionAt(start);
    const to = map.positionAt(end);
    return { file: displayPath(path, this.cwd), line: from.line + 1, column: from.character + 1, endLine: to.line + 1, endColumn: to.character + 1 };
  }
}

export interface FormatTools {
  locator: Locator;
  /** The file path of a finding's related-location URI. */
  pathOf: (uri: string) => string;
}

/** One finding in `--format json`: the contract scripts rely on. */
export interface JsonRow extends Location {
  code: string;
  severity: Severity;
  message: string;
  azureError: string | null;
}

export function formatJson(result: RunResult, { locator }: FormatTools): string {
  const rows: JsonRow[] = result.files.flatMap((file) => file.findings.map((f) => ({
    ...locator.locate(file.path, f.start, f.end), code: f.code, severity: f.severity, message: f.message, azureError: f.azureError,
  })));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const summaryWords: Record<Locale, { none: string; noFiles: string; problems: PluralForms; kinds: Record<Severity, PluralForms> }> = {
  en: {
    none: 'No problems found.',
    noFiles: 'No files to lint in {names}.',
    problems: { one: '1 problem', other: '{n} problems' },
    kinds: {
      error: { one: '1 error', other: '{n} errors' }, warning: { one: '1 warning', other: '{n} warnings' },
      information: { one: '1 information', other: '{n} information' }, hint: { one: '1 hint', other: '{n} hints' },
    },
  },
  sv: {
    none: 'Inga problem hittades.',
    noFiles: 'Inga filer att kontrollera i {names}.',
    problems: { one: '1 problem', other: '{n} problem' },
    kinds: {
      error: { one: '1 fel', other: '{n} fel' }, warning: { one: '1 varning', other: '{n} varningar' },
      information: { one: '1 information', other: '{n} information' }, hint: { one: '1 tips', other: '{n} tips' },
    },
  },
};

/**
 * "No files to lint in empty/." when the run read no file: it found nothing because there was nothing to look at,
 * which "No problems found" would hide.
 */
export function noFilesSaid(result: RunResult): string | undefined {
  if (result.files.length > 0) return undefined;
  return printable(summaryWords[result.locale].noFiles.replace('{names}', result.named.join(', ')));
}

export function formatText(result: RunResult, { locator, pathOf }: FormatTools): string {
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of result.files) {
    for (const finding of file.findings) {
      counts[finding.severity]++;
      const at = locator.locate(file.path, finding.start, finding.end);
      lines.push(printable(`${at.file}:${at.line}:${at.column}: ${finding.severity} ${finding.code}: ${finding.message}`));
      for (const related of finding.related) {
        const relatedPath = pathOf(related.uri);
        const there = locator.locate(relatedPath, related.start, related.end);
        lines.push(`  ${printable(`${there.file}:${there.line}:${there.column}: ${related.message}`)}`);
      }
    }
  }
  const words = summaryWords[result.locale];
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = (Object.keys(counts) as Severity[]).filter((s) => counts[s] > 0).map((s) => plural(words.kinds[s], counts[s], result.locale));
  lines.push(total === 0 ? noFilesSaid(result) ?? words.none : `${plural(words.problems, total, result.locale)} (${parts.join(', ')})`);
  return `${lines.join('\n')}\n`;
}

const sarifLevels: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A file's SARIF artifact location: a percent-encoded URI relative to %SRCROOT% (the current folder) when it is inside. */
function artifactLocation(path: string, cwd: string) {
  const rel = inside(path, cwd);
  if (rel === undefined) return { uri: pathToFileURL(path).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function physicalLocation(at: Location, cwd: string, path: string) {
  return {
    artifactLocation: artifactLocation(path, cwd),
    region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
  };
}

export function formatSarif(result: RunResult, { locator, pathOf }: FormatTools): string {
  const { locale, cwd } = result;
  const rules = allRules.map((rule) => ({
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.title[locale] },
    fullDescription: { text: rule.docs.finds[locale] },
    help: { text: rule.docs.matters[locale] },
    helpUri: ruleDocsUrl(rule.code),
    defaultConfiguration: { level: sarifLevels[rule.defaultSeverity] },
    properties: { azureError: rule.azureError, defaultSeverity: rule.defaultSeverity },
  }));
  const results = result.files.flatMap((file) => file.findings.map((finding) => ({
    ruleId: finding.code,
    ruleIndex: allRules.findIndex((r) => r.code === finding.code),
    level: sarifLevels[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: physicalLocation(locator.locate(file.path, finding.start, finding.end), cwd, file.path) }],
    ...(finding.related.length > 0 ? {
      relatedLocations: finding.related.map((related, id) => {
        const path = pathOf(related.uri);
        return { id, message: { text: related.message }, physicalLocation: physicalLocation(locator.locate(path, related.start, related.end), cwd, path) };
      }),
    } : {}),
    properties: { azureError: finding.azureError, severity: finding.severity },
  })));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'azs-lint', version: result.version, informationUri: ruleDocsBaseUrl, rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd + sep).href } },
      results,
      invocations: [{
        executionSuccessful: true,
        toolExecutionNotifications: result.notes.map((note) => ({
          level: 'note', message: { text: note.message },
          locations: [{ physicalLocation: { artifactLocation: artifactLocation(note.path, cwd) } }],
          ...(note.skip ? { properties: { skipped: note.skip.reason, size: note.skip.size, fileType: note.skip.type, encoding: note.skip.encoding && encodingLabel(note.skip.encoding) } } : {}),
        })),
      }],
    }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
