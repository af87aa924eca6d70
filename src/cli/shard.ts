// One share of an azs-lint run's files, read and checked by one thread with a LintWorkspace of its own. A run is one
// workspace all the same: every share holds every file's place in the run's order, and before checking takes the
// registrations the other shares' files declare (declarations are what findings in one file take from another). ARM
// templates and parameter files of one folder, which are read together, stay in one share.
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { LintWorkspace, describeInternalError, maxDocumentLength, type DocumentKind, type Finding, type Locale, type RuleSeverityConfig } from '../core/lint';
import type { RegistrationDeclaration } from '../core/facts';
import { looksBinary } from '../core/text';
import { decode, encodingId } from '../core/encoding';
import type { Source } from './fix';
import type { Note } from './output';
import { fileTypeOf, skipNote, systemDetail, type Skip } from './skipped';

/** A file of the run that some language reads. */
export interface RunFile {
  path: string;
  uri: string;
  kind: DocumentKind;
  /** Its size when the run's files were collected: what sharing out weighs (it is read, and checked again, later). */
  size: number;
}

export interface ShardOptions {
  wasmDir: string;
  locale: Locale;
  rules?: RuleSeverityConfig;
}

/** What a share read: its files' texts, the files it skipped, and the registrations each file declares. */
export interface ShareRead {
  sources: Source[];
  skipped: Note[];
  declarations: { uri: string; kind: DocumentKind; registrations: RegistrationDeclaration[] }[];
}

/** A checked file: its findings, and why it was not linted or not by every rule. */
export interface Checked {
  uri: string;
  findings: Finding[];
  notices: string[];
}

/** The file's text and encoding, or why it is skipped. */
function readSource(file: RunFile, locale: Locale): Source | Note {
  let skip: Skip;
  try {
    const stats = statSync(file.path);
    if (!stats.isFile()) return skipNote(file.path, { reason: 'notRegular', type: fileTypeOf(stats) }, locale);
    if (stats.size > maxDocumentLength) return skipNote(file.path, { reason: 'large', size: stats.size, type: 'file' }, locale);
    const read = decode(readFileSync(file.path));
    if (!looksBinary(read.text)) return { ...file, original: read.text, text: read.text, encoding: read.encoding, fixed: [] };
    skip = { reason: 'binary', size: stats.size, type: 'file', encoding: read.encoding };
  } catch (error) {
    skip = { reason: 'unreadable', detail: systemDetail(error) };
  }
  return skipNote(file.path, skip, locale);
}

export class Shard {
  readonly workspace: LintWorkspace;

  constructor(options: ShardOptions) {
    this.workspace = new LintWorkspace({
      wasmDir: options.wasmDir, keepSyntaxTrees: false, locale: options.locale, ...(options.rules ? { rules: options.rules } : {}),
      onInternalError: (error) => process.stderr.write(`azs-lint: ${describeInternalError(error)}\n`),
    });
  }

  /** Reads the files at `own` (indexes into `files`, the run's order), holding the place of the others. */
  async read(files: readonly RunFile[], own: readonly number[], locale: Locale): Promise<ShareRead> {
    const mine = new Set(own);
    const result: ShareRead = { sources: [], skipped: [], declarations: [] };
    for (const [index, file] of files.entries()) {
      if (!mine.has(index)) {
        if (own.length < files.length) await this.workspace.declare(file.uri, file.kind, []);
        continue;
      }
      const source = readSource(file, locale);
      if (!('text' in source)) {
        result.skipped.push(source);
        continue;
      }
      await this.workspace.update(file.uri, source.text, file.kind, undefined, encodingId(source.encoding));
      result.sources.push(source);
    }
    // Worked out after all are read: a template is read again when its parameter file comes after it.
    for (const source of result.sources) {
      const registrations = this.workspace.declarationsOf(source.uri);
      if (registrations.length > 0) result.declarations.push({ uri: source.uri, kind: source.kind, registrations });
    }
    return result;
  }

  /** Takes the registrations that the other shares' files declare. */
  async declare(declarations: ShareRead['declarations']): Promise<void> {
    for (const { uri, kind, registrations } of declarations) await this.workspace.declare(uri, kind, registrations);
  }

  check(sources: readonly Source[]): Checked[] {
    return sources.map(({ uri }) => {
      const notice = this.workspace.notice(uri);
      const findings = this.workspace.findings(uri);
      const failure = this.workspace.failureNotice(uri);
      return { uri, findings, notices: [notice, failure].filter((n): n is string => n !== undefined) };
    });
  }
}

/**
 * What reading and checking a character of each kind costs, relative to JSON (measured on the bench's files): a
 * PowerShell script goes through tree-sitter and the most rules, a template through JSON.parse. Shares weighed by
 * size alone gave one thread the templates and the other the scripts, and the first waited 2 s for the second.
 */
const costPerByte: Record<DocumentKind, number> = { powershell: 4, markdown: 3, http: 2, shell: 2, json: 1 };

/** A file's weight when sharing out the run: its size times its kind's cost, as the cost of reading it grows with it. */
function weight(file: RunFile): number {
  return file.size * costPerByte[file.kind];
}

/**
 * The run's files shared out over `count` threads, as indexes into `files`, the heaviest units first to the lightest
 * share. A unit is one file, or all JSON files of a folder (templates and parameter files are read together).
 */
export function shareOut(files: readonly RunFile[], count: number): number[][] {
  const units = new Map<string, number[]>();
  files.forEach((file, index) => {
    const key = file.kind === 'json' ? `json:${dirname(file.path)}` : `file:${index}`;
    units.set(key, [...units.get(key) ?? [], index]);
  });
  const weighed = [...units.values()].map((indexes) => ({ indexes, weight: indexes.reduce((sum, i) => sum + weight(files[i]), 0) }));
  weighed.sort((a, b) => b.weight - a.weight);
  const shares = Array.from({ length: count }, () => ({ indexes: [] as number[], weight: 0 }));
  for (const unit of weighed) {
    const lightest = shares.reduce((min, share) => (share.weight < min.weight ? share : min));
    lightest.indexes.push(...unit.indexes);
    lightest.weight += unit.weight;
  }
  return shares.map((share) => share.indexes.sort((a, b) => a - b)).filter((share) => share.length > 0);
}
