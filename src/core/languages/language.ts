// The shape of a language the linter reads: how its files are known (extensions, VS Code language ids), the cheap
// test before any read, how its comments start, and its reader. lint.ts, the editor and the CLI know no language by
// name: they ask the registry (index.ts), so adding a language is one entry plus its reader.
import type { FileFacts } from '../facts';
import type { Localized } from '../l10n';
import type { TextChange } from '../parse/powershell';

export type { TextChange };

/** Why a document was not linted, or not all of it: a message with an optional `{detail}`. */
export interface Notice {
  message: Localized;
  detail?: string;
}

export const readFailed: Localized = { en: 'Not linted: {detail}', sv: 'Inte kontrollerad: {detail}' };

export interface ReadInput<S> {
  uri: string;
  text: string;
  /** The document's text when this reader last read it, and the state it kept then. */
  previous?: { text: string; state: S | undefined };
  /** The edits that turned `previous.text` into `text` (offsets into the older text), when the editor says. */
  changes?: readonly TextChange[];
  /** The state of the document this one is read with (`pairing`: a template's parameter file). */
  partner?: S;
  /** The folder that holds web-tree-sitter.wasm and tree-sitter-powershell.wasm. */
  wasmDir: string;
  /** Whether a state that only speeds up the next read (a syntax tree) is worth keeping: false when each document is read once. */
  keepForNextRead: boolean;
}

export interface Reading<S> {
  facts: FileFacts;
  /** What the next read of the document, or the reads paired with it, need. */
  state?: S;
  notice?: Notice;
}

/**
 * Documents of a language read together, such as an ARM template and its parameter file. One index per workspace
 * knows the documents' states and says which document a read takes as `partner`.
 */
export interface PairIndex<S> {
  /** Records a document's new state (undefined: removed); returns the documents read with it, to be read again. */
  update(uri: string, state: S | undefined): string[];
  /** The document whose state the read of `uri` takes as its partner, if any. */
  partnerOf(uri: string): string | undefined;
}

export interface Language<K extends string = string, S = unknown> {
  kind: K;
  /** File extensions, lower case and without the dot. */
  extensions: readonly string[];
  /** VS Code language ids; a document whose id is one of them is read as this language whatever its name. */
  languageIds: readonly string[];
  /** Words without which a document cannot touch an Azure Stack registration: tested before any read. */
  relevant: RegExp;
  /** What opens a line comment (suppression comments), if the language has them. */
  lineComment?: string;
  /**
   * Markdown code blocks that hold this language: the tags (an info string's first word) that say so, and whether a
   * document's blocks are read together, as one script run from the top (a runbook's steps), or each on its own.
   */
  fence?: { tags: readonly string[]; together: boolean };
  read(input: ReadInput<S>): Reading<S> | Promise<Reading<S>>;
  /** Frees what a state holds outside the JavaScript heap (a syntax tree). */
  release?(state: S): void;
  /** A new index of the documents read together, for languages that have such. */
  pairs?(): PairIndex<S>;
}

/** Declares a language, keeping its kind as a literal type (the registry's `DocumentKind`). */
export function defineLanguage<const K extends string, S>(language: Language<K, S>): Language<K, S> {
  return language;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * A stack run out: said in words of ours. The engine's words are neither localized nor true of the file alone: how deep
 * a file may nest before it happens depends on the process's stack.
 */
const tooDeep: Localized = {
  en: 'Not linted: the file nests too deeply for the linter to read it.',
  sv: 'Inte kontrollerad: filen är nästlad för djupt för att lintern ska kunna läsa den.',
};

/** Why a read that threw `error` left the document unlinted. */
export function readFailure(error: unknown): Notice {
  return error instanceof RangeError && /call stack/i.test(error.message) ? { message: tooDeep } : { message: readFailed, detail: errorText(error) };
}
