// One share of an azs-lint run's files, read and checked by one thread with a LintWorkspace of its own. A run is one
// workspace all the same: every share holds every file's place in the run's order, and before checking takes the
// registrations the other shares' files declare (declarations are what findings in one file take from another). The
// threads walk the run's files together and each file goes to the thread that gets to it first (a thread that starts
// later, or gets less of a core, reads less); ARM templates and parameter files of one folder, which are read
// together, go to one thread.
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

  /**
   * Reads the files that `claims` gives this thread (all, without claims), holding the place of the others in the
   * run's order.
   */
  async read(files: readonly RunFile[], claims: Claims | undefined, locale: Locale): Promise<ShareRead> {
    const units = claims && unitsOf(files);
    const result: ShareRead = { sources: [], skipped: [], declarations: [] };
    for (const [index, file] of files.entries()) {
      if (units && !claims.take(units[index])) {
        await this.workspace.declare(file.uri, file.kind, []);
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
 * The unit each file of the run belongs to, as an index into the run's files: a file is a unit of its own, except that
 * the JSON files of a folder (templates and their parameter files, read together) are one.
 */
export function unitsOf(files: readonly RunFile[]): number[] {
  const folders = new Map<string, number>();
  return files.map((file, index) => {
    if (file.kind !== 'json') return index;
    const folder = dirname(file.path);
    const first = folders.get(folder) ?? index;
    folders.set(folder, first);
    return first;
  });
}

/**
 * Which thread reads which unit of the run's files, in memory the threads share: a unit is taken by the first thread
 * that asks for it.
 */
export class Claims {
  private readonly owners: Int32Array;

  /** `thread`: this thread's number, from 1; `memory`: from `Claims.memory`, the same for every thread of the run. */
  constructor(memory: SharedArrayBuffer, private readonly thread: number) {
    this.owners = new Int32Array(memory);
  }

  /** Memory for the claims on a run of `files` files. */
  static memory(files: number): SharedArrayBuffer {
    return new SharedArrayBuffer(files * Int32Array.BYTES_PER_ELEMENT);
  }

  /** True when the unit is this thread's: it was free and is taken now, or this thread took it before. */
  take(unit: number): boolean {
    const owner = Atomics.compareExchange(this.owners, unit, 0, this.thread);
    return owner === 0 || owner === this.thread;
  }
}
